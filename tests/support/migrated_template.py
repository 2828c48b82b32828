"""A copy of the freshly migrated SQLite test database, reused while no migration changes.

Building the test database runs every migration of every app (Wagtail's alone
are well over a hundred): 15-20 seconds per process on this machine, paid once
by each of the fast loop's workers on every run. The first run keeps a copy
of the database as migrated, named after a digest of all migration files;
later runs copy it into place and let Django's ``migrate`` find nothing to do
(its post-migrate steps still run). A changed, added or removed migration
changes the digest, so a stale copy is never used. PostgreSQL (lane 2) always
builds its database the ordinary way.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

TEMPLATE_DIR = Path(settings.VAR_DIR) / "test-templates"


def applies() -> bool:
    """Only the SQLite lane keeps a template (a file copy is the whole trick)."""
    return connection.vendor == "sqlite"


def migrations_digest() -> str:
    """A digest of every installed app's migration files, names and contents."""
    digest = hashlib.sha256()
    for app in sorted(apps.get_app_configs(), key=lambda app: app.label):
        try:
            module = import_module(f"{app.name}.migrations")
        except ImportError:
            continue
        folder = Path(next(iter(module.__path__)))
        for path in sorted(folder.glob("*.py")):
            digest.update(f"{app.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def template_path() -> Path:
    return TEMPLATE_DIR / f"migrated-{migrations_digest()}.sqlite3"


def test_database_path() -> Path:
    return Path(settings.DATABASES["default"]["TEST"]["NAME"])


def put_in_place() -> bool:
    """Copy the template to where the test database goes; False when there is none yet."""
    template = template_path()
    if not template.exists():
        return False
    target = test_database_path()
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return True


def save() -> None:
    """Keep the migrated test database as the template (atomically; older ones removed)."""
    template = template_path()
    if template.exists():
        return
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    # The backup API copies committed pages, WAL included, from the open connection.
    partial = template.with_suffix(f".{os.getpid()}.partial")
    connection.ensure_connection()
    copy = sqlite3.connect(partial)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    partial.replace(template)
    for old in TEMPLATE_DIR.glob("migrated-*.sqlite3"):
        if old != template:
            old.unlink(missing_ok=True)


def remove_test_database() -> None:
    """The test database is kept by Django when reused: remove it at the end of the run."""
    target = test_database_path()
    for path in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        path.unlink(missing_ok=True)
