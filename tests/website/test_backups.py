"""Backups with django-dbbackup, and a restore drill (issue 11, item 20).

The drill backs up a committed site, wipes the database and every uploaded
file, restores, and finds the pages, subscribers, consent records,
deliveries and documents again. pg_dump and pg_restore run for real on the
PostgreSQL lane, the SQL dump through Django's connection on the SQLite one.
"""

import datetime
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.models import Page

from core import backups
from core.tasks import back_up_site
from newsletter import sending
from newsletter.models import (
    ConsentRecord,
    Delivery,
    MailingList,
    NewsletterIssuePage,
    Subscriber,
)
from tests.support.production import ROOT, production_env, run


@pytest.fixture
def own_folders(settings, tmp_path):
    """Media, documents and backups in folders of the test's own, wiped at will."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            **settings.STORAGES["documents"],
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    yield tmp_path
    shutil.rmtree(settings.BACKUP_DIR, ignore_errors=True)


def site_contents() -> dict:
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "live")),
        "subscribers": sorted(Subscriber.objects.values_list("email", "status")),
        "consents": sorted(ConsentRecord.objects.values_list("email", "wording_version")),
        "deliveries": sorted(Delivery.objects.values_list("subscriber__email", "state")),
        "documents": {
            document.file.name: document.file.open("rb").read()
            for document in Document.objects.all()
        },
    }


@pytest.mark.django_db(transaction=True)
def test_restore_drill_brings_back_pages_subscribers_consents_deliveries_documents(
    own_folders, committed_demo
):
    issue = NewsletterIssuePage.objects.get(locale__language_code="lv")
    sending.create_dispatch(issue, [MailingList.default()])
    subscriber = Subscriber.objects.first()
    ConsentRecord.objects.create(
        subscriber=subscriber,
        email=subscriber.email,
        source=ConsentRecord.Source.FORM,
        legal_basis=ConsentRecord.LegalBasis.CONSENT,
        wording="Piekrītu saņemt e-apkārtrakstu.",
        wording_version="2026-12",
        ip_address="203.0.113.7",
    )
    before = site_contents()
    assert before["deliveries"] and before["consents"] and len(before["documents"]) == 2

    back_up_site.delay()  # what beat runs every night
    names = sorted(path.name for path in Path(settings.BACKUP_DIR).iterdir())
    assert any(name.endswith(".dump.gz") or name.endswith(".psql.bin.gz") for name in names), names
    assert any(name.endswith(".tar.gz") for name in names), names

    call_command("flush", interactive=False)
    shutil.rmtree(own_folders / "media")
    shutil.rmtree(own_folders / "private")
    assert Page.objects.count() == 0 and Subscriber.objects.count() == 0

    backups.restore_latest()

    assert site_contents() == before
    assert (own_folders / "private" / "documents").is_dir()
    assert not (own_folders / "media" / "documents").exists()  # documents stay private


@pytest.mark.django_db
def test_only_the_newest_backups_are_kept(own_folders, settings, monkeypatch):
    import dbbackup.settings

    monkeypatch.setattr(dbbackup.settings, "CLEANUP_KEEP", 3)
    monkeypatch.setattr(dbbackup.settings, "CLEANUP_KEEP_MEDIA", 3)
    folder = Path(settings.BACKUP_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    database = "default"  # dbbackup names the file after the alias
    extension = "dump.gz" if "sqlite" in settings.DATABASES["default"]["ENGINE"] else "psql.bin.gz"
    for day in range(1, 6):  # five earlier nights
        stamp = datetime.datetime(2026, 11, day, 2, 30).strftime("%Y-%m-%d-%H%M%S")
        (folder / f"{database}-cilveks-{stamp}.{extension}").write_bytes(b"old")
        (folder / f"cilveks-{stamp}.tar.gz").write_bytes(b"old")

    backups.back_up()

    kept = sorted(path.name for path in folder.iterdir() if not path.name.endswith(".metadata"))
    assert len([name for name in kept if name.endswith(".tar.gz")]) == 3
    assert len([name for name in kept if not name.endswith(".tar.gz")]) == 3
    assert not any("2026-11-01" in name or "2026-11-02" in name for name in kept)
    assert any("2026-11-05" in name for name in kept)


def test_the_backup_runs_nightly_from_beat():
    job = next(
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "core.tasks.back_up_site"
    )
    assert job["schedule"].hour == {2} and job["schedule"].minute == {30}


@pytest.mark.sqlite_only
@pytest.mark.parametrize("settings_module", ["website.settings.dev", "website.settings.production"])
@pytest.mark.processes
def test_the_commands_work_under_every_settings_module(tmp_path, settings_module):
    environment = production_env(
        tmp_path, DJANGO_SETTINGS_MODULE=settings_module, BACKUP_DIR=str(tmp_path / "kopijas")
    )
    environment.pop("DATABASE_URL", None)
    manage = [str(ROOT / "manage.py")]
    steps = [
        ["migrate", "--noinput"],
        ["dbbackup", "--compress", "--clean"],
        ["mediabackup", "--compress", "--clean"],
        ["dbrestore", "--uncompress", "--noinput"],
        ["mediarestore", "--uncompress", "--replace", "--noinput"],
        ["listbackups"],
    ]
    for step in steps:
        result = run([*manage, *step], environment)
        assert result.returncode == 0, (step, result.stderr[-2000:])
    assert len(list((tmp_path / "kopijas").glob("*.gz"))) == 2
