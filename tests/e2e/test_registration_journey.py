"""Anna, on her phone, registers for the next regional seminar in English, gets the
e-mail with the calendar file, later cancels from its link; the first person
waiting gets her seat and is told (issue 14's first journey)."""

import email
import os
import re
import subprocess
import sys
import time
from email.message import Message
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import assert_accessible
from tests.support.servers import ROOT

SEMINAR = "regionalais-seminars-riga"
TITLE = "Regional seminar: the project’s results (Riga)"
ANNA = "anna.ozola@example.com"
JANIS = "janis.kalnins@example.com"
PHONE = {"width": 390, "height": 844}
SEPARATOR = "\n" + "-" * 79 + "\n"  # between messages in the file backend's .log files

# The seminar keeps one free seat, so that Anna takes the last one and the
# next person waits; the demo's 100 seats are put back afterwards.
SET_SEATS = """
from blog.models import EventPage
from registrations.models import Registration
seminar = EventPage.objects.get(slug={slug!r}, locale__language_code="lv")
seated = Registration.objects.filter(event=seminar, status="confirmed").count()
EventPage.objects.filter(pk=seminar.pk).update(capacity={capacity})
"""


def set_seats(site_env: dict[str, str], capacity: str) -> None:
    """Set the seminar's seats on the journeys' site (`capacity` is a Python expression)."""
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            SET_SEATS.format(slug=SEMINAR, capacity=capacity),
        ],
        cwd=ROOT,
        env=site_env,
        check=True,
        capture_output=True,
        timeout=120,
    )


def messages_to(address: str) -> list[Message]:
    found = []
    for path in sorted(Path(os.environ["E2E_OUTBOX"]).glob("*.log")):
        for chunk in path.read_text().split(SEPARATOR):
            if chunk.strip():
                message = email.message_from_string(chunk)
                if message["To"] == address:
                    found.append(message)
    return found


def mail_to(address: str, subject_start: str, timeout: float = 60) -> Message:
    """The e-mail to `address` whose subject starts so, once the worker has sent it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in messages_to(address):
            subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
            if subject.startswith(subject_start):
                return message
        time.sleep(0.2)  # polling the outbox folder: there is nothing to wait on
    raise AssertionError(f"no e-mail “{subject_start}…” to {address} within {timeout} s")


def text_part(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain" and not part.get_filename():
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text part")


def calendar_file(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return part.get_payload(decode=True).decode("utf-8")
    raise AssertionError("no text/calendar attachment")


def sign_up(page: Page, name: str, address: str, organisation: str = "") -> None:
    form = page.locator("#event-registration")
    form.get_by_label("Name and surname").fill(name)
    form.get_by_label("E-mail").fill(address)
    if organisation:
        form.get_by_label("Organisation").fill(organisation)
    form.get_by_role("button", name="Register").click()


@pytest.fixture
def last_free_seat(site_url: str, site_env: dict[str, str]):
    set_seats(site_env, "seated + 1")
    yield site_url
    set_seats(site_env, "100")


@pytest.mark.usefixtures("celery_worker")  # the e-mails are tasks
def test_anna_registers_on_her_phone_cancels_later_and_the_next_in_line_is_seated(
    page: Page, browser: Browser, last_free_seat: str
):
    page.set_viewport_size(PHONE)
    page.goto("/en/events/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".seats-left")).to_have_text("1 place left")
    assert_accessible(page)

    sign_up(page, "Anna Ozola", ANNA, "Tukuma novada sociālais dienests")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your registration")
    expect(page.locator(".registration-status")).to_have_text("Your seat is booked.")
    assert_accessible(page)

    # The confirmation, in English, with the seminar in a calendar file.
    confirmation = mail_to(ANNA, "Your seat is booked: ")
    calendar = calendar_file(confirmation)
    assert "BEGIN:VEVENT" in calendar
    assert "Riga" in calendar.replace("\r\n ", "")  # the summary, unfolded
    manage_link = re.search(r"http://\S+/registrations/\S+/", text_part(confirmation)).group(0)

    # Jānis, on his own phone, finds the seminar full and joins the waiting list.
    janis = browser.new_page(viewport=PHONE, base_url=last_free_seat)
    janis.goto(f"/en/events/{SEMINAR}/")
    expect(janis.locator(".seats-left")).to_have_text(
        "No places left; you can join the waiting list"
    )
    sign_up(janis, "Jānis Kalniņš", JANIS)
    expect(janis.locator(".registration-status")).to_have_text(
        "You are number 1 on the waiting list."
    )
    waiting = text_part(mail_to(JANIS, "You are on the waiting list: "))
    assert "you are number 1 on the waiting list" in waiting

    # A week later Anna cannot come: the link in her e-mail shows, the button cancels.
    page.goto(manage_link)
    expect(page.locator(".registration-status")).to_have_text("Your seat is booked.")
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_role("status")).to_have_text("Your registration is cancelled.")
    assert_accessible(page)
    mail_to(ANNA, "Your registration is cancelled: ")

    # Jānis is moved up at once and told, with the calendar file.
    offer = mail_to(JANIS, "A seat has come free for you: ")
    assert "BEGIN:VEVENT" in calendar_file(offer)
    janis.reload()
    expect(janis.locator(".registration-status")).to_have_text("Your seat is booked.")
    janis.close()
