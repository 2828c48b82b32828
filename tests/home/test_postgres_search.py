"""PostgreSQL's full-text search folds diacritics like SQLite's FTS5 (docs/search.md).

The answers themselves are checked on both lanes by test_search.py; this
checks the part only PostgreSQL has: the text search configuration.
"""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db]


def test_the_search_backend_uses_the_configuration_that_folds_diacritics():
    assert get_search_backend().config == "simple_unaccent"


def test_latvian_words_lose_case_and_diacritics_but_are_not_stemmed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('simple_unaccent', %s)::text",
            ["Ģimeņu atbalsts ŠĶŪNIS sociālie-darbinieki"],
        )
        (vector,) = cursor.fetchone()
    assert vector == (
        "'atbalsts':2 'darbinieki':6 'gimenu':1 'skunis':3 'socialie':5 'socialie-darbinieki':4"
    )
