"""Documents are reachable only through Wagtail's checked view (issue 11, item 1).

A document in a collection with a login or password restriction must never
be served by the media route (SERVE_MEDIA), an nginx alias of MEDIA_ROOT or
a public media prefix on S3: it lives in storage of its own that nothing
serves directly.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from core import media_storage
from tests.support.factories import UserFactory

SECRET = b"%PDF-1.4 iekseja atskaite: slepeni skaitli"


@pytest.fixture
def private_collection(db) -> Collection:
    collection = Collection.get_first_root_node().add_child(name="Iekšējie dokumenti")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


@pytest.fixture
def private_document(private_collection) -> Document:
    document = Document(title="Iekšējā atskaite", collection=private_collection)
    document.file.save("iekseja-atskaite.pdf", ContentFile(SECRET), save=False)
    document.save()
    yield document
    document.file.delete(save=False)


def direct_urls(document: Document) -> list[str]:
    """Every address at which a directly served media folder could offer the file."""
    name = document.file.name
    return [
        f"{settings.MEDIA_URL}{name}",
        f"{settings.MEDIA_URL}documents/{Path(name).name}",
        f"{settings.MEDIA_URL}private/{name}",
        f"{settings.MEDIA_URL}../{Path(settings.PRIVATE_MEDIA_ROOT).name}/{name}",
    ]


@pytest.mark.django_db
class TestPrivateDocuments:
    def test_no_direct_media_url_serves_the_file(self, client, private_document):
        assert settings.SERVE_MEDIA  # the media route is mounted in the tests
        for url in direct_urls(private_document):
            assert client.get(url).status_code in (400, 404), url

    def test_the_file_lies_outside_the_public_media_folder(self, private_document):
        path = Path(private_document.file.path).resolve()
        assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
        assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
        assert path.read_bytes() == SECRET

    def test_the_document_has_no_direct_url_to_leak(self, private_document):
        with pytest.raises(NotImplementedError):
            private_document.file.storage.url(private_document.file.name)
        assert private_document.url == f"/documents/{private_document.pk}/iekseja-atskaite.pdf"

    def test_the_checked_view_refuses_strangers_and_serves_staff(self, client, private_document):
        response = client.get(private_document.url)
        assert response.status_code == 302 and "login" in response["Location"]

        client.force_login(UserFactory())
        response = client.get(private_document.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == SECRET

    def test_a_leftover_file_in_the_public_folder_is_not_served(self, client, db):
        leftover = Path(settings.MEDIA_ROOT) / "documents" / "aizmirsta-atskaite.pdf"
        leftover.parent.mkdir(parents=True, exist_ok=True)
        leftover.write_bytes(SECRET)
        try:
            for url in ("/media/documents/", "/media/./documents/", "/media/x/../documents/"):
                assert client.get(url + "aizmirsta-atskaite.pdf").status_code == 404, url
        finally:
            leftover.unlink()

    def test_images_are_still_served_from_public_media(self, client, db):
        public = storages["public_media"]
        name = public.save("original_images/publiska.txt", ContentFile(b"publisks"))
        try:
            response = client.get(f"{settings.MEDIA_URL}{name}")
            assert response.status_code == 200
        finally:
            public.delete(name)


@pytest.mark.django_db
def test_documents_uploaded_before_are_moved_out_of_public_media(client, private_collection):
    """What the migration does for the documents of an existing site."""
    public, private = storages["public_media"], storages["documents"]
    name = public.save("documents/veca-atskaite.pdf", ContentFile(SECRET))
    document = Document.objects.create(
        title="Veca atskaite", file=name, collection=private_collection
    )

    moved = media_storage.move_documents_to_private_storage(Document.objects.all())

    assert moved == 1
    assert not public.exists(name) and private.exists(name)
    assert client.get(f"{settings.MEDIA_URL}{name}").status_code == 404
    client.force_login(UserFactory())
    response = client.get(document.url)
    assert b"".join(response.streaming_content) == SECRET
    private.delete(name)


@pytest.mark.django_db
def test_the_demo_handbook_is_written_to_private_storage(client, demo):
    handbook = Document.objects.get(file__endswith=".pdf")
    with storages["documents"].open(handbook.file.name) as stored:
        assert stored.read(4) == b"%PDF"
    assert client.get(f"{settings.MEDIA_URL}{handbook.file.name}").status_code == 404
    assert client.get(handbook.url).status_code == 200
