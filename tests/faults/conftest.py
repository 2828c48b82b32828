# The newsletter's real SMTP sink and Redis fixtures, for the send under faults.
from tests.newsletter.conftest import redis_url, smtp_sink  # noqa: F401
