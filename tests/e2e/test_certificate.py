"""The morning after, Ilze (staff) issues the certificates from the admin; an attendee
gets hers by e-mail and its address confirms it."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import EDITOR, assert_accessible, log_in
from tests.support.outbox import attaches, mail_to, messages_to, text_of
from tests.support.servers import manage, shell

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


def verification_link(address: str) -> str:
    """The check address in the certificate's e-mail, once the worker has sent it."""
    text = text_of(mail_to(address, attaches("application/pdf")))
    return re.search(r"http://\S+/lv/sertifikats/[0-9A-Z-]+/", text).group(0)


@pytest.mark.processes  # runs manage.py itself
@pytest.mark.usefixtures("celery_worker")  # the certificate's e-mail is a task
def test_ilze_gets_her_certificate_and_its_address_confirms_it(page: Page, site_env):
    event_id = shell(site_env, PRESENT_EVERYWHERE)
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

    certificate_mails = [m for m in messages_to(ILZE) if attaches("application/pdf")(m)]
    assert len(certificate_mails) == 1
