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
