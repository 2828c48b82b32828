"""Ilze gets her certificate by e-mail the morning after, and its address confirms it."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import assert_accessible

ROOT = Path(__file__).resolve().parents[2]
ILZE = "ilze.certificate@example.lv"

# Ilze registered for the first Latvian event and was marked present at every session.
PRESENT_EVERYWHERE = f"""
from blog.models import EventPage
from registrations import attendance
from registrations.models import Registration
event = EventPage.objects.filter(locale__language_code="lv").order_by("pk").first()
ilze = Registration.objects.create(
    event=event, name="Ilze Bērziņa", email={ILZE!r}, email_key={ILZE!r},
    language="lv", status="confirmed",
)
for day in attendance.sessions(event):
    attendance.mark(ilze, day)
print(event.pk)
"""


def manage(site_env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=site_env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.stdout


def verification_link(address: str, timeout: float = 60) -> str:
    """The check address in the certificate's e-mail, once the worker has sent it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in sorted(Path(os.environ["E2E_OUTBOX"]).glob("*.log")):
            text = message.read_text()
            if f"To: {address}" in text and "application/pdf" in text:
                return re.search(r"http://\S+/lv/sertifikats/[0-9A-Z-]+/", text).group(0)
        time.sleep(0.2)  # polling the outbox folder: there is nothing to wait on
    raise AssertionError(f"no certificate e-mail to {address} within {timeout} s")


@pytest.mark.processes  # runs manage.py itself
@pytest.mark.usefixtures("celery_worker")  # the certificate's e-mail is a task
def test_ilze_gets_her_certificate_and_its_address_confirms_it(page: Page, site_env):
    event_id = manage(site_env, "shell", "-v", "0", "-c", PRESENT_EVERYWHERE).strip()
    # The demo may have marked others present at this event too: they count, Ilze among them.
    output = manage(site_env, "registrations_certificates", event_id)
    issued = int(re.search(r"(\d+) certificate\(s\) issued now", output).group(1))
    assert issued >= 1
    link = verification_link(ILZE)
    # A second run issues nothing new, and Ilze's e-mail is not queued again.
    again = manage(site_env, "registrations_certificates", event_id)
    assert f"0 certificate(s) issued now, {issued} earlier" in again

    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sertifikāta pārbaude")
    expect(page.get_by_role("status")).to_contain_text("ir derīgs")
    expect(page.get_by_role("main")).to_contain_text("Ilze Bērziņa")
    assert_accessible(page)

    # An employer abroad reads it in English.
    page.goto(link.replace("/lv/sertifikats/", "/en/certificate/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate check")
    expect(page.get_by_role("status")).to_contain_text("is valid")
    assert_accessible(page)

    # A mistyped number: a page that says so, not an error.
    response = page.goto(re.sub(r"[0-9A-Z]{6}/$", "ZZZZZZ/", link))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Sertifikāts nav atrasts")
    assert_accessible(page)

    certificate_mails = [
        message
        for message in Path(os.environ["E2E_OUTBOX"]).glob("*.log")
        if f"To: {ILZE}" in (text := message.read_text()) and "application/pdf" in text
    ]
    assert len(certificate_mails) == 1
