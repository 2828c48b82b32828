"""`website.settings.production`: checked by Django's deploy checks and by requests.

The production settings are loaded for real, in fresh interpreters with the
environment an operator would give them; requests go through the whole
middleware stack with Django's test client. Upload limits live in base.py
(every environment) and are tested in this process.
"""

import io
import json
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from wagtail.documents.forms import get_document_form
from wagtail.documents.models import Document
from wagtail.images.fields import WagtailImageField

from tests.support.csp import directives
from tests.support.markers import starts_processes
from tests.support.production import ROOT, production_env, run

# Runs under production settings on a migrated database holding the home page.
REQUESTS = """
import json
import django
django.setup()
from django.contrib.auth.models import User
from django.test import Client
from demo.site import build_home

home = build_home()
User.objects.create_superuser("ilze", password="Pareiza-parole-42")
results = {}
plain = Client().get("/lv/")
results["plain"] = {"status": plain.status_code, "location": plain.get("Location")}
browser = Client(HTTP_X_FORWARDED_PROTO="https")
for name, path in [("page", "/lv/"), ("cached", "/lv/"), ("admin", "/admin/login/")]:
    response = browser.get(path)
    results[name] = {"status": response.status_code, "headers": dict(response.items())}
    if name == "admin":
        results["csrf_cookie"] = {
            "secure": bool(response.cookies["csrftoken"]["secure"]),
        }
login = browser.post("/admin/login/", {"username": "ilze", "password": "Pareiza-parole-42"})
session = login.cookies["sessionid"]
results["login"] = {
    "status": login.status_code,
    "secure": bool(session["secure"]),
    "httponly": bool(session["httponly"]),
}
# A preview of the saved revision (the editor's live preview is in tests/e2e/test_csp.py).
preview = browser.get(f"/admin/pages/{home.pk}/revisions/{home.latest_revision_id}/view/")
results["preview"] = {"status": preview.status_code, "headers": dict(preview.items())}
health = Client().get("/healthz")
results["healthz"] = {"status": health.status_code, "body": health.json()}
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
@starts_processes
def answers(tmp_path_factory) -> dict:
    """What a production process answers, from a fresh migrated database."""
    var_dir = tmp_path_factory.mktemp("production")
    env = production_env(var_dir)
    # The Procfile's release step.
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        release = run(["manage.py", *step, "-v", "0"], env)
        assert release.returncode == 0, release.stderr
    result = run(["-c", REQUESTS], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.processes
def test_check_deploy_is_clean():
    env = production_env(ROOT / "var", SECRET_KEY=os.urandom(40).hex())
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {key: value for key, value in env.items() if key != "VAR_DIR"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.processes
def test_several_web_processes_without_a_shared_cache_fail_the_check(tmp_path):
    env = production_env(tmp_path, WEB_CONCURRENCY="4")
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "website.W001" in result.stderr and "CACHE_URL" in result.stderr

    shared = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {**env, "CACHE_URL": "redis://127.0.0.1:6379/1"},
    )
    assert shared.returncode == 0, shared.stderr


def test_plain_http_is_redirected_to_https(answers):
    assert answers["plain"] == {"status": 301, "location": "https://testserver/lv/"}


def test_hsts_for_a_year_with_subdomains(answers):
    headers = answers["page"]["headers"]
    assert answers["page"]["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_public_pages_have_a_strict_content_security_policy(answers):
    policy = directives(answers["page"]["headers"]["Content-Security-Policy"])
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"


def test_other_security_headers(answers):
    headers = answers["page"]["headers"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_a_page_from_the_page_cache_carries_the_same_headers(answers):
    cached = answers["cached"]["headers"]
    assert cached["X-Page-Cache"] == "hit"
    for header in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
    ):
        assert cached[header] == answers["page"]["headers"][header], header


def test_the_admin_has_its_own_laxer_policy(answers):
    headers = answers["admin"]["headers"]
    policy = directives(headers["Content-Security-Policy"])
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["object-src"] == "'none'"
    # Framing is left to X-Frame-Options, which Wagtail's preview relaxes to SAMEORIGIN.
    assert "frame-ancestors" not in policy
    assert headers["X-Frame-Options"] == "DENY"


def test_a_page_preview_keeps_the_public_policy_but_may_be_framed_by_the_admin(answers):
    headers = answers["preview"]["headers"]
    assert answers["preview"]["status"] == 200
    policy = directives(headers["Content-Security-Policy"])
    assert policy["script-src"] == "'self'" and "unsafe-inline" not in str(policy)
    assert policy["frame-ancestors"] == "'self'"


def test_session_and_csrf_cookies_are_secure_and_http_only(answers):
    assert answers["login"] == {"status": 302, "secure": True, "httponly": True}
    assert answers["csrf_cookie"] == {"secure": True}


def test_health_check_answers_plain_http_from_a_load_balancer(answers):
    assert answers["healthz"] == {
        "status": 200,
        "body": {"database": "ok", "broker": "ok", "sending": "ok"},
    }


@pytest.mark.processes
def test_media_storage_origin_is_allowed_for_images_only_when_configured(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['public_media']['BACKEND']); "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']); "
        "documents = settings.STORAGES['documents']; "
        "print(documents['BACKEND'], documents.get('OPTIONS', {}).get('location'))"
    )
    on_s3 = run(
        ["-c", code],
        production_env(
            tmp_path,
            AWS_STORAGE_BUCKET_NAME="cilveks-media",
            AWS_S3_ENDPOINT_URL="https://s3.eu-central-1.example.net",
        ),
    )
    assert on_s3.returncode == 0, on_s3.stderr
    backend, sources, documents = on_s3.stdout.strip().splitlines()
    assert backend == "storages.backends.s3.S3Storage"
    assert sources == str(
        ["'self'", "https://s3.eu-central-1.example.net", "https://*.s3.eu-central-1.example.net"]
    )
    # Documents: a prefix of their own, outside the public media/ prefix.
    assert documents == "storages.backends.s3.S3Storage private"

    local = run(["-c", code], production_env(tmp_path))
    assert local.stdout.strip().splitlines() == [
        "django.core.files.storage.FileSystemStorage",
        "[\"'self'\"]",
        f"core.media_storage.PrivateFileSystemStorage {tmp_path / 'private-media'}",
    ]


@pytest.mark.processes
def test_static_files_are_compressed_and_hashed_in_production(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['staticfiles']['BACKEND'])"
    )
    result = run(["-c", code], production_env(tmp_path))
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.processes
def test_logs_are_json_lines_on_stdout_without_personal_data(tmp_path):
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('newsletter').warning("
        "'Bounce for %s from %s', 'anna.berzina@example.org', '203.0.113.7')"
    )
    result = run(["-c", code], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "newsletter"
    assert line["message"] == "Bounce for [e-mail] from [ip]"
    assert "time" in line


# Upload limits (base settings, so every environment has them).


def png(width: int, height: int) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_an_ordinary_photo_is_accepted():
    assert WagtailImageField().clean(png(1600, 1200)) is not None


def test_svg_images_are_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError) as refused:
        WagtailImageField().clean(SimpleUploadedFile("logo.svg", svg, "image/svg+xml"))
    assert refused.value.code == "invalid_image_extension"


def test_decompression_bomb_is_refused():
    # 8000 × 6000 = 48 million pixels in a PNG of a few kilobytes: Pillow
    # warns (its guard is set to the same limit) and Wagtail refuses it.
    with pytest.raises(ValidationError) as refused, pytest.warns(Image.DecompressionBombWarning):
        WagtailImageField().clean(png(8000, 6000))
    assert refused.value.code == "file_too_many_pixels"
    assert Image.MAX_IMAGE_PIXELS == 40_000_000


def test_image_over_the_size_limit_is_refused():
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (15 * 1024 * 1024 + 1), "image/png")
    with pytest.raises(ValidationError) as refused:
        WagtailImageField().clean(big)
    assert refused.value.code == "file_too_large"


@pytest.mark.django_db
def test_document_over_the_size_limit_is_refused():
    form_class = get_document_form(Document)
    big = SimpleUploadedFile("rokasgramata.pdf", b"%PDF" + b"0" * (50 * 1024 * 1024 + 1))
    form = form_class({"title": "Rokasgrāmata"}, {"file": big})
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_an_oversized_form_post_is_a_400_not_a_500(home):
    body = "email=anna%40example.org&padding=" + "x" * (5 * 1024 * 1024 + 1)
    response = Client().post(
        "/lv/newsletter/subscribe/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
