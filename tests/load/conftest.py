"""The load test: wrk against gunicorn, minutes long (`make test`, not `make test-fast`)."""

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of this folder is a load test (the hook sees the whole run)."""
    for item in items:
        if "tests/load/" in str(item.path):
            item.add_marker(pytest.mark.load)
