"""Move the files of existing documents out of public media (issue 11).

Documents uploaded before the private storage existed lie in MEDIA_ROOT
(or the public S3 prefix), where any direct media URL serves them. From now
on the default storage keeps documents/… in private storage; this copies the
old files there and deletes the public copies. Reversing leaves them private.
"""

from django.db import migrations


def move_documents(apps, schema_editor):
    from core.media_storage import move_documents_to_private_storage

    move_documents_to_private_storage(apps.get_model("wagtaildocs", "Document").objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_feedback_form_page"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(move_documents, migrations.RunPython.noop)]
