import datetime
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Locale

from blog.models import EventPage
from newsletter import links, sending
from newsletter.models import Delivery, Dispatch, MailingList, NewsletterIssuePage, Subscriber
from newsletter.rendering import RenderingError, render_issue


@pytest.fixture
def issue(demo):
    return NewsletterIssuePage.objects.get(locale__language_code="lv")


def english_version(issue: NewsletterIssuePage) -> NewsletterIssuePage:
    """The issue's English translation, whose subject the English readers get."""
    return issue.get_translation(Locale.objects.get(language_code="en"))


@pytest.mark.django_db
class TestRendering:
    def test_each_language_renders_its_own_subject_and_absolute_links(self, issue):
        latvian = render_issue(issue)
        assert latvian.subject == issue.subject
        assert 'href="/' not in latvian.html and 'src="/' not in latvian.html
        assert "http://127.0.0.1:8000/lv/jaunumi/" in latvian.html
        events = EventPage.objects.filter(locale__language_code="lv")
        assert any(event.title in latvian.text for event in events)  # upcoming events filled in
        assert "<style" not in latvian.html and 'style="' in latvian.html  # CSS inlined

    def test_a_relative_link_stops_the_send_with_a_clear_message(self, issue):
        issue.body = [
            ("call_to_action", {"text": "Sīkāk", "url": "https://example.org/x"}),
            ("paragraph", '<p><a href="rezultati.html">rezultāti</a></p>'),
        ]
        with pytest.raises(RenderingError, match="rezultati.html"):
            render_issue(issue)


@pytest.mark.django_db
class TestDispatch:
    def test_freezes_both_languages_and_every_confirmed_recipient(self, issue):
        dispatch = sending.create_dispatch(issue, [MailingList.default()])
        assert set(dispatch.frozen) == {"lv", "en"}
        assert dispatch.frozen["en"]["subject"] == english_version(issue).subject
        assert dispatch.deliveries.count() == 80
        assert dispatch.deliveries.filter(language="en").count() == 16

    def test_unconfirmed_and_unsubscribed_people_are_not_recipients(self, issue):
        Subscriber.objects.filter(email="partneris01@example.org").update(status="unsubscribed")
        Subscriber.objects.filter(email="partneris02@example.org").update(status="pending")
        dispatch = sending.create_dispatch(issue, [MailingList.default()])
        assert dispatch.deliveries.count() == 78

    def test_an_issue_is_not_sent_twice_to_the_same_list(self, issue):
        sending.create_dispatch(issue, [MailingList.default()])
        # In the admin's language: the refusal is shown there.
        with pytest.raises(sending.SendRefused, match="jau nosūtīts sarakstam"):
            sending.create_dispatch(issue, [MailingList.default()])
        sending.send_test(issue, "liga@example.org")  # a test is always allowed
        assert mail.outbox[-1].subject.startswith("[PĀRBAUDE]")

    def test_two_workers_never_claim_the_same_rows(self, issue):
        dispatch = sending.create_dispatch(issue, [MailingList.default()])
        first = sending.claim_batch(dispatch, "a", size=50)
        second = sending.claim_batch(dispatch, "b", size=50)
        assert len(first) == 50 and len(second) == 30
        assert not {d.pk for d in first} & {d.pk for d in second}
        assert sending.claim_batch(dispatch, "c") == []

    def test_claims_of_a_dead_worker_go_back_to_the_queue(self, issue):
        dispatch = sending.create_dispatch(issue, [MailingList.default()])
        sending.claim_batch(dispatch, "dead", size=10)
        assert sending.requeue_stale_claims() == 0
        later = timezone.now() + sending.CLAIM_TIMEOUT + datetime.timedelta(seconds=1)
        assert sending.requeue_stale_claims(now=later) == 10
        assert dispatch.deliveries.filter(state="queued").count() == 80


@pytest.mark.django_db
def test_a_slow_worker_does_not_send_what_another_took_over(issue, monkeypatch):
    """A worker held up past the claim timeout (a stalled mail server, a locked
    database) is alive, but its claims look dead: beat queues its rows again and
    another worker sends them. The slow one must then leave them alone; only the
    message it had in hand at that moment can go twice."""
    dispatch = sending.create_dispatch(issue, [MailingList.default()])
    # Every moment counts as "a while": the claim is checked before each message.
    monkeypatch.setattr(sending, "CLAIM_TIMEOUT", datetime.timedelta(0))
    real_hand_over = sending.hand_over
    held_up = []

    def hand_over_slowly(*args):
        if not held_up:
            held_up.append(True)
            # Meanwhile beat finds the claim stale and worker "b" sends the batch.
            sending.requeue_stale_claims(now=timezone.now() + datetime.timedelta(seconds=1))
            assert sending.send_batch(dispatch, "b") == 50
        return real_hand_over(*args)

    monkeypatch.setattr(sending, "hand_over", hand_over_slowly)
    sending.send_batch(dispatch, "a")
    sending.send_all(dispatch, "c")
    sent_to = [message.to[0] for message in mail.outbox]
    assert set(sent_to) == set(dispatch.deliveries.values_list("subscriber__email", flat=True))
    assert len(sent_to) - len(set(sent_to)) <= 1  # the one in hand; 49 more before the fix


