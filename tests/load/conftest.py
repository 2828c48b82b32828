from tests.newsletter.conftest import redis_url  # noqa: F401 – the same real Redis fixture
