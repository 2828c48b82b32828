"""Settings for pytest (`make test`)."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# whitenoise serves straight from the apps' static folders: no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
# In-process tests read mail.outbox; the browser tests' server writes files.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or "django.core.mail.backends.locmem.EmailBackend"
# In-process tests run tasks at once; the browser tests' server hands them to
# a real worker (CELERY_TASK_ALWAYS_EAGER=0) so that a send's progress is live.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private-media"  # noqa: F405
STORAGES["documents"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
# One folder per run (the restore drill backs up and restores for real).
BACKUP_DIR = VAR_DIR / f"test-backups-{os.getpid()}"  # noqa: F405
STORAGES["dbbackup"]["OPTIONS"]["location"] = str(BACKUP_DIR)  # noqa: F405
# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls from it. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# A file, not memory: the Celery worker started by the integration tests is
# another process and must see the same test database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One file per test run, so that two runs on one machine do not collide.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")  # noqa: F405
    }

# Wagtail logs every page created, edited and published at INFO: thousands of
# lines a run, each formatted and captured for nothing. Tests that read the
# logs set their own levels (tests/newsletter/test_logs.py).
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
