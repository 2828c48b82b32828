"""Ilze at the seminar's door with a phone: check-in, then the Excel list and the sign-in sheet.

The demo site gets an event of today with three seated registrants (made in
the site's own database through `manage.py shell`); Ilze (Redaktori, not a
superuser) checks two of them in on a phone-sized screen, without a page
reload, downloads the attendance list and opens the sign-in sheet. Every
screen is checked with axe.
"""

import re

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.support.browser import EDITOR, assert_accessible, log_in
from tests.support.servers import shell

PEOPLE = [
    ("Anna Bērziņa", "anna@example.lv", "Bauskas novada Sociālais dienests"),
    ("Pēteris Kalniņš", "peteris@example.lv", "Tukuma novada Sociālais dienests"),
    ("Ērika Ozoliņa", "erika@example.lv", "Biedrība „Dzīvesprieks”"),
]

MAKE_EVENT = f"""
import datetime
from django.utils import timezone
from blog.models import EventIndexPage, EventPage
from registrations.attendance import sessions
from registrations.models import Registration
index = EventIndexPage.objects.get(locale__language_code="lv")
start = timezone.now() - datetime.timedelta(minutes=30)
event = EventPage(
    title="Supervīzija Bauskā", slug="supervizija-bauska-durvis", start=start,
    end=start + datetime.timedelta(hours=4), registration_open=True, capacity=10,
    academic_hours=4, venue="Bauskas novada Sociālais dienests", address="Bauska",
)
index.add_child(instance=event)
event.save_revision().publish()
for name, email, organisation in {PEOPLE!r}:
    Registration.objects.create(
        event=event, name=name, email=email, email_key=email, organisation=organisation,
        language="lv", status="confirmed",
    )
print(event.pk, sessions(event)[0].isoformat())
"""

COUNT_PRESENT = """
from registrations.models import Attendance
print(sorted(a.registration.email for a in Attendance.objects.filter(
    registration__event__slug="supervizija-bauska-durvis")))
"""


def test_ilze_checks_people_in_and_takes_the_lists(page: Page, site_env, tmp_path):
    event_id, day = shell(site_env, MAKE_EVENT).split()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, EDITOR["username"], EDITOR["password"])

    page.goto(f"/admin/registrations/{event_id}/{day}/check-in/")
    main = page.get_by_role("main")
    count = main.get_by_text(re.compile(r"^Ieradušies:"))
    expect(count).to_have_text("Ieradušies: 0 no 3")
    assert_accessible(page)

    # A mark on the window survives only if the page is not loaded again.
    page.evaluate("window.checkInMark = 'same page'")
    for name in ("Anna Bērziņa", "Ērika Ozoliņa"):
        button = main.get_by_role("button", name=re.compile(name))
        box = button.bounding_box()
        assert box is not None and box["height"] >= 44, "a thumb-sized target"
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
    expect(count).to_have_text("Ieradušies: 2 no 3")
    expect(main.get_by_role("button", name=re.compile("Pēteris"))).to_have_attribute(
        "aria-pressed", "false"
    )
    assert page.evaluate("window.checkInMark") == "same page"
    assert shell(site_env, COUNT_PRESENT) == "['anna@example.lv', 'erika@example.lv']"
    assert_accessible(page)

    # After the day: the attendance list as Excel, from the event's registrations.
    main.get_by_role("link", name="Visi pieteikumi").click()
    expect(page).to_have_url(re.compile(rf"/admin/registrations/{event_id}/$"))
    expect(page.get_by_text("Vietas: 10 · aizņemtas: 3 · gaida: 0")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Apmeklējuma saraksts (XLSX: saraksts un kopsummas)").click()
    path = tmp_path / "saraksts.xlsx"
    download_info.value.save_as(path)
    rows = list(load_workbook(path)["Dalībnieki"].iter_rows(values_only=True))
    assert rows[0] == (
        "name",
        "email",
        "organisation",
        "status",
        "registered_at",
        "sessions_attended",
        "academic_hours",
    )
    hours = {row[0]: (row[5], row[6]) for row in rows[1:]}
    assert hours == {"Anna Bērziņa": (1, 4), "Pēteris Kalniņš": (0, 0), "Ērika Ozoliņa": (1, 4)}

    # The sign-in sheet to print, with a signature column.
    page.get_by_role("link", name="Parakstu lapa").first.click()
    expect(page.get_by_role("heading", name="Parakstu lapa")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Paraksts")).to_be_visible()
    expect(page.get_by_role("cell", name="Pēteris Kalniņš")).to_be_visible()
    assert_accessible(page)
