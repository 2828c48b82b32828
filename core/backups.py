"""Nightly backups with django-dbbackup: the database and every uploaded file.

The media backup walks the default storage, which holds the public media
and the private documents (core/media_storage.py), so one archive has
both. How to restore and how to rehearse it: docs/deployment.md.
"""

from dbbackup.db.sqlite import SqliteConnector
from django.core.management import call_command
from django.db import transaction


def back_up() -> None:
    """Back up the database and the media (documents included), gzip-compressed,
    and keep the newest DBBACKUP_CLEANUP_KEEP of each."""
    call_command("dbbackup", compress=True, clean=True, interactive=False, verbosity=0)
    call_command("mediabackup", compress=True, clean=True, interactive=False, verbosity=0)


def restore_latest() -> None:
    """Restore the newest database and media backups over the current ones."""
    call_command("dbrestore", uncompress=True, interactive=False, verbosity=0)
    call_command("mediarestore", uncompress=True, replace=True, interactive=False, verbosity=0)


class SqliteSnapshotConnector(SqliteConnector):
    """dbbackup's SQL dump of SQLite, taken as one snapshot and replayed in one
    transaction with foreign keys checked at the end.

    dbbackup's own replays table by table in name order with foreign keys
    enforced, so a row that points to a table later in the alphabet is lost
    (pages, consent records); its default connector copies the file over a
    live WAL database instead. The full-text tables are left out: the search
    index's triggers rebuild them as its rows come back.
    """

    def create_dump(self):
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE '%\\_fts%' ESCAPE '\\'")
            self.exclude = [*self.exclude, *(name for (name,) in cursor.fetchall())]
        with transaction.atomic(using=self.database_name):
            return super().create_dump()

    def restore_dump(self, dump):
        with (
            self.connection.constraint_checks_disabled(),
            transaction.atomic(using=self.database_name),
        ):
            self._empty_tables()
            super().restore_dump(dump)
            self.connection.check_constraints()

    def _empty_tables(self) -> None:
        """A restore replaces the data: rows already there (content types and
        permissions that `migrate` or `flush` recreate, with other ids) would
        make the dump's own rows collide, and dbbackup skips a failing INSERT
        with only a warning."""
        with self.connection.cursor() as cursor:
            tables = self.connection.introspection.table_names(cursor)
            for table in tables:
                if "_fts" not in table and not table.startswith("sqlite_"):
                    cursor.execute(f"DELETE FROM {self.connection.ops.quote_name(table)}")
