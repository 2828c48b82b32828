"""GDPR: one person's data exported, and erased without breaking the records."""

import hashlib
import json
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from newsletter import privacy, reports, sending
from newsletter.models import ConsentRecord, Delivery, Dispatch, MailingList, Subscriber
from tests.support.factories import (
    MailingListFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    OrganisationFactory,
    SubscriberFactory,
    UserFactory,
)


@pytest.fixture
def issue(home):
    archive = NewsletterIndexPageFactory()
    return NewsletterIssuePageFactory(parent=archive, title="E-apkārtraksts Nr. 3")


@pytest.fixture
def anna(db):
    organisation = OrganisationFactory(
        name="Bauskas novada Sociālais dienests", municipality="Bauskas novads"
    )
    anna = SubscriberFactory(
        email="anna.berzina@example.org",
        name="Anna Bērziņa",
        language="en",
        organisation=organisation,
        lists=[MailingList.default(), MailingListFactory(name="Vadītāji", slug="vaditaji")],
    )
    ConsentRecord.objects.create(
        subscriber=anna,
        email=anna.email,
        source=ConsentRecord.Source.FORM,
        legal_basis=ConsentRecord.LegalBasis.CONSENT,
        wording="Piekrītu saņemt e-apkārtrakstu.",
        wording_version="form-1",
        ip_address="192.0.2.7",
    )
    return anna


def dispatch_to(issue, *subscribers, state=Delivery.State.SENT, last_error=""):
    dispatch = Dispatch.objects.create(issue=issue, state=Dispatch.State.SENDING)
    for subscriber in subscribers:
        Delivery.objects.create(
            dispatch=dispatch,
            subscriber=subscriber,
            language=subscriber.language,
            state=state,
            last_error=last_error,
        )
    return dispatch


@pytest.mark.django_db
class TestExport:
    def test_everything_about_the_person_and_nothing_about_others(self, issue, anna):
        someone_else = SubscriberFactory(email="janis@example.org")
        dispatch_to(issue, anna, someone_else)

        data = privacy.export_person(anna)

        assert data["subscriber"]["email"] == "anna.berzina@example.org"
        assert data["subscriber"]["name"] == "Anna Bērziņa"
        assert data["subscriber"]["language"] == "en"
        assert data["subscriber"]["status"] == "confirmed"
        assert data["organisation"] == {
            "name": "Bauskas novada Sociālais dienests",
            "municipality": "Bauskas novads",
        }
        assert sorted(item["slug"] for item in data["lists"]) == [
            "socialo-pakalpojumu-sniedzeji",
            "vaditaji",
        ]
        [consent] = data["consent_records"]
        assert consent["wording"] == "Piekrītu saņemt e-apkārtrakstu."
        assert consent["ip_address"] == "192.0.2.7"
        assert consent["source"] == "form"
        [delivery] = data["deliveries"]
        assert delivery["issue"] == "E-apkārtraksts Nr. 3"
        assert delivery["state"] == "sent"
        assert "janis@example.org" not in json.dumps(data)

    def test_the_admin_history_about_the_person_is_in_the_export(self, anna):
        manager = UserFactory(username="liga")
        log(instance=anna, action="wagtail.edit", user=manager)
        log(instance=SubscriberFactory(email="janis@example.org"), action="wagtail.edit")

        [entry] = privacy.export_person(anna)["admin_history"]

        assert entry["action"] == "wagtail.edit"
        assert entry["message"]  # the admin's own words for the action
        assert entry["timestamp"].startswith("20")
        assert entry["by"] == f"staff member #{manager.pk}"

    def test_the_export_is_plain_json(self, issue, anna):
        dispatch_to(issue, anna)
        text = json.dumps(privacy.export_person(anna))
        assert json.loads(text)["subscriber"]["created_at"].startswith("20")


