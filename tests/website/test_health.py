"""`/healthz`: 200 when the database and the broker answer, 503 naming what is down.

The failures are real: a PostgreSQL address where nothing listens, and a real
Redis server started for the test and then killed. Each case runs in a fresh
interpreter, because the Celery app reads its broker URL once per process.
"""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from tests.support.markers import starts_processes
from tests.support.servers import RedisServer, free_port
from tests.support.servers import redis_server as running_redis

ROOT = Path(__file__).resolve().parents[2]

ASK = """
import json, time, django
django.setup()
from django.test import Client
started = time.monotonic()
response = Client().get("/healthz")
print(json.dumps({
    "status": response.status_code,
    "body": response.json(),
    "seconds": time.monotonic() - started,
}))
"""


def dependencies(body: dict) -> dict:
    """The database's and broker's states; the sends' state is tested in
    tests/newsletter/test_no_dead_ends.py (these databases have no tables)."""
    return {name: body[name] for name in ("database", "broker")}


def ask_health(var_dir: Path, **env: str) -> dict:
    """GET /healthz in a new process with the test settings and these variables."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="website.settings.test",
        ALLOWED_HOSTS="testserver",
        VAR_DIR=str(var_dir),
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", ASK],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
@starts_processes
def redis_server(tmp_path) -> Iterator[RedisServer]:
    """A Redis server of this test's own, which the test may kill."""
    with running_redis(tmp_path / "redis") as server:
        yield server


@pytest.mark.django_db
def test_all_up_answers_200():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "sending": "ok"}


@pytest.mark.django_db
def test_answer_is_never_cached():
    response = Client().get("/healthz")
    assert "no-cache" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_only_get_is_allowed():
    assert Client().post("/healthz").status_code == 405


@pytest.mark.processes
def test_database_down_answers_503(tmp_path):
    # Nothing listens on this port: a stopped PostgreSQL server.
    answer = ask_health(tmp_path, DATABASE_URL=f"postgres://app:app@127.0.0.1:{free_port()}/app")
    assert answer["status"] == 503
    assert dependencies(answer["body"]) == {"database": "down", "broker": "ok"}


@pytest.mark.processes
def test_broker_down_answers_503(tmp_path, redis_server):
    url = redis_server.url
    assert dependencies(ask_health(tmp_path, CELERY_BROKER_URL=url)["body"]) == {
        "database": "ok",
        "broker": "ok",
    }

    redis_server.stop(kill=True)
    answer = ask_health(tmp_path, CELERY_BROKER_URL=url)
    assert answer["status"] == 503
    assert dependencies(answer["body"]) == {"database": "ok", "broker": "down"}
    # A load balancer's probe must not hang on a dead broker.
    assert answer["seconds"] < 10


@pytest.mark.processes
def test_both_down_names_both(tmp_path, redis_server):
    redis_server.stop(kill=True)
    answer = ask_health(
        tmp_path,
        CELERY_BROKER_URL=redis_server.url,
        DATABASE_URL=f"postgres://app:app@127.0.0.1:{free_port()}/app",
    )
    assert answer["status"] == 503
    assert dependencies(answer["body"]) == {"database": "down", "broker": "down"}
