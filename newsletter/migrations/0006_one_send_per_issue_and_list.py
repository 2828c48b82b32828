"""One row per (issue, list) sent, so that the database refuses a second send.

Existing sends that were not cancelled claim their lists, the oldest first;
where a double click already made two dispatches, the later one has no claim
(it went out; the constraint only guards what comes next).
"""

import django.db.models.deletion
from django.db import migrations, models


def claim_lists_of_earlier_sends(apps, schema_editor):
    Dispatch = apps.get_model("newsletter", "Dispatch")
    IssueSentToList = apps.get_model("newsletter", "IssueSentToList")
    for dispatch in Dispatch.objects.exclude(state="cancelled").order_by("pk"):
        IssueSentToList.objects.bulk_create(
            [
                IssueSentToList(
                    issue_id=dispatch.issue_id, mailing_list=mailing_list, dispatch=dispatch
                )
                for mailing_list in dispatch.lists.all()
            ],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0005_canonical_addresses"),
    ]

    operations = [
        migrations.CreateModel(
            name="IssueSentToList",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "dispatch",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sent_to",
                        to="newsletter.dispatch",
                    ),
                ),
                (
                    "issue",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="newsletter.newsletterissuepage",
                    ),
                ),
                (
                    "mailing_list",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="newsletter.mailinglist",
                    ),
                ),
            ],
            options={
                "verbose_name": "issue sent to a list",
                "verbose_name_plural": "issues sent to lists",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("issue", "mailing_list"), name="an_issue_goes_to_a_list_once"
                    )
                ],
            },
        ),
        migrations.RunPython(claim_lists_of_earlier_sends, migrations.RunPython.noop),
    ]
