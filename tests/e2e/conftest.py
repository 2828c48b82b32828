"""Browser journeys: Playwright driving Debian's Chromium against a real server.

The server is `manage.py runserver` on a throwaway copy of the demo site (as
`make run` builds it), started once per session: the journeys see what a
visitor or an editor would, and the test database is not involved.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.support.browser import EDITOR, MANAGER, MODERATOR
from tests.support.markers import starts_processes
from tests.support.servers import (
    ROOT,
    free_port,
    manage,
    shell,
    start_worker,
    stop_worker,
    wait_for,
)

CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of this folder is a browser journey (the hook sees the whole run)."""
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.browser)


CREATE_MANAGER = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from newsletter.permissions import MANAGERS_GROUP
user = get_user_model().objects.create_user(
    {MANAGER["username"]!r}, {MANAGER["email"]!r}, {MANAGER["password"]!r}
)
user.groups.add(Group.objects.get(name=MANAGERS_GROUP))
"""
CREATE_STAFF = "".join(
    f"""
get_user_model().objects.create_user(
    {person["username"]!r}, {person["email"]!r}, {person["password"]!r}
).groups.add(Group.objects.get(name={group!r}))
"""
    for person, group in ((EDITOR, "Redaktori"), (MODERATOR, "Moderatori"))
)


def site_database_url() -> str:
    """The journeys' own database: on the PostgreSQL lane a fresh one on the lane's
    server; otherwise empty, which means a SQLite file in the site's VAR_DIR."""
    lane_database = os.environ.get("DATABASE_URL", "")
    if not lane_database.startswith("postgres"):
        return ""
    with psycopg.connect(lane_database, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS journeys")
        connection.execute("CREATE DATABASE journeys")
    return lane_database.rsplit("/", 1)[0] + "/journeys"


def site_redis_url(variable: str, database: int) -> str:
    """On the PostgreSQL lane, a Redis database of the journeys' own on the lane's
    server (for `variable`: the broker or the cache); otherwise empty: embedded."""
    lane_url = os.environ.get(variable, "")
    if not lane_url.startswith("redis"):
        return ""
    return f"{lane_url.rsplit('/', 1)[0]}/{database}"


@pytest.fixture(scope="session")
def site_env(tmp_path_factory) -> dict[str, str]:
    """The environment of the demo site's processes: web server and Celery worker."""
    var_dir = tmp_path_factory.mktemp("site")
    port = free_port()
    return {
        **os.environ,
        # DEBUG off, as visitors see it: friendly error pages, whitenoise for static files.
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DJANGO_SUPERUSER_PASSWORD": "admin",
        "VAR_DIR": str(var_dir),
        "PORT": str(port),
        "SITE_URL": f"http://127.0.0.1:{port}",
        # On the PostgreSQL lane: PostgreSQL and Redis too, apart from the tests' own.
        "DATABASE_URL": site_database_url(),
        "CACHE_URL": site_redis_url("CACHE_URL", 2),
        "CELERY_BROKER_URL": site_redis_url("CELERY_BROKER_URL", 3),
        # Sends go to a real worker (see `celery_worker`), slowly enough to watch.
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "NEWSLETTER_RATE_PER_SECOND": "10",
        # E-mails as files, so that a journey can open the one it was sent.
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    }


@pytest.fixture(scope="session")
@starts_processes
def site_url(site_env: dict[str, str]) -> Iterator[str]:
    """The demo site served by runserver on a free port, with an admin and a manager."""
    var_dir = Path(site_env["VAR_DIR"])
    url = site_env["SITE_URL"]
    manage(site_env, "migrate", "--noinput")
    manage(site_env, "load_demo_content")
    admin = ("--username", "admin", "--email", "admin@example.org")
    manage(site_env, "createsuperuser", "--noinput", *admin)
    shell(site_env, CREATE_MANAGER + CREATE_STAFF)
    log = open(var_dir / "server.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{site_env['PORT']}", "--noreload"],
        cwd=ROOT,
        env=site_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"{url}/lv/")
        os.environ["E2E_OUTBOX"] = str(var_dir / "outbox")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
@starts_processes
def celery_worker(site_url: str, site_env: dict[str, str]) -> Iterator[None]:
    """A real Celery worker for the demo site, on its embedded broker."""
    worker = start_worker(site_env, Path(site_env["VAR_DIR"]) / "worker.log", "-c", "2")
    try:
        yield
    finally:
        stop_worker(worker)


@pytest.fixture(scope="session")
def base_url(site_url: str) -> str:
    """pytest-playwright resolves page.goto("/lv/") against this."""
    return site_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Playwright cannot download its own browser here: use Debian's Chromium,
    # with the network features a closed machine refuses switched off.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A visitor whose browser asks for Latvian, as most of the site's readers do."""
    return {**browser_context_args, "locale": "lv-LV"}
