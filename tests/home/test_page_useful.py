""" "Vai šī lapa bija noderīga? Jā / Nē" on content pages, counted per page (issue 15, item 5).

The question sits on cached pages, so it carries no CSRF token; the view it
posts to guards itself (Origin, one vote per page and connection a day).
Staff read the counts in a report.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from home.models import ContentPage, PageUsefulness
from tests.support.factories import ContentPageFactory, UserFactory

VOTE_URL = "/lv/page-useful/"


@pytest.fixture
def content_page(home):
    return ContentPageFactory(title="Par projektu")


def vote(client: Client, page, answer: str, **headers):
    return client.post(VOTE_URL, {"page": page.pk, "answer": answer}, **headers)


def counts(page) -> tuple[int, int]:
    row = PageUsefulness.objects.filter(page=page).first()
    return (row.yes, row.no) if row else (0, 0)


@pytest.mark.django_db
class TestTheQuestion:
    def test_a_content_page_asks_it_in_a_fieldset_with_two_buttons(self, client, content_page):
        html = client.get(content_page.url).content.decode()
        form = re.search(r'<form class="page-useful".*?</form>', html, re.S).group(0)
        assert f'action="{VOTE_URL}"' in form and 'method="post"' in form
        assert "<fieldset>" in form and "<legend>Vai šī lapa bija noderīga?</legend>" in form
        assert '<button type="submit" name="answer" value="yes">Jā</button>' in form
        assert '<button type="submit" name="answer" value="no">Nē</button>' in form
        # Nothing per visitor in a page the cache serves to everyone.
        assert "csrfmiddlewaretoken" not in form

    def test_english_pages_ask_in_english(self, client, home):
        english = home.get_translation(home.locale.__class__.objects.get(language_code="en"))
        about = ContentPageFactory(title="About", parent=english)
        html = client.get(about.url).content.decode()
        assert "Was this page useful?" in html and 'action="/en/page-useful/"' in html


@pytest.mark.django_db
class TestVoting:
    def test_a_yes_and_a_no_are_counted_per_page(self, content_page):
        other = ContentPageFactory(title="Kontakti")
        assert vote(Client(REMOTE_ADDR="10.0.0.1"), content_page, "yes").status_code == 200
        vote(Client(REMOTE_ADDR="10.0.0.2"), content_page, "no")
        vote(Client(REMOTE_ADDR="10.0.0.3"), content_page, "yes")
        vote(Client(REMOTE_ADDR="10.0.0.1"), other, "no")
        assert counts(content_page) == (2, 1) and counts(other) == (0, 1)

    def test_a_connection_counts_once_per_page_a_day(self, client, content_page):
        for _ in range(3):
            assert vote(client, content_page, "yes").status_code == 200
        assert counts(content_page) == (1, 0)

    def test_it_works_with_csrf_checks_on_and_no_token(self, content_page):
        response = vote(Client(enforce_csrf_checks=True), content_page, "yes")
        assert response.status_code == 200 and counts(content_page) == (1, 0)

    def test_another_site_cannot_make_visitors_vote(self, client, content_page):
        response = vote(client, content_page, "yes", HTTP_ORIGIN="https://evil.example")
        assert response.status_code == 403 and counts(content_page) == (0, 0)

    def test_the_sites_own_origin_is_accepted(self, client, content_page):
        assert vote(client, content_page, "no", HTTP_ORIGIN="http://testserver").status_code == 200
        assert counts(content_page) == (0, 1)

    def test_nonsense_is_refused(self, client, content_page):
        assert vote(client, content_page, "maybe").status_code == 400
        assert client.post(VOTE_URL, {"page": "x", "answer": "yes"}).status_code == 400
        content_page.unpublish()
        assert vote(client, content_page, "yes").status_code == 400
        assert counts(content_page) == (0, 0)

    def test_only_posts(self, client, content_page):
        assert client.get(VOTE_URL).status_code == 405

    def test_the_thanks_lead_back_to_the_page(self, client, content_page):
        html = vote(client, content_page, "yes").content.decode()
        assert "Paldies par atbildi" in html and f'href="{content_page.url}"' in html


@pytest.mark.django_db
def test_the_report_lists_pages_with_their_counts(client, content_page):
    vote(Client(REMOTE_ADDR="10.0.0.1"), content_page, "no")
    vote(Client(REMOTE_ADDR="10.0.0.2"), content_page, "yes")
    vote(Client(REMOTE_ADDR="10.0.0.3"), content_page, "yes")
    admin = UserFactory()
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    html = client.get(reverse("page_usefulness_report")).content.decode()
    assert "Par projektu" in html
    assert reverse("wagtailadmin_pages:edit", args=[content_page.pk]) in html
    assert "67 %" in html
    assert (
        reverse("page_usefulness_report")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    export = client.get(reverse("page_usefulness_report"), {"export": "csv"})
    assert export.status_code == 200
    assert "Par projektu" in b"".join(export.streaming_content).decode()


@pytest.mark.django_db
def test_a_no_leads_to_the_feedback_form_about_the_page(demo, client):
    statement = ContentPage.objects.get(slug="pieklustamibas-pazinojums")
    html = vote(client, statement, "no").content.decode()
    assert "Pastāstiet, kā tajā pietrūka" in html
    assert f"?about={statement.url.replace('/', '%2F')}" in html
