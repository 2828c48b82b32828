from collections.abc import Iterator

import django.test
import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.db import transaction

from demo.loading import load as load_demo
from demo.site import build_home
from tests.support import migrated_template
from tests.support.markers import PROCESS_FIXTURES, starts_processes
from tests.support.servers import free_port, redis_server
from tests.support.smtp import Sink


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings) -> Iterator[bool]:
    """Start from the kept copy of the migrated database when there is one.

    See tests/support/migrated_template.py: it spares each process of the
    fast loop the 15-20 seconds of running every migration.
    """
    reuse = request.config.getvalue("reuse_db")
    in_place = (
        migrated_template.applies()
        and not reuse
        and not request.config.getvalue("create_db")
        and migrated_template.put_in_place()
    )
    yield reuse or in_place
    if in_place:
        migrated_template.remove_test_database()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> None:
    """pytest-django's set-up, then a copy of the migrated database for the next run."""
    if migrated_template.applies():
        with django_db_blocker.unblock():
            migrated_template.save()


@pytest.fixture
def home(db):
    """The Latvian home page with its English translation, as the site root."""
    return build_home()


class DemoSnapshot:
    """The demo site, loaded once per run inside a transaction held open.

    Loading it takes seconds and over a hundred tests read it. Each of them
    runs in a savepoint inside this transaction (pytest-django's per-test
    atomic nests in it), so whatever a test changes is rolled back to the
    demo as loaded. The transaction must be gone before a test that needs
    an empty database or commits for real: pytest_collection_modifyitems
    runs the demo's tests one after another, and pytest_runtest_teardown
    rolls the snapshot back after the last of them.
    """

    def __init__(self, blocker) -> None:
        self.blocker = blocker
        self.transaction: transaction.Atomic | None = None

    def open(self) -> None:
        with self.blocker.unblock():
            self.transaction = transaction.atomic()
            self.transaction.__enter__()
            load_demo()

    def close(self) -> None:
        if self.transaction is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.transaction.__exit__(None, None, None)
        self.transaction = None


DEMO_SNAPSHOT = pytest.StashKey[DemoSnapshot]()


@pytest.fixture(scope="session")
def demo_snapshot(request, django_db_setup, django_db_blocker) -> Iterator[DemoSnapshot]:
    snapshot = DemoSnapshot(django_db_blocker)
    snapshot.open()
    request.config.stash[DEMO_SNAPSHOT] = snapshot
    yield snapshot
    snapshot.close()


@pytest.fixture
def demo(demo_snapshot: DemoSnapshot, db) -> None:
    """The whole demo site; a test's changes to it are rolled back after it."""
    assert demo_snapshot.transaction is not None, "the demo's tests must run one after another"


def uses_demo(item: pytest.Item) -> bool:
    return "demo_snapshot" in getattr(item, "fixturenames", ())


def rolls_back(item: pytest.Item) -> bool:
    """A database test that runs inside a transaction rolled back at its end."""
    test_class = getattr(item, "cls", None)
    if test_class is not None and issubclass(test_class, django.test.TestCase):
        return True  # Django's TestCase rolls back too (WagtailPageTestCase)
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or (
        "transactional_db" in fixtures
    )
    return (marker is not None or "db" in fixtures) and not transactional


def pytest_itemcollected(item: pytest.Item) -> None:
    """A test using a fixture that starts processes gets the `processes` marker
    (here, before `-m` selects: the collection hooks below run after it)."""
    if PROCESS_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        item.add_marker(pytest.mark.processes)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The demo's tests together, at the end of the rolled-back database tests.

    pytest-django has already put the tests in Django's order: database tests
    rolled back, then transactional ones (which flush every table), then the
    rest. The snapshot needs the migrated data, which a flush removes.
    """
    demo_tests = [item for item in items if uses_demo(item)]
    others = [item for item in items if not uses_demo(item)]
    boundary = next((n for n, item in enumerate(others) if not rolls_back(item)), len(others))
    items[:] = others[:boundary] + demo_tests + others[boundary:]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    yield
    if nextitem is None or not uses_demo(nextitem):
        snapshot = item.config.stash.get(DEMO_SNAPSHOT, None)
        if snapshot is not None:
            snapshot.close()


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages must not leak from one test's data into the next."""
    cache.clear()
    yield
    cache.clear()


def restore_migrated_data() -> None:
    """What migrations put in the database, for tests that run after a flush.

    A transactional test (one whose data other processes must see) ends by
    flushing every table, migration data included; the next such test puts
    back what the site needs: the locales, the tree roots and the default list.
    """
    from wagtail.models import Collection, Locale, Page

    from newsletter.models import MailingList

    latvian, _ = Locale.objects.get_or_create(language_code="lv")
    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.exists():
        Page.add_root(title="Visas vietnes", slug="root", locale=latvian)
    if not Collection.objects.exists():
        Collection.add_root(name="Galvenā kolekcija")
    if not MailingList.objects.filter(is_default=True).exists():
        MailingList.objects.create(
            name="Sociālo pakalpojumu sniedzēji",
            slug="socialo-pakalpojumu-sniedzeji",
            is_default=True,
        )


@pytest.fixture
def committed_demo(transactional_db):
    """The demo site, committed, for tests that start worker processes."""
    restore_migrated_data()
    load_demo()


@pytest.fixture
def committed_home(transactional_db):
    restore_migrated_data()
    return build_home()


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on loopback; Django sends to it over SMTP."""
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    sink.port = controller.port
    yield sink
    controller.stop()


@pytest.fixture(scope="session")
@starts_processes
def redis_url(tmp_path_factory):
    """A real Redis server on loopback, started and stopped by the test run."""
    with redis_server(tmp_path_factory.mktemp("redis")) as server:
        yield server.url