@pytest.mark.django_db
class TestErase:
    def test_the_person_is_gone_and_their_consent_is_anonymised_not_deleted(self, anna):
        consent_id = anna.consents.get().pk

        privacy.erase(anna)

        assert not Subscriber.objects.filter(email="anna.berzina@example.org").exists()
        record = ConsentRecord.objects.get(pk=consent_id)
        assert record.email == privacy.email_digest("anna.berzina@example.org")
        assert record.ip_address is None
        assert record.subscriber is None
        assert record.wording == "Piekrītu saņemt e-apkārtrakstu."  # the proof stays

    def test_deliveries_stay_for_the_dispatch_counts_without_the_person(self, issue, anna):
        dispatch = dispatch_to(
            issue, anna, last_error="550 5.1.1 <anna.berzina@example.org>: unknown user"
        )
        privacy.erase(anna)
        delivery = dispatch.deliveries.get()
        assert delivery.subscriber is None
        assert delivery.state == "sent"
        assert "anna.berzina" not in delivery.last_error
        assert reports.progress(dispatch).by_state["sent"] == 1

    def test_queued_and_in_flight_deliveries_fail_first_so_no_dispatch_waits(self, issue, anna):
        queued = dispatch_to(issue, anna, state=Delivery.State.QUEUED)
        in_flight = dispatch_to(issue, anna, state=Delivery.State.SENDING)

        privacy.erase(anna)

        for dispatch in (queued, in_flight):
            delivery = dispatch.deliveries.get()
            assert (delivery.state, delivery.last_error) == ("failed", "erased")
            assert sending.finish_if_done(dispatch)

    def test_a_retry_of_an_erased_recipient_is_failed_not_sent(self, issue, anna, mailoutbox):
        # A worker held Anna's row when she was erased, and its attempt failed
        # for a temporary reason: the row went back to the queue without her.
        dispatch = dispatch_to(issue, anna, state=Delivery.State.QUEUED)
        dispatch.frozen = {"en": {"subject": "S", "html": "<p>H</p>", "text": "T"}}
        dispatch.save()
        [claimed] = sending.claim_batch(dispatch, "worker-a")
        privacy.erase(anna)
        sending.record_failure(claimed, TimeoutError("timed out"))
        Delivery.objects.filter(pk=claimed.pk).update(claimed_at=None)

        sending.send_batch(dispatch, "worker-b")

        delivery = dispatch.deliveries.get()
        assert delivery.state == "failed" and delivery.last_error == "erased"
        assert mailoutbox == []

    def test_the_kept_digest_is_keyed_so_a_guessed_address_does_not_match_it(self, anna, settings):
        privacy.erase(anna)
        kept = ConsentRecord.objects.get().email
        plain = hashlib.sha256(b"anna.berzina@example.org").hexdigest()
        assert plain not in kept and "anna" not in kept
        # The key is the server's: the same address under another key is another digest.
        settings.SECRET_KEY = "another-server's-key"
        assert privacy.email_digest("anna.berzina@example.org") != kept

    def test_the_address_goes_from_every_text_field_of_a_delivery_whatever_its_case(
        self, issue, anna
    ):
        dispatch = dispatch_to(
            issue,
            anna,
            state=Delivery.State.FAILED,
            last_error="550 5.1.1 <Anna.Berzina@EXAMPLE.org>: unknown user",
        )
        Delivery.objects.filter(dispatch=dispatch).update(
            esp_message_id="<ANNA.BERZINA@example.org.1234@esp>"
        )
        privacy.erase(anna)
        delivery = dispatch.deliveries.get()
        for value in (delivery.last_error, delivery.esp_message_id):
            assert "anna.berzina" not in value.lower()
        assert delivery.last_error.startswith("550 5.1.1 <[erased]>")

    def test_digests_kept_by_an_earlier_version_are_keyed_by_the_migration(self, anna):
        rekey = import_module(
            "newsletter.migrations.0009_keyed_consent_digests"
        ).rekey_plain_digests
        plain = "sha256:" + hashlib.sha256(b"anna.berzina@example.org").hexdigest()
        ConsentRecord.objects.filter(subscriber=anna).update(email=plain, subscriber=None)

        rekey(django_apps, None)

        kept = ConsentRecord.objects.get().email
        assert kept == privacy.keyed_digest(plain) and plain.split(":")[1] not in kept

    def test_admin_history_keeps_no_address(self, anna):
        log(instance=anna, action="wagtail.edit")
        privacy.erase(anna)
        labels = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Subscriber)
        ).values_list("label", flat=True)
        assert labels and not any("anna" in label for label in labels)

    def test_other_people_are_untouched(self, anna):
        janis = SubscriberFactory(email="janis@example.org")
        ConsentRecord.objects.create(
            subscriber=janis,
            email=janis.email,
            source=ConsentRecord.Source.IMPORT,
            legal_basis=ConsentRecord.LegalBasis.CONSENT,
            wording="Jā.",
            wording_version="import-1",
            ip_address="192.0.2.8",
        )
        privacy.erase(anna)
        assert ConsentRecord.objects.get(subscriber=janis).email == "janis@example.org"
        assert ConsentRecord.objects.get(subscriber=janis).ip_address == "192.0.2.8"
