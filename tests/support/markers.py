"""What makes a test slow, as markers (registered in pyproject.toml).

- `processes`: the test starts other programs (a Celery worker, gunicorn,
  runserver, Redis, the Java HTML checker, a fresh Python interpreter under
  other settings). A fixture that starts one is declared with
  `@starts_processes`, and every test using it is marked by tests/conftest.py;
  a test that starts one itself carries `@pytest.mark.processes`.
- `browser`: the Playwright journeys in tests/e2e/ (marked by folder).
- `load`: the load test in tests/load/ (marked by folder).

`make test-fast` leaves all three out.
"""

from collections.abc import Callable
from typing import TypeVar

Fixture = TypeVar("Fixture", bound=Callable)

# Names of the fixtures that start processes; filled as test modules are imported.
PROCESS_FIXTURES: set[str] = set()


def starts_processes(fixture: Fixture) -> Fixture:
    """Declare a fixture function as starting processes (put it under @pytest.fixture)."""
    PROCESS_FIXTURES.add(fixture.__name__)
    return fixture
