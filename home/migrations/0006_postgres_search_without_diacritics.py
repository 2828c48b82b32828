"""On PostgreSQL, a text search configuration that folds diacritics.

Visitors often type Latvian without diacritics ("gimenu atbalsts" for
"ģimeņu atbalsts"). SQLite's FTS5 folds them already; PostgreSQL needs the
`unaccent` extension and a configuration that runs it before the `simple`
dictionary (lower case, no stemming: there is no Latvian stemmer). The
search backend uses it through WAGTAILSEARCH_BACKENDS' SEARCH_CONFIG, see
docs/search.md. On other databases this migration does nothing.
"""

from django.db import migrations

CONFIG = "simple_unaccent"
# Token types whose text may hold letters outside ASCII.
TOKEN_TYPES = "word, hword, hword_part, numword, numhword, hword_numpart"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        # A trusted extension since PostgreSQL 13: the database owner may create it.
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [CONFIG])
        if cursor.fetchone():
            return
        cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)")
        cursor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
            f"ALTER MAPPING FOR {TOKEN_TYPES} WITH unaccent, simple"
        )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [("home", "0005_staff_groups_in_latvian")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
