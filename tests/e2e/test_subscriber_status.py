"""Līga unsubscribes a person who phoned and asked: a named action with a reason,
never a status field (issue 11, item 8)."""

import re

from playwright.sync_api import Page, expect

from tests.support.browser import MANAGER, assert_accessible, log_in

PERSON = "zvanitaja@example.org"  # her own: the demo's partners stay as they are


def test_liga_unsubscribes_a_person_at_their_request(page: Page):
    log_in(page, MANAGER["username"], MANAGER["password"])

    # Added by hand: no status to choose; the person confirms it herself.
    page.goto("/admin/subscribers/new/")
    expect(page.locator("#id_status")).to_have_count(0)
    page.locator("#id_email").fill(PERSON)
    # Wagtail's "Create" ("Izveide" in its catalogue; "Izveidot" would be the verb).
    page.get_by_role("button", name=re.compile(r"^Izveid")).click()
    expect(page.locator(".messages")).to_contain_text(PERSON)

    page.goto(f"/admin/subscribers/?q={PERSON}")
    page.get_by_role("link", name=PERSON).click()
    expect(page.locator("#id_email")).to_have_value(PERSON)
    expect(page.locator("#id_status")).to_have_count(0)

    page.get_by_role("button", name="Darbības").click()
    page.get_by_role("link", name="Atrakstīt pēc personas lūguma").click()
    expect(page.get_by_role("main")).to_contain_text("Gaida apstiprinājumu")
    page.get_by_label("Iemesls").fill("Zvanīja 3. decembrī, lūdza vairs nesūtīt.")
    assert_accessible(page)
    page.get_by_role("button", name="Atrakstīt pēc personas lūguma").click()

    expect(page.locator(".messages")).to_contain_text(f"{PERSON} ir atrakstīts.")
    page.goto(f"/admin/subscribers/?q={PERSON}")
    row = page.get_by_role("main").locator("tbody tr").filter(has_text=PERSON)
    expect(row).to_contain_text("Atteicies")
