"""The e-bulletin without dead ends (issue 12, section 5)."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page

from home.models import HomePage
from newsletter import importing, rendering, reports, sending
from newsletter.blocks import CallToActionBlock
from newsletter.models import Delivery, Dispatch, MailingList, NewsletterIssuePage, Subscriber
from newsletter.permissions import MANAGERS_GROUP
from tests.support.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    OrganisationFactory,
    SubscriberFactory,
    UserFactory,
)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def archive(home):
    return NewsletterIndexPageFactory(slug="e-apkartraksts")


@pytest.fixture
def issue(archive):
    return NewsletterIssuePageFactory(parent=archive, title="E-apkārtraksts Nr. 3")


@pytest.fixture
def readers(db):
    mailing_list = MailingList.default()
    organisation = OrganisationFactory(name="Bauskas novada Sociālais dienests")
    SubscriberFactory.create_batch(3, lists=[mailing_list], organisation=organisation)
    SubscriberFactory(lists=[mailing_list], language="en")
    return mailing_list


@pytest.fixture
def liga(client, db):
    user = UserFactory(groups=[MANAGERS_GROUP], email="liga@example.org")
    client.force_login(user)
    return client


def send_url(issue) -> str:
    return reverse("dispatches:send", args=[issue.pk])


@pytest.mark.django_db
class TestStalledDispatch:
    def make_dispatch(self, issue, readers, started_ago: datetime.timedelta) -> Dispatch:
        dispatch = sending.create_dispatch(issue, [readers])
        Dispatch.objects.filter(pk=dispatch.pk).update(started_at=timezone.now() - started_ago)
        dispatch.refresh_from_db()
        return dispatch

    def test_nothing_claimed_for_minutes_is_named_on_the_dispatch_page(self, liga, issue, readers):
        dispatch = self.make_dispatch(issue, readers, datetime.timedelta(minutes=5))
        assert reports.progress(dispatch).stalled
        with translation.override("lv"):
            response = liga.get(reverse("dispatches:detail", args=[dispatch.pk]))
        assert 'id="dispatch-stalled"' in response.content.decode()
        assert liga.get(reverse("dispatches:progress", args=[dispatch.pk])).json()["stalled"]

    def test_a_fresh_send_is_not_stalled(self, issue, readers):
        dispatch = self.make_dispatch(issue, readers, datetime.timedelta(seconds=10))
        assert not reports.progress(dispatch).stalled

    def test_a_send_whose_worker_sends_is_not_stalled(self, issue, readers):
        dispatch = self.make_dispatch(issue, readers, datetime.timedelta(minutes=5))
        dispatch.deliveries.filter(pk=dispatch.deliveries.first().pk).update(
            state=Delivery.State.SENT, sent_at=timezone.now()
        )
        assert not reports.progress(dispatch).stalled

    def test_the_health_check_names_a_stalled_send(self, client, issue, readers):
        assert client.get("/healthz").json()["sending"] == "ok"
        self.make_dispatch(issue, readers, datetime.timedelta(minutes=5))
        assert client.get("/healthz").json()["sending"] == "stalled"


@pytest.mark.django_db
class TestUnpublishedIssue:
    def test_the_send_button_is_offered_only_for_a_published_issue(self, archive):
        from newsletter.wagtail_hooks import send_button

        user = UserFactory(groups=[MANAGERS_GROUP])
        draft = NewsletterIssuePageFactory(parent=archive)
        assert send_button(draft, user, priority=5)
        draft.unpublish()
        assert send_button(Page.objects.get(pk=draft.pk), user, priority=5) == []

    def test_the_send_screen_says_why_and_a_test_send_sends_nothing(self, liga, issue, readers):
        issue.unpublish()
        with translation.override("lv"):
            page = liga.get(send_url(issue), HTTP_ACCEPT_LANGUAGE="lv")
            assert "Vispirms publicējiet numuru" in text_of(page)
            tested = liga.post(send_url(issue), {"action": "test"}, HTTP_ACCEPT_LANGUAGE="lv")
            confirmed = liga.post(
                send_url(issue),
                {"action": "confirm", "lists": [readers.pk]},
                HTTP_ACCEPT_LANGUAGE="lv",
            )
        assert mail.outbox == []
        assert "nosūtīta" not in text_of(tested)
        assert tested.status_code == 400 and confirmed.status_code == 400
        assert "Vispirms publicējiet numuru" in text_of(confirmed)
        assert not Dispatch.objects.exists()


@pytest.mark.django_db
class TestDeletingASentIssue:
    def test_is_refused_in_latvian_and_the_frozen_copy_stays(self, issue, readers):
        sending.create_dispatch(issue, [readers])
        admin = UserFactory(is_superuser=True)
        from django.test import Client

        client = Client()
        client.force_login(admin)
        with translation.override("lv"):
            url = reverse("wagtailadmin_pages:delete", args=[issue.pk])
            shown = client.get(url, HTTP_ACCEPT_LANGUAGE="lv", follow=True)
            posted = client.post(url, HTTP_ACCEPT_LANGUAGE="lv", follow=True)
        assert shown.status_code == 200 and posted.status_code == 200
        assert "Izsūtītu numuru nevar dzēst" in text_of(posted)
        assert NewsletterIssuePage.objects.filter(pk=issue.pk).exists()
        assert Dispatch.objects.filter(issue=issue).exists()

    def test_an_unsent_issue_can_still_be_deleted(self, issue):
        admin = UserFactory(is_superuser=True)
        from django.test import Client

        client = Client()
        client.force_login(admin)
        client.post(reverse("wagtailadmin_pages:delete", args=[issue.pk]))
        assert not NewsletterIssuePage.objects.filter(pk=issue.pk).exists()


@pytest.mark.django_db
class TestSendScreen:
    def test_send_later_has_its_date_picker(self, liga, issue, readers):
        html = liga.get(send_url(issue)).content.decode()
        assert "date-time-chooser.js" in html

    def test_the_review_shows_each_languages_subject_and_the_sender(
        self, liga, issue, readers, settings
    ):
        settings.NEWSLETTER_FROM_EMAIL = "Projekts <info@example.org>"
        locale = issue.locale.__class__.objects.get(language_code="en")
        issue.get_parent().copy_for_translation(locale).save_revision().publish()
        english = issue.copy_for_translation(locale)
        english.subject = "E-bulletin No. 3"
        english.save_revision().publish()
        response = liga.post(send_url(issue), {"action": "review", "lists": [readers.pk]})
        html = text_of(response)
        assert "E-apkārtraksts Nr. 3" in html and "E-bulletin No. 3" in html
        assert "Projekts &lt;info@example.org&gt;" in html


@pytest.mark.django_db
class TestReportByOrganisation:
    @pytest.fixture
    def finished(self, issue, readers):
        dispatch = sending.create_dispatch(issue, [readers])
        dispatch.deliveries.update(state=Delivery.State.SENT, sent_at=timezone.now())
        Dispatch.objects.filter(pk=dispatch.pk).update(state=Dispatch.State.FINISHED)
        return dispatch

    def test_exports_to_csv(self, liga, finished):
        response = liga.get(reverse("dispatches:organisations", args=[finished.pk, "csv"]))
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[1][0] == "Bauskas novada Sociālais dienests"
        assert rows[1][2] == "3"

    def test_exports_to_xlsx(self, liga, finished):
        response = liga.get(reverse("dispatches:organisations", args=[finished.pk, "xlsx"]))
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert sheet["A2"].value == "Bauskas novada Sociālais dienests"
        assert sheet["C2"].value == 3

    def test_an_organisations_row_leads_to_its_people(self, liga, finished):
        organisation = Subscriber.objects.exclude(organisation=None).first().organisation
        html = liga.get(reverse("dispatches:detail", args=[finished.pk])).content.decode()
        people = reverse("subscribers:index") + f"?organisation={organisation.pk}"
        assert f'href="{people}"' in html.replace("&amp;", "&")


@pytest.mark.django_db
class TestLatvianCsv:
    def test_latvian_headers_and_language_names_are_read(self, db):
        content = (
            "\ufeffE-pasts;Vārds, uzvārds;Organizācija;Valoda;Saraksti\r\n"
            "anna@example.org;Anna Bērziņa;Cēsu novada Sociālais dienests;angļu;\r\n"
            "juris@example.org;Juris Kalniņš;;latviešu;\r\n"
        ).encode()
        report = importing.import_subscribers(content)
        assert report.skipped == []
        assert Subscriber.objects.get(email="anna@example.org").language == "en"
        juris = Subscriber.objects.get(email="juris@example.org")
        assert (juris.language, juris.name) == ("lv", "Juris Kalniņš")

    def test_the_import_screen_offers_a_template_that_imports(self, liga, db):
        screen = liga.get(reverse("subscribers:import")).content.decode()
        url = reverse("subscribers:import_template")
        assert f'href="{url}"' in screen
        template = liga.get(url)
        assert template["Content-Disposition"].startswith("attachment")
        content = template.content
        assert content.startswith("\ufeff".encode())
        assert content.decode("utf-8-sig").splitlines()[0] == (
            "E-pasts;Vārds, uzvārds;Organizācija;Valoda;Saraksti"
        )
        report = importing.import_subscribers(content)
        assert report.skipped == [] and len(report.imported) == 1


@pytest.mark.django_db
class TestIssueBlocks:
    def test_news_since_the_last_issue_leaves_out_posts_chosen_in_the_issue(self, issue):
        news = BlogIndexPageFactory(slug="jaunumi")
        chosen, other = BlogPageFactory(parent=news), BlogPageFactory(parent=news)
        issue.body = [
            ("chosen_posts", {"heading": "", "posts": [chosen]}),
            ("latest_news", {"heading": ""}),
        ]
        issue.save_revision().publish()
        issue = NewsletterIssuePage.objects.get(pk=issue.pk)
        [chosen_part, latest_part] = rendering.email_blocks(issue, {"issue": issue})
        assert chosen.title in chosen_part.text and other.title not in chosen_part.text
        assert chosen.title not in latest_part.text and other.title in latest_part.text

    def test_the_call_to_action_takes_a_site_path_and_makes_it_absolute(self, issue, settings):
        block = CallToActionBlock()
        value = block.clean({"text": "Pasākumi", "page": None, "url": "/lv/pasakumi/"})
        issue.body = [("call_to_action", value)]
        issue.save_revision().publish()
        html = rendering.render_issue(issue).html
        assert f'href="{settings.SITE_URL}/lv/pasakumi/"' in html

    def test_the_call_to_action_takes_a_page(self, issue, settings):
        news = BlogIndexPageFactory(slug="jaunumi")
        block = CallToActionBlock()
        value = block.clean({"text": "Jaunumi", "page": news, "url": ""})
        issue.body = [("call_to_action", value)]
        issue.save_revision().publish()
        assert f'href="{settings.SITE_URL}/lv/jaunumi/"' in rendering.render_issue(issue).html

    @pytest.mark.parametrize(
        "value",
        [{"page": None, "url": ""}, {"page": None, "url": "pasakumi"}],
    )
    def test_the_call_to_action_needs_a_page_or_an_address(self, value):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            CallToActionBlock().clean({"text": "Pasākumi", **value})

    def test_the_news_chooser_opens_at_the_news_list(self, liga, issue):
        news = BlogIndexPageFactory(slug="jaunumi")
        BlogPageFactory(parent=news)
        # Posts in both language trees: their common ancestor is "Root".
        english_home = HomePage.objects.get(locale__language_code="en")
        BlogPageFactory(parent=BlogIndexPageFactory(slug="news", parent=english_home))
        response = liga.get(reverse("wagtailadmin_choose_page") + "?page_type=blog.blogpage")
        assert response.status_code == 200
        # Wagtail opened it at "Root", the common ancestor of both languages' news.
        assert response.json()["parent_page_id"] == news.pk


@pytest.mark.django_db
class TestArchive:
    def test_an_issue_is_listed_once_sent_not_on_publish(self, client, archive, readers):
        published = NewsletterIssuePageFactory(parent=archive, title="Tikai publicēts")
        sent = NewsletterIssuePageFactory(parent=archive, title="Izsūtīts numurs")
        sending.create_dispatch(sent, [readers])
        html = client.get(archive.url).content.decode()
        assert "Izsūtīts numurs" in html
        assert "Tikai publicēts" not in html
        assert list(archive.issues()) == [sent]
        assert published.live
