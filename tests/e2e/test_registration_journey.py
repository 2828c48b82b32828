"""Anna, on her phone, registers for the next regional seminar in English, gets the
e-mail with the calendar file, later cancels from its link; the first person
waiting gets her seat and is told (issue 14's first journey)."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import assert_accessible
from tests.support.outbox import mail_to, part_of, subject_starts, text_of
from tests.support.servers import shell

SEMINAR = "regionalais-seminars-riga"
TITLE = "Regional seminar: the project’s results (Riga)"
ANNA = "anna.ozola@example.com"
JANIS = "janis.kalnins@example.com"
PHONE = {"width": 390, "height": 844}

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
    shell(site_env, SET_SEATS.format(slug=SEMINAR, capacity=capacity))


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
    confirmation = mail_to(ANNA, subject_starts("Your seat is booked: "))
    calendar = part_of(confirmation, "text/calendar")
    assert "BEGIN:VEVENT" in calendar
    assert "Riga" in calendar.replace("\r\n ", "")  # the summary, unfolded
    manage_link = re.search(r"http://\S+/registrations/\S+/", text_of(confirmation)).group(0)

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
    waiting = text_of(mail_to(JANIS, subject_starts("You are on the waiting list: ")))
    assert "you are number 1 on the waiting list" in waiting

    # A week later Anna cannot come: the link in her e-mail shows, the button cancels.
    page.goto(manage_link)
    expect(page.locator(".registration-status")).to_have_text("Your seat is booked.")
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_role("status")).to_have_text("Your registration is cancelled.")
    assert_accessible(page)
    mail_to(ANNA, subject_starts("Your registration is cancelled: "))

    # Jānis is moved up at once and told, with the calendar file.
    offer = mail_to(JANIS, subject_starts("A seat has come free for you: "))
    assert "BEGIN:VEVENT" in part_of(offer, "text/calendar")
    janis.reload()
    expect(janis.locator(".registration-status")).to_have_text("Your seat is booked.")
    janis.close()
