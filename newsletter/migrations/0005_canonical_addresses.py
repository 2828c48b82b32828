"""One mailbox, one subscriber; opt-outs remembered apart from the subscriber row.

Addresses are now stored canonical (newsletter.models.normalise_email:
NFKC, IDNA/UTS-46 domain, lower case). Rows stored before as twins of one
mailbox (`partneris17@ｅｘａｍｐｌｅ.org` and `partneris17@example.org`) are
merged into one: the row already spelled canonically (else the oldest)
stays, with the strictest status of the twins (complained > bounced >
unsubscribed > confirmed > pending), the union of their lists, their
consent records, deliveries and admin history, and blanks (name,
organisation) filled from the twins. Where two twins were both sent the same
dispatch, both deliveries stay (two messages did go out), the twin's without
a person, as after an erase.

Then every address that unsubscribed, bounced or complained gets its
suppression entry (a keyed hash, newsletter.privacy.keyed_digest), which
outlives the row. Both steps call the app's own normalise_email and
keyed_digest: the stored values must be exactly what the running code looks up.
"""

from collections import defaultdict

from django.db import migrations, models

from newsletter.models import normalise_email
from newsletter.privacy import keyed_digest

STRICTNESS = ["pending", "confirmed", "unsubscribed", "bounced", "complained"]
SUPPRESSED = ("unsubscribed", "bounced", "complained")


def merge_twins(apps, schema_editor) -> None:
    """Merge subscribers whose addresses are one mailbox; remember every opt-out."""
    Subscriber = apps.get_model("newsletter", "Subscriber")
    groups = defaultdict(list)
    for subscriber in Subscriber.objects.order_by("pk"):
        groups[normalise_email(subscriber.email)].append(subscriber)
    for email, people in groups.items():
        if len(people) > 1:
            merge(apps, email, people)
        elif people[0].email != email:
            Subscriber.objects.filter(pk=people[0].pk).update(email=email)
    remember_opt_outs(apps)


def merge(apps, email: str, people: list) -> None:
    Subscriber = apps.get_model("newsletter", "Subscriber")
    ConsentRecord = apps.get_model("newsletter", "ConsentRecord")
    Delivery = apps.get_model("newsletter", "Delivery")
    keeper = next((person for person in people if person.email == email), people[0])
    twins = [person for person in people if person.pk != keeper.pk]
    strictest = max(people, key=lambda person: STRICTNESS.index(person.status))
    confirmed = [person.confirmed_at for person in people if person.confirmed_at]
    left = [person.unsubscribed_at for person in people if person.unsubscribed_at]
    changes = {
        "email": email,
        "status": strictest.status,
        "created_at": min(person.created_at for person in people),
        "confirmed_at": keeper.confirmed_at or (min(confirmed) if confirmed else None),
        "unsubscribed_at": max(left) if left and strictest.status in SUPPRESSED else None,
        "name": keeper.name or next((p.name for p in twins if p.name), ""),
        "organisation_id": keeper.organisation_id
        or next((p.organisation_id for p in twins if p.organisation_id), None),
    }
    keeper_dispatches = set(
        Delivery.objects.filter(subscriber=keeper).values_list("dispatch_id", flat=True)
    )
    for twin in twins:
        keeper.lists.add(*twin.lists.all())
        ConsentRecord.objects.filter(subscriber=twin).update(subscriber=keeper)
        Delivery.objects.filter(subscriber=twin, dispatch_id__in=keeper_dispatches).update(
            subscriber=None
        )
        keeper_dispatches |= set(
            Delivery.objects.filter(subscriber=twin).values_list("dispatch_id", flat=True)
        )
        Delivery.objects.filter(subscriber=twin).update(subscriber=keeper)
        move_history(apps, twin.pk, keeper.pk)
        twin.delete()
    Subscriber.objects.filter(pk=keeper.pk).update(**changes)


def move_history(apps, old_pk: int, new_pk: int) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    content_type = ContentType.objects.filter(app_label="newsletter", model="subscriber").first()
    if content_type is not None:
        ModelLogEntry.objects.filter(content_type=content_type, object_id=str(old_pk)).update(
            object_id=str(new_pk)
        )


def remember_opt_outs(apps) -> None:
    Subscriber = apps.get_model("newsletter", "Subscriber")
    Suppression = apps.get_model("newsletter", "Suppression")
    for email, status in Subscriber.objects.filter(status__in=SUPPRESSED).values_list(
        "email", "status"
    ):
        Suppression.objects.update_or_create(
            digest=keyed_digest(email), defaults={"reason": status}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("newsletter", "0004_newsletter_managers_group"),
    ]

    operations = [
        migrations.CreateModel(
            name="Suppression",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("digest", models.CharField(max_length=100, unique=True)),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("unsubscribed", "Unsubscribed"),
                            ("bounced", "Bounced"),
                            ("complained", "Complained"),
                        ],
                        max_length=20,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "suppressed address",
                "verbose_name_plural": "suppressed addresses",
            },
        ),
        migrations.RunPython(merge_twins, migrations.RunPython.noop),
    ]
