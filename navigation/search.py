"""What a visitor typed into the search box, as words the search backends accept."""

import unicodedata

QUERY_LENGTH = 200


def search_words(typed: str) -> str:
    """The typed text with what no indexed word can contain taken out.

    The site offers no query syntax: the search is for words. Double quotes
    and control characters (NUL above all) are replaced by spaces: the
    SQLite backend puts each word between double quotes without escaping
    the ones inside, so an odd number of them was an FTS5 syntax error and a
    500 (wagtail/wagtail#13227, open), and PostgreSQL refuses a NUL in any
    text. Neither can be part of an indexed word, so nothing findable is
    lost ("ģimeņu "atbalsts" still finds both words).
    """
    kept = (
        " " if char == '"' or unicodedata.category(char).startswith("C") else char
        for char in typed[: QUERY_LENGTH * 2]
    )
    return " ".join("".join(kept).split())[:QUERY_LENGTH]