@pytest.mark.django_db
class TestSendingOverSmtp:
    def test_every_recipient_gets_one_message_in_their_language_with_list_headers(
        self, issue, smtp_sink
    ):
        dispatch = sending.create_dispatch(issue, [MailingList.default()])
        sending.send_all(dispatch)
        dispatch.refresh_from_db()
        assert dispatch.state == "finished"
        assert len(smtp_sink.messages) == 80
        assert all(len(smtp_sink.to(f"partneris{n:02d}@example.org")) == 1 for n in range(1, 81))
        english = smtp_sink.to("partneris05@example.org")[0]
        latvian = smtp_sink.to("partneris01@example.org")[0]
        assert english["Subject"] == english_version(issue).subject
        # (a folded, encoded header parses with a leading space)
        assert latvian["Subject"].strip() == issue.subject
        assert english["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe = english["List-Unsubscribe"].strip()
        assert unsubscribe.startswith("<http://127.0.0.1:8000/en/newsletter/unsubscribe/")
        assert english["List-Id"] == "<socialo-pakalpojumu-sniedzeji.127.0.0.1>"
        assert english["Message-ID"] != latvian["Message-ID"]
        html = english.get_body(("html",)).get_content()
        assert unsubscribe[1:-1] in html
        english_subscriber = Subscriber.objects.get(email="partneris05@example.org")
        # The preferences link carries the time it was made: the subscriber's own, not equal.
        [preferences] = set(re.findall(r"/en/newsletter/preferences/([^/\s\"]+)/", html))
        assert links.read(preferences, links.PREFERENCES) == english_subscriber
        assert preferences in english.get_body(("plain",)).get_content()
        assert "%%" not in html
        assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}

    def test_temporary_refusals_are_retried_and_permanent_ones_recorded(self, issue, smtp_sink):
        smtp_sink.scripted = {
            "partneris01@example.org": ["421 4.7.0 Too busy", "451 4.3.0 Try again later"],
            "partneris02@example.org": ["550 5.1.1 No such user"],
        }
        dispatch = sending.create_dispatch(issue, [MailingList.default()])
        sending.send_all(dispatch)
        retry = Delivery.objects.get(subscriber__email="partneris01@example.org")
        failed = Delivery.objects.get(subscriber__email="partneris02@example.org")
        assert retry.state == "queued" and retry.attempts == 1 and "421" in retry.last_error
        assert failed.state == "failed" and "550" in failed.last_error
        dispatch.refresh_from_db()
        assert dispatch.state == "sending"  # not finished with a recipient left over

        for attempt, answer in [(2, "451"), (3, None)]:
            Delivery.objects.filter(pk=retry.pk).update(claimed_at=timezone.now())  # backoff over
            sending.send_all(dispatch)
            retry.refresh_from_db()
            assert retry.attempts == attempt
            if answer:
                assert retry.state == "queued" and answer in retry.last_error
        dispatch.refresh_from_db()
        assert retry.state == "sent" and dispatch.state == "finished"
        assert len(smtp_sink.to("partneris01@example.org")) == 1
        assert smtp_sink.to("partneris02@example.org") == []


@pytest.mark.django_db
class TestCommand:
    def test_send_and_wait_then_refuse_a_second_send(self, issue, capsys):
        call_command("newsletter_send", "e-apkartraksts-nr-1", "--wait")
        assert len(mail.outbox) == 80
        assert Dispatch.objects.get().state == "finished"
        assert "80/80" in capsys.readouterr().out
        with pytest.raises(CommandError, match="already been sent"):
            call_command("newsletter_send", str(issue.pk))

    def test_any_translations_id_means_the_whole_issue(self, issue):
        from wagtail.models import Locale

        english = issue.get_translation(Locale.objects.get(language_code="en"))
        call_command("newsletter_send", str(english.pk))
        assert len(mail.outbox) == 80

    def test_unknown_issue_is_a_clear_error(self, demo):
        with pytest.raises(CommandError, match="No e-bulletin issue"):
            call_command("newsletter_send", "nav-tada")


@pytest.mark.django_db
def test_archive_serves_the_frozen_copy_after_sending(client, issue):
    call_command("newsletter_send", str(issue.pk))
    issue.subject = "Changed after sending"
    issue.body = []
    issue.save_revision().publish()
    html = client.get(issue.url).content.decode()
    assert "Jaunākās ziņas" in html
    assert "/newsletter/unsubscribe/" not in html  # nobody's token in the public copy


@pytest.mark.django_db
class TestScheduleCancelPreview:
    def test_a_scheduled_dispatch_is_started_by_beat_when_due(self, issue):
        from newsletter.tasks import resume_dispatches

        later = timezone.now() + datetime.timedelta(hours=1)
        dispatch = sending.create_dispatch(issue, [MailingList.default()], scheduled_for=later)
        resume_dispatches()
        dispatch.refresh_from_db()
        assert dispatch.state == "scheduled" and mail.outbox == []

        Dispatch.objects.filter(pk=dispatch.pk).update(scheduled_for=timezone.now())
        resume_dispatches()
        dispatch.refresh_from_db()
        assert dispatch.state == "finished" and len(mail.outbox) == 80

    def test_a_cancelled_dispatch_sends_nothing_more(self, issue):
        dispatch = sending.create_dispatch(issue, [MailingList.default()])
        sending.claim_batch(dispatch, "w", size=10)
        sending.cancel(dispatch)
        sending.send_all(dispatch)
        assert mail.outbox == []
        assert dispatch.deliveries.filter(state="queued").count() == 0

    def test_without_an_english_translation_everyone_gets_latvian(self, issue):
        from wagtail.models import Locale

        issue.get_translation(Locale.objects.get(language_code="en")).unpublish()
        dispatch = sending.create_dispatch(issue, [MailingList.default()])
        assert set(dispatch.frozen) == {"lv"}
        assert set(dispatch.deliveries.values_list("language", flat=True)) == {"lv"}

    def test_preview_shows_the_email_as_sent(self, issue):
        response = issue.make_preview_request()
        html = response.content.decode()
        assert response.status_code == 200
        assert "Jaunākās ziņas" in html and 'style="' in html and "%%" not in html
