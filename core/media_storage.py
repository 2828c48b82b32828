"""Uploaded files: public media, and Wagtail documents kept where nothing serves them.

Images and renditions are public: the media route, a proxy's alias of
MEDIA_ROOT or a public bucket prefix may serve them straight away. Documents
may sit in a collection with a login or password restriction, which only
Wagtail's view (/documents/<id>/<name>) checks, so their files must not be
reachable any other way. Wagtail's document model keeps its files in the
default storage under ``documents/`` and offers no storage setting of its
own (changing the field's storage means a custom document model, and
swapping the model of a live site moves every document's permissions,
references and tags); so the default storage is this router: names under
``documents/`` go to the ``documents`` storage (a folder outside
MEDIA_ROOT, or a private prefix or bucket), everything else to
``public_media``. Backups (django-dbbackup's mediabackup, which walks the
default storage) therefore hold both. See docs/deployment.md.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.deconstruct import deconstructible
from django.views.static import serve

DOCUMENTS_PREFIX = "documents/"


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder no web server serves: its files have no URL of their own."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError(
            "Documents are served only through /documents/<id>/<name>, which checks "
            "the collection's privacy."
        )


def _is_document(name: str) -> bool:
    return name.replace("\\", "/").lstrip("/").startswith(DOCUMENTS_PREFIX)


@deconstructible
class MediaStorage(Storage):
    """The default storage: ``documents/…`` in the private storage, the rest public."""

    def _backend(self, name: str) -> Storage:
        return storages["documents"] if _is_document(name) else storages["public_media"]

    def _open(self, name, mode="rb"):
        return self._backend(name).open(name, mode)

    def save(self, name, content, max_length=None):
        return self._backend(name).save(name, content, max_length=max_length)

    def generate_filename(self, filename):
        return self._backend(filename).generate_filename(filename)

    def get_valid_name(self, name):
        return self._backend(name).get_valid_name(name)

    def get_available_name(self, name, max_length=None):
        return self._backend(name).get_available_name(name, max_length=max_length)

    def delete(self, name):
        return self._backend(name).delete(name)

    def exists(self, name):
        return self._backend(name).exists(name)

    def size(self, name):
        return self._backend(name).size(name)

    def path(self, name):
        return self._backend(name).path(name)

    def url(self, name):
        return self._backend(name).url(name)

    def get_accessed_time(self, name):
        return self._backend(name).get_accessed_time(name)

    def get_created_time(self, name):
        return self._backend(name).get_created_time(name)

    def get_modified_time(self, name):
        return self._backend(name).get_modified_time(name)

    def listdir(self, path):
        """Both storages seen as one tree, ``documents`` at the top (what backups walk)."""
        folder = path.replace("\\", "/").strip("/")
        if _is_document(folder + "/"):
            return _listdir(storages["documents"], path)
        directories, files = _listdir(storages["public_media"], path)
        if not folder:
            # A leftover public documents/ folder is neither listed nor served.
            documents = DOCUMENTS_PREFIX.strip("/")
            directories = [name for name in directories if name != documents]
            if documents in _listdir(storages["documents"], "")[0]:
                directories.append(documents)
        return directories, files


def serve_public_media(request: HttpRequest, path: str) -> HttpResponse:
    """Django's media route (SERVE_MEDIA): MEDIA_ROOT, never a documents/ folder in it."""
    if _is_document(posixpath.normpath(path.replace("\\", "/"))):
        raise Http404("Documents are served at /documents/<id>/<name>.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def _listdir(storage: Storage, path: str) -> tuple[list[str], list[str]]:
    """A folder's listing; nothing for a folder not made yet (a site with no uploads)."""
    try:
        return storage.listdir(path)
    except FileNotFoundError:
        return [], []


def move_documents_to_private_storage(documents: Iterable) -> int:
    """Move the files of documents still in public media to the private storage.

    For sites whose documents were uploaded before the private storage
    existed (the migration home 0008 calls it). Returns how many files moved;
    a document whose file is already private, or missing, is left alone.
    """
    public, private = storages["public_media"], storages["documents"]
    moved = 0
    for document in documents:
        name = document.file.name
        if not name or not public.exists(name) or private.exists(name):
            continue
        with public.open(name, "rb") as source:
            saved = private.save(name, source)
        if saved != name:  # never expected: the private name was free
            raise RuntimeError(f"{name} was stored as {saved}")
        public.delete(name)
        moved += 1
    return moved
