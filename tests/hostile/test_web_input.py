"""Hostile requests to the public site: never a 500, nothing stored half-way.

Random subscribe bodies, random confirmation and unsubscribe tokens, odd
Unicode in page URLs, any `?page=` on the news list, oversized query
strings. hypothesis makes the inputs; each answer must be a page (2xx or
3xx) or a clear 4xx, and the subscribers' table must stay whole.
"""

import itertools
from urllib.parse import quote

import pytest
from django.db.models import Count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletter.models import ConsentRecord, Subscriber

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_addresses = itertools.count(1)
field_values = st.one_of(
    st.text(max_size=300),
    st.emails().map(str),
    st.sampled_from(["lv", "en", "xx", "", "0", "-1", "99999999999999999999", "1e9", "\x00"]),
)
bodies = st.dictionaries(
    st.sampled_from(["email", "name", "organisation", "language", "lists", "website", "x"]),
    st.one_of(field_values, st.lists(field_values, max_size=3)),
    max_size=6,
)


def fresh_address() -> str:
    """A new client address per request: the subscribe limit is per address."""
    n = next(_addresses)
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def assert_whole() -> None:
    """Every subscriber has the consent record their subscription made."""
    without_consent = Subscriber.objects.annotate(n=Count("consents")).filter(n=0)
    assert not without_consent.exists(), list(without_consent.values_list("email", flat=True))


@pytest.mark.django_db
class TestNewsletter:
    @EXAMPLES
    @given(body=bodies, language=st.sampled_from(["lv", "en"]))
    def test_subscribe_form_bodies(self, client, home, body, language):
        without_nul = {
            key: [v.replace("\x00", "") for v in value]
            if isinstance(value, list)
            else value.replace("\x00", "")
            for key, value in body.items()
        }
        response = client.post(
            f"/{language}/newsletter/subscribe/", without_nul, REMOTE_ADDR=fresh_address()
        )
        assert response.status_code in (200, 302, 400), response.status_code
        assert_whole()

    @EXAMPLES
    @given(body=st.binary(max_size=2000))
    def test_subscribe_raw_bodies(self, client, home, body):
        response = client.generic(
            "POST",
            "/lv/newsletter/subscribe/",
            body,
            content_type="application/x-www-form-urlencoded",
            REMOTE_ADDR=fresh_address(),
        )
        assert response.status_code in (200, 400), response.status_code
        assert_whole()

    @EXAMPLES
    @given(
        kind=st.sampled_from(["confirm", "unsubscribe", "preferences"]),
        method=st.sampled_from(["get", "post"]),
        token=st.one_of(
            st.text(min_size=1, max_size=400),
            st.from_regex(r"[A-Za-z0-9_\-:.]{1,200}", fullmatch=True),
        ),
    )
    def test_confirmation_unsubscribe_and_preferences_tokens(
        self, client, home, kind, method, token
    ):
        Subscriber.objects.get_or_create(
            email="anna@example.org", defaults={"status": Subscriber.Status.PENDING}
        )
        send = getattr(client, method)
        response = send(f"/lv/newsletter/{kind}/{quote(token, safe='')}/", {"language": "en"})
        assert response.status_code in (200, 301, 302, 400, 404, 405, 410), response.status_code
        anna = Subscriber.objects.get(email="anna@example.org")
        assert (anna.status, anna.language) == ("pending", "lv")
        assert not ConsentRecord.objects.exists()


@pytest.mark.django_db
class TestPages:
    @EXAMPLES
    @given(segment=st.text(min_size=1, max_size=80))
    def test_page_urls_with_odd_unicode(self, client, demo, segment):
        for language in ("lv", "en"):
            response = client.get(f"/{language}/{quote(segment, safe='')}/")
            assert response.status_code in (200, 301, 302, 404), (segment, response.status_code)

    @EXAMPLES
    @given(
        value=st.one_of(
            st.text(max_size=50),
            st.integers().map(str),
            st.sampled_from(["0", "-1", "last", "1e400", "9" * 400, "nan", "１２"]),
        )
    )
    def test_news_list_page_numbers(self, client, demo, value):
        response = client.get("/lv/jaunumi/", {"page": value})
        assert response.status_code == 200, (value, response.status_code)

    @EXAMPLES
    @given(
        params=st.dictionaries(
            st.sampled_from(["q", "page", "category", "tag", "year", "utm_source", "x"]),
            st.one_of(
                st.text(max_size=40),
                st.sampled_from(['"', '"ģimenes', "\x00", "a\x00b", "0", "99999", "²", "-1"]),
            ),
            max_size=4,
        ),
        path=st.sampled_from(["/lv/meklet/", "/en/search/", "/lv/jaunumi/", "/en/news/"]),
    )
    def test_search_and_news_list_parameters(self, client, demo, params, path):
        response = client.get(path, params)
        assert response.status_code == 200, (path, params, response.status_code)

    def test_oversized_query_strings(self, client, demo):
        for size in (10_000, 200_000):
            for path in ("/lv/", "/lv/jaunumi/", "/lv/meklet/"):
                response = client.get(path + "?q=" + "ā" * (size // 2) + "&page=" + "9" * 1000)
                assert response.status_code in (200, 400, 404, 414), response.status_code
