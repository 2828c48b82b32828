"""The morning after, Ilze (staff) issues the certificates from the admin; an attendee
gets hers by e-mail and its address confirms it."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import EDITOR, assert_accessible, log_in

ROOT = Path(__file__).resolve().parents[2]
ILZE = "ilze.certificate@example.lv"

# An attendee, Ilze Bērziņa, registered for the first Latvian event and was
# marked present at every session.
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
    log_in(page, EDITOR["username"], EDITOR["password"])
    page.goto(f"/admin/registrations/{event_id}/")
    page.get_by_role("link", name="Izsniegt sertifikātus").click()
    expect(page.get_by_role("main")).to_contain_text("Ilze Bērziņa")
    assert_accessible(page)
    # The demo may have marked others present at this event too: they count, Ilze among them.
    page.get_by_role("button", name=re.compile(r"^Izsniegt \d+ sertifikāt")).click()
    message = page.get_by_text(re.compile(r"Tagad izsniegti sertifikāti: \d+"))
    expect(message).to_be_visible()
    issued = int(re.search(r"sertifikāti: (\d+)", message.inner_text()).group(1))
    assert issued >= 1
    link = verification_link(ILZE)
    # The command, run again by a script, issues nothing new and mails nobody twice.
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
