"""Sending from the admin: "Send…" on an issue, counts by language, test copy, confirm, report."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsletter.models import Delivery, Dispatch, MailingList, NewsletterIssuePage, Subscriber
from newsletter.permissions import MANAGERS_GROUP
from tests.support.factories import UserFactory


@pytest.fixture
def issue(demo) -> NewsletterIssuePage:
    return NewsletterIssuePage.objects.get(slug="e-apkartraksts-nr-1", locale__language_code="lv")


@pytest.fixture
def manager(db):
    return UserFactory(groups=[MANAGERS_GROUP], email="liga@example.org")


@pytest.fixture
def as_manager(client, manager):
    client.force_login(manager)
    return client


def send_url(issue) -> str:
    return reverse("dispatches:send", args=[issue.pk])


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.django_db
class TestSendIssue:
    def test_the_default_list_is_chosen_at_first(self, as_manager, issue):
        response = as_manager.get(send_url(issue))
        assert response.status_code == 200
        default = MailingList.default()
        assert re.search(rf'value="{default.pk}"[^>]*checked', response.content.decode())
        # The e-mail as it will go out, in each language: the archive copies.
        assert 'href="/lv/e-apkartraksts/e-apkartraksts-nr-1/"' in response.content.decode()
        assert 'href="/en/e-bulletin/' in response.content.decode()

    def test_review_shows_the_recipients_by_language(self, as_manager, issue):
        response = as_manager.post(
            send_url(issue), {"action": "review", "lists": [MailingList.default().pk]}
        )
        assert response.status_code == 200
        # The demo list: 80 providers, every fifth one reads English.
        assert re.search(r"80 \w+ \(64 lv, 16 en\)", text_of(response))
        assert not Dispatch.objects.exists()

    def test_any_translations_id_means_the_whole_issue(self, as_manager, issue):
        english = issue.get_translation(issue.get_translations().first().locale)
        response = as_manager.post(
            send_url(english), {"action": "review", "lists": [MailingList.default().pk]}
        )
        assert re.search(r"80 \w+ \(64 lv, 16 en\)", text_of(response))

    def test_a_test_copy_in_each_language_goes_to_the_manager_only(self, as_manager, issue):
        response = as_manager.post(
            send_url(issue), {"action": "test", "lists": [MailingList.default().pk]}
        )
        assert response.status_code == 200
        assert [m.to for m in mail.outbox] == [["liga@example.org"], ["liga@example.org"]]
        subjects = sorted(m.subject for m in mail.outbox)
        assert subjects[0].startswith("[PĀRBAUDE] Project news")
        assert subjects[1].startswith("[PĀRBAUDE] Projekta jaunumi")
        assert not Dispatch.objects.exists()

    def test_no_list_chosen_is_a_400_with_a_message(self, as_manager, issue):
        response = as_manager.post(send_url(issue), {"action": "review"})
        assert response.status_code == 400
        assert "Izvēlieties vismaz vienu sarakstu." in response.content.decode()
        assert not Dispatch.objects.exists()

    def test_confirm_sends_to_everyone_and_shows_the_dispatch(
        self, as_manager, issue, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = as_manager.post(
                send_url(issue), {"action": "confirm", "lists": [MailingList.default().pk]}
            )
        dispatch = Dispatch.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("dispatches:detail", args=[dispatch.pk])
        dispatch.refresh_from_db()
        assert dispatch.state == "finished"
        assert len(mail.outbox) == 80

        progress = as_manager.get(reverse("dispatches:progress", args=[dispatch.pk])).json()
        assert (progress["total"], progress["done"], progress["percent"]) == (80, 80, 100)
        assert progress["finished"] is True

    def test_a_second_send_to_the_same_list_is_refused(
        self, as_manager, issue, django_capture_on_commit_callbacks
    ):
        data = {"action": "confirm", "lists": [MailingList.default().pk]}
        with django_capture_on_commit_callbacks(execute=True):
            as_manager.post(send_url(issue), data)
        response = as_manager.post(send_url(issue), data)
        assert response.status_code == 400
        assert "Sociālo pakalpojumu sniedzēji" in response.content.decode()
        assert Dispatch.objects.count() == 1 and len(mail.outbox) == 80

    def test_scheduled_for_later_waits_for_beat(self, as_manager, issue):
        response = as_manager.post(
            send_url(issue),
            {
                "action": "confirm",
                "lists": [MailingList.default().pk],
                "scheduled_for": "2099-01-01 10:00",
            },
        )
        dispatch = Dispatch.objects.get()
        assert response.status_code == 302
        assert dispatch.state == "scheduled" and dispatch.scheduled_for.year == 2099
        assert not mail.outbox

    def test_a_time_in_the_past_is_refused(self, as_manager, issue):
        response = as_manager.post(
            send_url(issue),
            {
                "action": "confirm",
                "lists": [MailingList.default().pk],
                "scheduled_for": "2001-01-01 10:00",
            },
        )
        assert response.status_code == 400 and not Dispatch.objects.exists()


@pytest.mark.django_db
class TestDispatchReport:
    def test_the_report_counts_and_lists_organisations(
        self, as_manager, issue, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            as_manager.post(
                send_url(issue), {"action": "confirm", "lists": [MailingList.default().pk]}
            )
        dispatch = Dispatch.objects.get()
        bounced = dispatch.deliveries.select_related("subscriber__organisation").first()
        Delivery.objects.filter(pk=bounced.pk).update(state="bounced")
        dispatch.deliveries.exclude(pk=bounced.pk).filter(pk__lte=bounced.pk + 40).update(
            state="delivered"
        )
        response = as_manager.get(reverse("dispatches:detail", args=[dispatch.pk]))
        html = text_of(response)
        assert response.status_code == 200
        counts = re.search(r'id="dispatch-counts".*?<tbody><tr>(.*?)</tr>', html).group(1)
        # sent (handed over), delivered, bounced, complained, opened, failed, clicked
        assert re.findall(r"<td>(\d+)</td>", counts) == ["80", "40", "1", "0", "0", "0", "0"]
        organisations = re.search(r'id="dispatch-organisations"(.*?)</table>', html).group(1)
        first_row = re.search(r"<tbody> <tr> <th scope=\"row\">(.*?)</th>", organisations)
        # Problems first; the name leads to the organisation's people.
        assert re.sub(r"<[^>]+>", "", first_row.group(1)) == bounced.subscriber.organisation.name

    def test_the_index_lists_sends(self, as_manager, issue):
        as_manager.post(
            send_url(issue),
            {
                "action": "confirm",
                "lists": [MailingList.default().pk],
                "scheduled_for": "2099-01-01 10:00",
            },
        )
        response = as_manager.get(reverse("dispatches:index"))
        assert response.status_code == 200 and issue.title in response.content.decode()

    def test_the_index_counts_every_send_in_a_fixed_number_of_queries(self, as_manager, issue):
        def index_queries() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert as_manager.get(reverse("dispatches:index")).status_code == 200
            return len(queries)

        def add_send(sent: int, queued: int) -> None:
            dispatch = Dispatch.objects.create(issue=issue, frozen={}, state="sending")
            dispatch.lists.add(MailingList.default())
            people = list(Subscriber.objects.all()[: sent + queued])
            Delivery.objects.bulk_create(
                Delivery(
                    dispatch=dispatch, subscriber=person, state="sent" if n < sent else "queued"
                )
                for n, person in enumerate(people)
            )

        add_send(sent=3, queued=2)
        one = index_queries()
        add_send(sent=7, queued=0)
        add_send(sent=0, queued=4)
        assert index_queries() == one
        cells = re.findall(
            r"<td>(\d+) / (\d+)</td>", text_of(as_manager.get(reverse("dispatches:index")))
        )
        assert sorted(cells) == [("0", "4"), ("3", "5"), ("7", "7")]

    def test_cancel_a_scheduled_send(self, as_manager, issue):
        as_manager.post(
            send_url(issue),
            {
                "action": "confirm",
                "lists": [MailingList.default().pk],
                "scheduled_for": "2099-01-01 10:00",
            },
        )
        dispatch = Dispatch.objects.get()
        response = as_manager.post(reverse("dispatches:cancel", args=[dispatch.pk]))
        assert response.status_code == 302
        dispatch.refresh_from_db()
        assert dispatch.state == "cancelled"
        assert set(dispatch.deliveries.values_list("state", flat=True)) == {"failed"}


@pytest.mark.django_db
class TestWhoMaySend:
    def test_the_send_button_is_on_the_issue_for_managers_only(self, client, issue, manager):
        editor = UserFactory(groups=["Redaktori"])
        edit = reverse("wagtailadmin_pages:edit", args=[issue.pk])
        client.force_login(manager)
        assert send_url(issue) in client.get(edit).content.decode()
        client.force_login(editor)
        page = client.get(edit)
        assert page.status_code == 200 and send_url(issue) not in page.content.decode()

    def test_editors_cannot_send_or_read_reports(self, client, issue):
        client.force_login(UserFactory(groups=["Redaktori"]))
        data = {"action": "confirm", "lists": [MailingList.default().pk]}
        for response in (
            client.get(send_url(issue)),
            client.post(send_url(issue), data),
            client.get(reverse("dispatches:index")),
        ):
            assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
        assert not Dispatch.objects.exists() and not mail.outbox


@pytest.mark.django_db
class TestUntranslatedLanguageIsNamed:
    def test_review_names_the_english_readers_who_would_get_latvian(self, as_manager, issue):
        english = issue.get_translation(issue.get_translations().first().locale)
        english.unpublish()

        response = as_manager.post(
            send_url(issue), {"action": "review", "lists": [MailingList.default().pk]}
        )

        text = text_of(response)
        assert re.search(r"80 \w+ \(80 lv\)", text)
        assert "16 angļu lasītāji saņemtu latviešu versiju" in text

    def test_an_alias_is_not_an_english_version(self, as_manager, issue):
        english = issue.get_translation(issue.get_translations().first().locale)
        english.delete()
        issue.copy_for_translation(english.locale, alias=True)

        response = as_manager.post(
            send_url(issue), {"action": "review", "lists": [MailingList.default().pk]}
        )

        assert "16 angļu lasītāji saņemtu latviešu versiju" in text_of(response)

    def test_a_translated_issue_warns_of_nothing(self, as_manager, issue):
        response = as_manager.post(
            send_url(issue), {"action": "review", "lists": [MailingList.default().pk]}
        )
        assert "saņemtu latviešu versiju" not in text_of(response)
