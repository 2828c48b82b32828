"""The accessibility statement completed to the Latvian template (issue 15, item 4).

Who prepared, reviewed and approved it and when, the last yearly review, the
answer time and the complaint route to the Ombudsman: staff edit them in a
site setting, the statement page shows them in both languages, and the
admin's start page reminds staff when the yearly review is due.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Site

from home.accessibility import AccessibilityStatement, review_due
from home.models import SiteSettings
from tests.support.factories import UserFactory

TODAY = datetime.date(2026, 12, 1)
PANEL = 'id="staff-accessibility-review-section"'


class TestReviewDue:
    def test_never_reviewed_is_due(self):
        assert review_due(None, TODAY)

    def test_twelve_months_ago_is_not_yet_due(self):
        assert not review_due(datetime.date(2025, 12, 1), TODAY)

    def test_over_twelve_months_ago_is_due(self):
        assert review_due(datetime.date(2025, 11, 30), TODAY)


def statement_url(language: str) -> str:
    site = Site.objects.get(is_default_site=True)
    page = SiteSettings.for_site(site).accessibility_page
    return page.get_translation(Locale.objects.get(language_code=language)).url


def facts() -> AccessibilityStatement:
    return AccessibilityStatement.for_site(Site.objects.get(is_default_site=True))


@pytest.mark.django_db
class TestStatementPage:
    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            (
                "lv",
                [
                    "Sagatavoja",
                    "Pārbaudīja",
                    "Apstiprināja",
                    "Pēdējā ikgadējā pārskatīšana",
                    "10 darba dienu laikā",
                    "Tiesībsargam",
                ],
            ),
            (
                "en",
                [
                    "Prepared",
                    "Reviewed",
                    "Approved",
                    "Last yearly review",
                    "within 10 working days",
                    "Ombudsman (Tiesībsargs)",
                ],
            ),
        ],
    )
    def test_it_shows_who_answers_for_it_and_the_complaint_route(
        self, demo, client, language, expected
    ):
        html = client.get(statement_url(language)).content.decode()
        for text in expected:
            assert text in html, text
        assert "Ilze Žagare" in html and "Jānis Kalniņš" in html
        assert '<time datetime="2026-11-22">' in html and '<time datetime="2026-11-27">' in html
        assert '<a href="https://www.tiesibsargs.lv/" rel="noopener">www.tiesibsargs.lv</a>' in html

    def test_staff_changes_show_on_the_page(self, demo, client):
        client.get(statement_url("lv"))  # cached first
        statement = facts()
        statement.answer_days, statement.approved_by = 5, "Valdes priekšsēdētāja"
        statement.save()
        html = client.get(statement_url("lv")).content.decode()
        assert "5 darba dienu laikā" in html and "Valdes priekšsēdētāja" in html

    def test_other_content_pages_do_not_show_it(self, demo, client):
        privacy = SiteSettings.for_site(Site.objects.get(is_default_site=True)).privacy_page
        assert "statement-review" not in client.get(privacy.url).content.decode()


@pytest.mark.django_db
class TestYearlyReviewReminder:
    def admin(self):
        user = UserFactory()
        user.is_superuser = True
        user.save()
        return user

    def start_page(self, client, user) -> str:
        client.force_login(user)
        return client.get(reverse("wagtailadmin_home")).content.decode()

    def test_staff_edit_the_facts_in_the_settings(self, demo, client):
        client.force_login(self.admin())
        url = reverse(
            "wagtailsettings:edit",
            args=["home", "accessibilitystatement", Site.objects.get(is_default_site=True).pk],
        )
        html = client.get(url).content.decode()
        for field in ("prepared_by", "reviewed_on", "approved_by", "last_review_on", "answer_days"):
            assert f'name="{field}"' in html, field

    def test_a_review_over_twelve_months_ago_is_reminded(self, demo, client):
        statement = facts()
        statement.last_review_on = timezone.localdate() - datetime.timedelta(days=400)
        statement.save()
        html = self.start_page(client, self.admin())
        assert PANEL in html
        assert "2025" in html or "over twelve months ago" in html or "divpadsmit" in html

    def test_a_recent_review_is_not(self, demo, client):
        statement = facts()
        statement.last_review_on = timezone.localdate() - datetime.timedelta(days=30)
        statement.save()
        assert PANEL not in self.start_page(client, self.admin())

    def test_only_those_who_may_update_it_are_reminded(self, demo, client):
        statement = facts()
        statement.last_review_on = None
        statement.save()
        editor = UserFactory(groups=["Redaktori"])
        assert PANEL not in self.start_page(client, editor)
