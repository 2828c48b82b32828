"""The production settings in fresh interpreters, with the environment an operator
would give them (not this machine's), on a data folder of the test's own."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "production-test-" + "k" * 40


# Variables of this machine that an operator's environment would not have;
# DJANGO_ALLOW_ASYNC_UNSAFE is set by the test settings for Playwright.
NOT_INHERITED = {
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CACHE_URL",
    "SECURE_SSL_REDIRECT",
    "WEB_CONCURRENCY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def production_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """An operator's environment for the production settings, on a data folder of its own."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in NOT_INHERITED and not key.startswith(("AWS_", "ANYMAIL_"))
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "website.settings.production",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "testserver,cilveks.example.org",
            "VAR_DIR": str(var_dir),
            **extra,
        }
    )
    return environment


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """`python *args` in the repository with environment `env`, output captured."""
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
