"""Settings come from the environment, as the README's table says."""

import os
import subprocess
import sys
from ast import literal_eval
from pathlib import Path

import pytest

# Each test reads the settings in a fresh interpreter.
pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parents[2]


def settings_value(expression: str, module: str = "website.settings.dev", **env: str):
    """Evaluate `expression` on django.conf.settings in a fresh interpreter."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL"}
    }
    environment.update(DJANGO_SETTINGS_MODULE=module, **env)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(repr(({expression})))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = settings_value("settings.DEBUG", "website.settings.production", ALLOWED_HOSTS="x.lv")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = settings_value("settings.DEBUG", "website.settings.production", SECRET_KEY="k" * 50)
    assert result.returncode != 0
    assert "Set the ALLOWED_HOSTS environment variable" in result.stderr


def test_production_starts_with_both():
    result = settings_value(
        "settings.ALLOWED_HOSTS",
        "website.settings.production",
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="cilveks.example.org,www.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['cilveks.example.org', 'www.example.org']"


def test_defaults_are_embedded_sqlite_broker_and_file_outbox():
    result = settings_value(
        "settings.DATABASES['default']['ENGINE'], settings.CELERY_BROKER_URL, "
        "settings.EMAIL_BACKEND, str(settings.EMAIL_FILE_PATH)"
    )
    assert result.returncode == 0, result.stderr
    engine, broker, backend, outbox = literal_eval(result.stdout)
    assert engine == "django.db.backends.sqlite3"
    assert broker.startswith("sqla+sqlite:///") and broker.endswith("var/celery-broker.sqlite3")
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert str(outbox).endswith("var/outbox")


def test_environment_switches_to_postgres_and_redis():
    result = settings_value(
        "settings.DATABASES['default']['ENGINE'], settings.CELERY_BROKER_URL, "
        "settings.CACHES['default']['BACKEND']",
        DATABASE_URL="postgres://app:pw@db.internal:5432/site",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr
    assert literal_eval(result.stdout) == (
        "django.db.backends.postgresql",
        "redis://127.0.0.1:6379/0",
        "core.redis_cache.RedisCache",
    )


def test_empty_database_url_counts_as_unset():
    result = settings_value("settings.DATABASES['default']['ENGINE']", DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    assert literal_eval(result.stdout) == "django.db.backends.sqlite3"


def test_anymail_esp_selects_its_backend_and_keys():
    result = settings_value(
        "settings.EMAIL_BACKEND, settings.ANYMAIL",
        ANYMAIL_ESP="brevo",
        ANYMAIL_BREVO_API_KEY="xkeysib-test",
        ANYMAIL_WEBHOOK_SECRET="u:p",
    )
    assert result.returncode == 0, result.stderr
    backend, anymail = literal_eval(result.stdout)
    assert backend == "anymail.backends.brevo.EmailBackend"
    assert anymail == {"BREVO_API_KEY": "xkeysib-test", "WEBHOOK_SECRET": "u:p"}
