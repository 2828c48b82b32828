"""Issue 11, items 5-7: one owner of a subscriber's status; an opt-out is final;
one mailbox is one subscriber; a stranger's submission changes nothing."""

import ast
import hashlib
import importlib
import re
from pathlib import Path

import pytest
from django.core import mail
from django.test import TestCase
from wagtail.models import ModelLogEntry

from newsletter import privacy, status, subscriptions
from newsletter.importing import import_subscribers
from newsletter.models import (
    ConsentRecord,
    Delivery,
    Dispatch,
    MailingList,
    Subscriber,
    Suppression,
    normalise_email,
)
from newsletter.subscriptions import confirmation_token, subscribe_from_form
from tests.support.factories import (
    MailingListFactory,
    NewsletterIndexPageFactory,
    NewsletterIssuePageFactory,
    OrganisationFactory,
    SubscriberFactory,
)

ROOT = Path(__file__).resolve().parents[2]
FULL_WIDTH = "partneris17@ｅｘａｍｐｌｅ.org"


def subscribe(client, email: str, ip: str = "10.0.0.7", language: str = "en", **extra):
    """The form, and the confirmation e-mail it queues sent as the worker would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            f"/{language}/newsletter/subscribe/", {"email": email, **extra}, REMOTE_ADDR=ip
        )


def confirm_link_in(message) -> str:
    return re.search(r"https?://\S+/newsletter/confirm/\S+/", message.body).group(0)


# Item 5: one mailbox, one subscriber ------------------------------------------


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("partneris17@ｅｘａｍｐｌｅ.org", "partneris17@example.org"),
        (" Anna@EXAMPLE.Org ", "anna@example.org"),
        ("ＡＮＮＡ@example.org", "anna@example.org"),
        ("anna@ÄBOLS.lv", "anna@äbols.lv"),
        ("anna@xn--bols-koa.lv", "anna@äbols.lv"),
        ("anna@example.org．", "anna@example.org."),  # refused later by the validator
    ],
)
def test_an_address_is_stored_in_its_canonical_spelling(typed, stored):
    assert normalise_email(typed) == stored


@pytest.mark.django_db
class TestUnicodeTwins:
    def test_a_full_width_domain_is_the_same_subscriber(self, client, demo):
        assert subscribe(client, FULL_WIDTH).status_code == 200
        assert Subscriber.objects.filter(email__startswith="partneris17@").count() == 1
        assert not mail.outbox  # a confirmed subscriber is not asked again

    def test_a_complained_persons_twin_is_not_mailed_again(self, client, home):
        SubscriberFactory(email="partneris17@example.org", status="complained")
        subscribe(client, FULL_WIDTH)
        assert Subscriber.objects.get().status == "complained"
        assert not mail.outbox

    def test_an_import_of_a_twin_changes_nothing(self, home):
        SubscriberFactory(email="partneris17@example.org", status="unsubscribed")
        report = import_subscribers(
            f"email\n{FULL_WIDTH}\n".encode(), confirmed=True, consent="Piekrītu."
        )
        assert not report.imported and len(report.skipped) == 1
        assert Subscriber.objects.get().status == "unsubscribed"

    def test_the_data_migration_merges_twins_keeping_the_strictest_status(self, home):
        merge = importlib.import_module("newsletter.migrations.0005_canonical_addresses")
        default = MailingList.default()
        leaders = MailingListFactory(slug="vaditaji")
        organisation = OrganisationFactory()
        confirmed = SubscriberFactory(email="partneris17@example.org", lists=[default])
        twin = SubscriberFactory(
            email="twin@example.org",
            name="Dvīnis",
            status="complained",
            organisation=organisation,
            lists=[leaders],
        )
        # Stored before addresses were canonical: bypass save()'s normalisation.
        Subscriber.objects.filter(pk=twin.pk).update(email=FULL_WIDTH)
        ConsentRecord.objects.create(
            subscriber=twin, email=FULL_WIDTH, source="form", legal_basis="consent", wording="x"
        )
        issue = NewsletterIssuePageFactory(parent=NewsletterIndexPageFactory(parent=home))
        dispatch = Dispatch.objects.create(issue=issue)
        Delivery.objects.create(dispatch=dispatch, subscriber=confirmed, language="lv")
        twin_copy = Delivery.objects.create(dispatch=dispatch, subscriber=twin, language="lv")
        other = Dispatch.objects.create(issue=issue)
        twin_only = Delivery.objects.create(dispatch=other, subscriber=twin, language="lv")

        merge.merge_twins(django_apps(), None)

        kept = Subscriber.objects.get()
        assert kept.email == "partneris17@example.org"
        assert kept.status == "complained"
        assert set(kept.lists.all()) == {default, leaders}
        assert kept.organisation == organisation and kept.name == confirmed.name
        assert kept.consents.count() == 1
        twin_only.refresh_from_db()
        assert twin_only.subscriber == kept
        # Two messages went out in that dispatch: both rows stay, one per person.
        twin_copy.refresh_from_db()
        assert twin_copy.subscriber is None and dispatch.deliveries.count() == 2
        assert Suppression.objects.filter(reason="complained").count() == 1
        assert status.is_suppressed("partneris17@example.org")


def django_apps():
    from django.apps import apps

    return apps


# Item 6: an opt-out is final ----------------------------------------------------


@pytest.mark.django_db
class TestAnOptOutIsFinal:
    def test_a_form_submission_never_changes_an_existing_persons_status(self, client, home):
        ilze = SubscriberFactory(email="ilze@example.org")
        status.unsubscribe(ilze, source=status.Source.LINK)
        subscribe(client, "ilze@example.org")
        ilze.refresh_from_db()
        assert ilze.status == "unsubscribed"
        # ... so the purge of unconfirmed people never removes the record of her opt-out.
        assert privacy.purge_unconfirmed() == 0

    def test_someone_who_left_comes_back_only_through_their_own_link(self, client, home):
        ilze = SubscriberFactory(email="ilze@example.org")
        old_link = confirmation_token(ilze)
        status.unsubscribe(ilze, source=status.Source.LINK)
        # A link from before she left does not bring her back.
        client.post(f"/en/newsletter/confirm/{old_link}/")
        ilze.refresh_from_db()
        assert ilze.status == "unsubscribed"
        # Asking again sends her a new link; clicking it is her own consent.
        subscribe(client, "ilze@example.org", ip="10.0.0.9")
        assert [m.to for m in mail.outbox] == [["ilze@example.org"]]
        client.post(confirm_link_in(mail.outbox[0]), REMOTE_ADDR="10.0.0.9")
        ilze.refresh_from_db()
        assert ilze.status == "confirmed" and list(ilze.lists.all()) == [MailingList.default()]
        consent = ilze.consents.latest("created_at")
        assert consent.source == "form" and consent.ip_address == "10.0.0.9"
        assert not status.is_suppressed("ilze@example.org")

    def test_the_record_of_an_opt_out_outlives_the_purge_and_erase(self, home):
        ilze = SubscriberFactory(email="ilze@example.org")
        status.unsubscribe(ilze, source=status.Source.LINK)
        privacy.erase(ilze)
        report = import_subscribers(
            b"email\nIlze@Example.org\n", confirmed=True, consent="Piekrītu."
        )
        assert not report.imported and not Subscriber.objects.exists()
        assert report.skipped[0][:2] == (2, "ilze@example.org")

    def test_the_form_consults_the_suppression_list(self, client, home):
        for email, kind in (("b@example.org", "bounced"), ("u@example.org", "unsubscribed")):
            person = SubscriberFactory(email=email)
            status.suppress(person.pk, kind)
            privacy.erase(Subscriber.objects.get(pk=person.pk))
            subscribe(client, email)
        # The bounced address gets nothing; the one who left may come back by confirming.
        assert [m.to for m in mail.outbox] == [["u@example.org"]]
        assert Subscriber.objects.get().status == "pending"
        report = import_subscribers(b"email\nu@example.org\n", confirmed=True, consent="Jā.")
        assert Subscriber.objects.get().status == "pending" and report.skipped

    def test_the_suppression_entry_is_a_keyed_hash(self, home, settings):
        ilze = SubscriberFactory(email="ilze@example.org")
        status.unsubscribe(ilze, source=status.Source.LINK)
        entry = Suppression.objects.get()
        assert "ilze" not in entry.digest
        assert hashlib.sha256(b"ilze@example.org").hexdigest() not in entry.digest
        assert entry.digest == privacy.keyed_digest("ilze@example.org")
        settings.SECRET_KEY = "another-" + settings.SECRET_KEY
        assert entry.digest != privacy.keyed_digest("ilze@example.org")

    def test_a_rotated_secret_key_still_finds_the_opt_out(self, home, settings):
        ilze = SubscriberFactory(email="ilze@example.org")
        status.unsubscribe(ilze, source=status.Source.LINK)
        settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
        settings.SECRET_KEY = "rotated-" + settings.SECRET_KEY
        assert status.is_suppressed("ilze@example.org")

    def test_a_bounce_after_an_unsubscribe_is_recorded_as_the_stricter(self, home):
        ilze = SubscriberFactory(email="ilze@example.org")
        status.unsubscribe(ilze, source=status.Source.LINK)
        status.suppress(ilze.pk, "complained")
        status.suppress(ilze.pk, "bounced")  # weaker: no change
        ilze.refresh_from_db()
        assert ilze.status == "complained"
        assert Suppression.objects.get().reason == "complained"

    def test_every_change_leaves_a_record(self, client, home):
        ilze = SubscriberFactory(email="ilze@example.org")
        status.unsubscribe(ilze, source=status.Source.LINK)
        entry = ModelLogEntry.objects.get(action="newsletter.status")
        assert entry.data["from"] == "confirmed" and entry.data["to"] == "unsubscribed"
        assert entry.data["source"] == "link" and entry.user is None


# Item 7: a submission for an existing address changes nothing ------------------


@pytest.mark.django_db
class TestAStrangerChangesNothing:
    def test_a_submission_for_a_pending_address_changes_nothing_stored(self, client, home):
        subscribe_from_form("janis@example.org", "lv", "10.0.0.1", name="Jānis")
        janis = Subscriber.objects.get()
        before = (janis.name, janis.language, janis.organisation_id, list(janis.lists.all()))
        stranger_list = MailingListFactory()
        subscribe(
            client,
            "janis@example.org",
            ip="10.9.9.9",
            name="Laimests! https://evil.example",
            organisation=OrganisationFactory().pk,
            lists=[stranger_list.pk],
        )
        janis.refresh_from_db()
        after = (janis.name, janis.language, janis.organisation_id, list(janis.lists.all()))
        assert after == before
        assert janis.consents.count() == 1

    def test_the_confirmation_email_holds_no_text_a_stranger_typed(self, client, home):
        subscribe(client, "anna@example.org", name="Laimests! https://evil.example")
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert "evil" not in message.body and "Laimests" not in message.body
        assert "evil" not in message.subject

    def test_confirmation_emails_per_address_are_capped_whatever_the_ip(self, client, home):
        for n in range(5):
            assert subscribe(client, "anna@example.org", ip=f"10.1.0.{n}").status_code == 200
        assert len(mail.outbox) == subscriptions.CONFIRMATIONS_PER_DAY == 2


# The owner ------------------------------------------------------------------------

# The calls that store what their `status=` keyword says.
WRITING_CALLS = {"create", "update", "get_or_create", "update_or_create", "Subscriber"}
# Synthetic rows for measurements, like the tests' factories: not the product's code.
NOT_PRODUCT = ("tests/", "scripts/bench/", ".venv/", "node_modules/")


def status_writes(source: str) -> list[int]:
    """Line numbers where `source` writes a `status`: an assignment to `x.status`,
    a `status=` keyword of a create/update call, a "status" key in its defaults."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Attribute) and t.attr == "status" for t in targets):
                lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in WRITING_CALLS:
                continue
            for keyword in node.keywords:
                if keyword.arg == "status" and not isinstance(keyword.value, ast.Constant):
                    lines.append(node.lineno)
                if keyword.arg == "defaults" and isinstance(keyword.value, ast.Dict):
                    keys = [k.value for k in keyword.value.keys if isinstance(k, ast.Constant)]
                    if "status" in keys:
                        lines.append(node.lineno)
    return lines


def test_nothing_but_the_status_module_writes_a_subscribers_status():
    offenders = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(NOT_PRODUCT) or "/migrations/" in relative:
            continue
        source = path.read_text()
        # Registrations have a status of their own (a seat): a module that never
        # speaks of subscribers cannot be writing one's.
        if relative == "newsletter/status.py" or "subscriber" not in source.lower():
            continue
        offenders += [f"{relative}:{line}" for line in status_writes(source)]
    assert offenders == []


@pytest.mark.parametrize(
    "code",
    [
        "subscriber.status = Subscriber.Status.PENDING",
        "Subscriber.objects.filter(pk=1).update(status=status)",
        "Subscriber.objects.create(email=e, status=Subscriber.Status.CONFIRMED)",
        'Subscriber.objects.get_or_create(email=e, defaults={"status": Status.CONFIRMED})',
        "Subscriber(email=e, status=Subscriber.Status.CONFIRMED)",
    ],
)
def test_the_architecture_test_catches_a_status_write(code):
    assert status_writes(code) == [1]


def test_the_architecture_test_lets_reading_and_http_statuses_be():
    code = "Subscriber.objects.filter(status=Subscriber.Status.PENDING)\nHttpResponse(status=400)"
    assert status_writes(code) == []
