"""The admin's start page for each role: panels, quick buttons, the staff guide."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from blog.models import BlogIndexPage, EventIndexPage
from newsletter.permissions import MANAGERS_GROUP
from tests.support.admin import visible_strings
from tests.support.factories import (
    BlogPageFactory,
    EventPageFactory,
    SubscriberFactory,
    UserFactory,
)


def member(group: str):
    user = UserFactory(groups=[group])
    user.wagtail_userprofile.preferred_language = "lv"
    user.wagtail_userprofile.save()
    return user


def dashboard(client, user) -> set[str]:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return visible_strings(response.content.decode())


@pytest.mark.django_db
class TestPanels:
    def test_ilze_gets_quick_buttons_events_and_translations_not_the_bulletin(self, demo, client):
        seen = dashboard(client, member("Redaktori"))
        assert {"Jauna ziņa", "Jauns pasākums", "Tulkojumi gaida", "Gaidāmie pasākumi"} <= seen
        assert "Pēdējā izsūtīšana:" not in seen

    def test_liga_gets_the_bulletin_and_a_new_issue_button_only(self, demo, client):
        seen = dashboard(client, member(MANAGERS_GROUP))
        assert {"Jauns numurs", "E-apkārtraksts", "Visas izsūtīšanas"} <= seen
        assert not {"Jauna ziņa", "Jauns pasākums"} & seen
        text = " ".join(seen)
        assert "Abonenti: 80" in text or "Vēl nekas nav izsūtīts." in text

    def test_the_quick_buttons_lead_to_the_latvian_add_forms(self, demo, client):
        user = member("Redaktori")
        client.force_login(user)
        news = BlogIndexPage.objects.get(locale__language_code="lv")
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        add_post = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", news.pk])
        assert f'href="{add_post}"' in html
        assert client.get(add_post).status_code == 200

    def test_upcoming_events_and_untranslated_pages_are_listed(self, demo, client):
        events = EventIndexPage.objects.get(locale__language_code="lv")
        start = timezone.now() + datetime.timedelta(days=2)
        EventPageFactory(parent=events, title="Supervīzija nākamnedēļ", start=start)
        news = BlogIndexPage.objects.get(locale__language_code="lv")
        post = BlogPageFactory(parent=news, title="Netulkota ziņa")
        post.copy_for_translation(Locale.objects.get(language_code="en"), alias=True)
        seen = dashboard(client, member("Moderatori"))
        assert "Supervīzija nākamnedēļ" in seen
        assert "Netulkota ziņa" in seen


@pytest.mark.django_db
def test_the_dashboards_queries_do_not_grow_with_data(demo, client):
    user = member(MANAGERS_GROUP)
    user.is_superuser = True
    user.save()
    client.force_login(user)
    url = reverse("wagtailadmin_home")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    events = EventIndexPage.objects.get(locale__language_code="lv")
    news = BlogIndexPage.objects.get(locale__language_code="lv")
    english = Locale.objects.get(language_code="en")
    for n in range(6):
        start = timezone.now() + datetime.timedelta(days=n + 1)
        EventPageFactory(parent=events, start=start)
        BlogPageFactory(parent=news).copy_for_translation(english, alias=True)
        SubscriberFactory()
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) <= len(before), [q["sql"][:200] for q in after.captured_queries]


@pytest.mark.django_db
def test_help_leads_to_the_latvian_staff_guide(demo, client):
    seen = dashboard(client, member("Redaktori"))
    assert "Darbinieku ceļvedis" in seen
    guide = client.get(reverse("staff_guide"))
    assert guide.status_code == 200
    text = guide.content.decode()
    assert "Nosūtīt moderatoram apstiprināšanai" in text
    assert "Sūtīt…" in text
