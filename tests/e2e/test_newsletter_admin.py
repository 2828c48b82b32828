"""Līga, the newsletter manager, imports the partners' CSV and looks at who is waiting."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import MANAGER, assert_accessible, log_in

BROKEN_LINES = {12: "„dienests11(at)example.org” nav e-pasta adrese", 43: "„de”", 71: "nav e-pasta"}


def partners_csv() -> bytes:
    """Excel's "CSV UTF-8": `;` and a BOM; 80 rows, three broken (lines 12, 43 and 71)."""
    lines = ["email;name;organisation;language;lists"]
    for number in range(1, 81):
        email = f"dienests{number:02d}@example.org"
        if number == 11:
            email = "dienests11(at)example.org"
        if number == 70:
            email = ""
        language = "de" if number == 42 else ("en" if number % 5 == 0 else "lv")
        lines.append(f"{email};Sociālā darbiniece {number};Novada dienests {number};{language};")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def choose_filter(page: Page, field: str, option: str) -> None:
    """Wagtail's filter drop-down: the field, then the option; the list updates itself."""
    page.get_by_role("button", name="Rādīt filtrus").click()
    page.get_by_role("button", name=field).click()
    page.get_by_label(option).check()
    page.keyboard.press("Escape")


@pytest.mark.usefixtures("celery_worker")  # the import runs in a worker
def test_liga_imports_the_partners_and_filters_the_list(page: Page):
    # Līga is in the newsletter managers' group and is not a superuser (conftest).
    log_in(page, MANAGER["username"], MANAGER["password"])

    # The newsletter has one menu item; its first entry is the subscribers list.
    page.get_by_role("button", name="E-apkārtraksts").click()
    page.get_by_role("link", name="Abonenti", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/subscribers/$"))

    page.get_by_role("link", name="Importēt CSV").click()
    page.get_by_label("CSV fails").set_input_files(
        files=[{"name": "partneri.csv", "mimeType": "text/csv", "buffer": partners_csv()}]
    )
    page.get_by_role("button", name="Importēt failu").click()

    # The worker imports while the page shows the progress, then the report.
    expect(page).to_have_url(re.compile(r"/admin/subscribers/import/\d+/$"))
    summary = page.locator(".import-summary")
    expect(summary).to_contain_text("77 importēti, 3 rindas izlaistas", timeout=120_000)
    skipped = page.locator("#skipped-rows tbody tr")
    expect(skipped).to_have_count(3)
    for row, (line, reason) in zip(skipped.all(), BROKEN_LINES.items(), strict=True):
        expect(row.locator("td").first).to_have_text(str(line))
        expect(row).to_contain_text(reason)
    assert_accessible(page)

    # Who is waiting for confirmation and reads in English: every fifth partner.
    page.get_by_role("link", name="Atpakaļ pie abonentiem").click()
    expect(page.get_by_role("main")).to_contain_text("dienests01@example.org")
    choose_filter(page, "Statuss", "Gaida apstiprinājumu")
    expect(page).to_have_url(re.compile(r"status=pending"))
    choose_filter(page, "Valoda", "English")
    expect(page).to_have_url(re.compile(r"status=pending.*language=en|language=en.*status=pending"))
    # Every fifth partner reads English; line 71 (partner 70) was skipped.
    rows = page.get_by_role("main").locator("tbody tr")
    expect(rows).to_have_count(15)
    expect(page.get_by_role("main")).to_contain_text("dienests05@example.org")
    expect(page.get_by_role("main")).not_to_contain_text("dienests01@example.org")
    assert_accessible(page)
