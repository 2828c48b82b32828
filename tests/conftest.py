import pytest

from home import demo_content


@pytest.fixture
def home(db):
    """The Latvian home page with its English translation, as the site root."""
    return demo_content.build_home()


@pytest.fixture
def demo(db):
    """The whole demo site."""
    demo_content.load()
