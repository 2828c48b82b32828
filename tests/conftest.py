from collections.abc import Iterator

import django.test
import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import translation
from wagtail.models import Page

from demo.loading import load as load_demo
from demo.site import build_home
from home.models import HomePage
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


class Snapshot:
    """Data built once per test process inside a transaction held open.

    Building it takes time and many tests read it: the demo site (seconds,
    over two hundred tests) and the home page with its translation (a
    quarter of a second, over four hundred tests). Each test runs in a
    savepoint inside this transaction (pytest-django's per-test atomic
    nests in it), so whatever a test changes is rolled back to the data as
    built. The transaction must be gone before a test that needs other data
    or commits for real: pytest_collection_modifyitems runs each snapshot's
    tests one after another, and pytest_runtest_teardown rolls the snapshot
    back after the last of them.
    """

    def __init__(self, blocker, build) -> None:
        self.blocker = blocker
        self.build = build
        self.transaction: transaction.Atomic | None = None
        self.built = None

    def open(self) -> None:
        with self.blocker.unblock():
            self.transaction = transaction.atomic()
            self.transaction.__enter__()
            self.built = self.build()

    def close(self) -> None:
        if self.transaction is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.transaction.__exit__(None, None, None)
        self.transaction = None


def load_demo_with_its_pictures() -> None:
    """The demo site, each of its pages shown once so that its pictures are made.

    Wagtail makes an image's renditions (here AVIF, WebP and JPEG in two or
    three sizes) the first time a page shows it: one to one and a half seconds
    for a page with pictures. Made inside a test, they were rolled back with
    it, so every test that showed such a page made them again; made here, they
    are part of the snapshot, as on a site that has been visited.
    """
    load_demo()
    visitor = Client()
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        visitor.get(page.url)


DEMO_SNAPSHOT = pytest.StashKey[Snapshot]()
HOME_SNAPSHOT = pytest.StashKey[Snapshot]()


@pytest.fixture(scope="session")
def demo_snapshot(request, django_db_setup, django_db_blocker) -> Iterator[Snapshot]:
    snapshot = Snapshot(django_db_blocker, load_demo_with_its_pictures)
    snapshot.open()
    request.config.stash[DEMO_SNAPSHOT] = snapshot
    yield snapshot
    snapshot.close()


@pytest.fixture(scope="session")
def home_snapshot(request, django_db_setup, django_db_blocker) -> Iterator[Snapshot]:
    """Put first among the fixtures of the tests uses_home_snapshot() picks."""
    snapshot = Snapshot(django_db_blocker, lambda: build_home().pk)
    snapshot.open()
    request.config.stash[HOME_SNAPSHOT] = snapshot
    yield snapshot
    snapshot.close()


@pytest.fixture
def demo(demo_snapshot: Snapshot, db) -> None:
    """The whole demo site; a test's changes to it are rolled back after it."""
    assert demo_snapshot.transaction is not None, "the demo's tests must run one after another"


@pytest.fixture
def home(request, db):
    """The Latvian home page with its English translation, as the site root."""
    snapshot = request.config.stash.get(HOME_SNAPSHOT, None)
    if uses_home_snapshot(request.node) and snapshot is not None:
        assert snapshot.transaction is not None, "the home page's tests must run one after another"
        return HomePage.objects.get(pk=snapshot.built)
    return build_home()


def uses_demo(item: pytest.Item) -> bool:
    return "demo_snapshot" in getattr(item, "fixturenames", ())


def uses_home_snapshot(item: pytest.Item) -> bool:
    """A rolled-back test that needs the home page and nothing of the demo."""
    fixtures = getattr(item, "fixturenames", ())
    return "home" in fixtures and "demo_snapshot" not in fixtures and rolls_back(item)


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
    """The home page's tests together, then the demo's, at the end of the rolled-back tests.

    pytest-django has already put the tests in Django's order: database tests
    rolled back, then transactional ones (which flush every table), then the
    rest. The snapshots need the migrated data, which a flush removes.
    """
    home_tests = [item for item in items if uses_home_snapshot(item)]
    for item in home_tests:
        # First of all its fixtures: the snapshot's transaction must be open
        # before the test's own (the `db` fixture) starts inside it.
        item.fixturenames.insert(0, "home_snapshot")
    demo_tests = [item for item in items if uses_demo(item)]
    grouped = set(home_tests) | set(demo_tests)
    others = [item for item in items if item not in grouped]
    boundary = next((n for n, item in enumerate(others) if not rolls_back(item)), len(others))
    items[:] = others[:boundary] + home_tests + demo_tests + others[boundary:]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    yield
    for key, member in ((HOME_SNAPSHOT, uses_home_snapshot), (DEMO_SNAPSHOT, uses_demo)):
        if member(item) and (nextitem is None or not member(nextitem)):
            snapshot = item.config.stash.get(key, None)
            if snapshot is not None:
                snapshot.close()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language, whatever the one before activated."""
    translation.deactivate()
    yield
    translation.deactivate()


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
