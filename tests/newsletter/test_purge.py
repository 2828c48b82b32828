"""Hygiene: people who never confirmed are erased after 30 days, by beat."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from newsletter import privacy, tasks
from newsletter.models import ConsentRecord, Subscriber
from tests.support.factories import SubscriberFactory

NOW = timezone.now()


def pending(email: str, *, asked_days_ago: int, first_seen_days_ago: int | None = None):
    """A pending subscriber whose latest request to subscribe was `asked_days_ago`."""
    subscriber = SubscriberFactory(email=email, status="pending", confirmed_at=None)
    first_seen = NOW - datetime.timedelta(days=first_seen_days_ago or asked_days_ago)
    Subscriber.objects.filter(pk=subscriber.pk).update(created_at=first_seen)
    record = ConsentRecord.objects.create(
        subscriber=subscriber,
        email=email,
        source=ConsentRecord.Source.FORM,
        legal_basis=ConsentRecord.LegalBasis.CONSENT,
        wording="Piekrītu.",
        wording_version="form-1",
        ip_address="192.0.2.1",
    )
    asked = NOW - datetime.timedelta(days=asked_days_ago)
    ConsentRecord.objects.filter(pk=record.pk).update(created_at=asked)
    return subscriber


@pytest.mark.django_db
class TestPurge:
    def test_unconfirmed_for_more_than_30_days_are_erased(self):
        pending("vecs@example.org", asked_days_ago=31)
        pending("svaigs@example.org", asked_days_ago=29)

        assert privacy.purge_unconfirmed(now=NOW) == 1

        assert list(Subscriber.objects.values_list("email", flat=True)) == ["svaigs@example.org"]
        # Erased, not deleted: the consent record stays, anonymised.
        assert ConsentRecord.objects.filter(email__startswith="hmac-sha256:").count() == 1

    def test_confirmed_and_unsubscribed_people_are_kept_however_old(self):
        for status in ("confirmed", "unsubscribed", "bounced", "complained"):
            subscriber = SubscriberFactory(email=f"{status}@example.org", status=status)
            Subscriber.objects.filter(pk=subscriber.pk).update(
                created_at=NOW - datetime.timedelta(days=400)
            )
        assert privacy.purge_unconfirmed(now=NOW) == 0
        assert Subscriber.objects.count() == 4

    def test_someone_who_asked_again_recently_gets_their_full_week_to_confirm(self):
        # Left a year ago, subscribed again yesterday: pending, but a fresh request.
        pending("atpakal@example.org", asked_days_ago=1, first_seen_days_ago=365)
        assert privacy.purge_unconfirmed(now=NOW) == 0
        assert Subscriber.objects.filter(email="atpakal@example.org").exists()

    def test_the_beat_task_purges(self):
        pending("vecs@example.org", asked_days_ago=45)
        tasks.purge_unconfirmed_subscribers.delay()
        assert not Subscriber.objects.exists()


def test_beat_runs_the_purge_daily():
    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "newsletter.tasks.purge_unconfirmed_subscribers"
    ]
    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    assert schedule.remaining_estimate(timezone.now()) <= datetime.timedelta(days=1)
    assert set(schedule.day_of_week) == set(range(7))
