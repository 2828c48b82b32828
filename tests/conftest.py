import pytest
from django.core.cache import cache

from home import demo_content


@pytest.fixture
def home(db):
    """The Latvian home page with its English translation, as the site root."""
    return demo_content.build_home()


@pytest.fixture
def demo(db):
    """The whole demo site."""
    demo_content.load()


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
        Page.add_root(title="Root", slug="root", locale=latvian)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
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
    demo_content.load()


@pytest.fixture
def committed_home(transactional_db):
    restore_migrated_data()
    return demo_content.build_home()
