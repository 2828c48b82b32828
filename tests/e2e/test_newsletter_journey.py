"""Līga's first Monday (JOURNEYS.md): a Latvian-headed CSV, a new issue, both
subjects on the review step, the send to the end with a real worker."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import (
    MANAGER,
    add_block,
    assert_accessible,
    log_in,
    start_english_translation,
    translate_segment,
)

PARTNERS_CSV = (
    "\ufeffE-pasts;Vārds, uzvārds;Organizācija;Valoda;Saraksti\r\n"
    "ilona@dienests.example.org;Ilona Ozola;Rūjienas sociālais dienests;latviešu;partneri-2026\r\n"
    "maris@dienests.example.org;Māris Zariņš;Rūjienas sociālais dienests;latviešu;partneri-2026\r\n"
    "kate@partner.example.org;Kate Smith;Nordic Partner;angļu;partneri-2026\r\n"
).encode()


@pytest.mark.usefixtures("celery_worker")
def test_liga_imports_a_latvian_csv_and_sends_an_issue_in_two_languages(
    page: Page, site_env: dict[str, str], tmp_path
):
    log_in(page, MANAGER["username"], MANAGER["password"])

    # A list of her own for the partners of 2026.
    page.goto("/admin/mailing_lists/new/")
    page.locator("#id_name").fill("Partneri 2026")
    page.locator("#id_slug").fill("partneri-2026")
    # Wagtail's own button ("Create", "Izveidot" once the admin strings are translated).
    page.locator('main form button[type="submit"]').first.click()
    expect(page.locator(".messages")).to_contain_text("Partneri 2026")

    # The import screen offers a template; her Excel file has Latvian headers.
    page.goto("/admin/subscribers/import/")
    expect(page.get_by_role("link", name="Lejupielādēt paraugu (CSV)")).to_be_visible()
    assert_accessible(page)
    csv_file = tmp_path / "partneri.csv"
    csv_file.write_bytes(PARTNERS_CSV)
    page.locator("#id_file").set_input_files(str(csv_file))
    page.get_by_label("Viņi jau ir piekrituši: bez apstiprinājuma e-pasta").check()
    page.locator("#id_consent").fill("Piekrita sadarbības līgumā, 2026. gada janvārī.")
    page.get_by_role("button", name="Importēt failu").click()
    # The worker imports while the page shows the progress, then the report.
    expect(page).to_have_url(re.compile(r"/admin/subscribers/import/\d+/$"))
    expect(page.locator(".import-summary")).to_contain_text("3 importēti", timeout=120_000)
    expect(page.locator("#newsletter-import-report")).not_to_contain_text("language must")
    assert_accessible(page)

    # A new issue with the news since the last one, published.
    page.goto("/admin/pages/search/?q=E-apk%C4%81rtraksts")
    page.get_by_role("link", name="E-apkārtraksts", exact=True).first.click()
    archive_id = re.search(r"/admin/pages/(\d+)/", page.url).group(1)
    page.goto(f"/admin/pages/add/newsletter/newsletterissuepage/{archive_id}/")
    page.locator("#id_title").fill("E-apkārtraksts Nr. 4")
    page.locator("#id_subject").fill("Decembra jaunumi partneriem")
    add_block(page, "Ziņas kopš iepriekšējā numura")
    page.get_by_role("button", name="Citas darbības").click()
    page.get_by_role("button", name="Publicēt").click()
    expect(page.locator(".messages")).to_contain_text("publicēta")
    # Published but not sent: not yet in the public archive.
    page.goto("/lv/e-apkartraksts/")
    expect(page.get_by_role("link", name="E-apkārtraksts Nr. 4")).to_have_count(0)

    # She translates it herself: "Tulkot", English, the title and the subject, publish.
    page.goto(f"/admin/pages/{archive_id}/")  # the Latvian archive's issues
    page.get_by_role("main").get_by_role("link", name="E-apkārtraksts Nr. 4").first.click()
    issue_id = re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1)
    start_english_translation(page, issue_id)
    translate_segment(page, "E-apkārtraksts Nr. 4", "E-bulletin No. 4")
    translate_segment(page, "Decembra jaunumi partneriem", "December news for social workers")
    assert_accessible(page)
    page.get_by_role("button", name="Publicēt valodā English").click()
    expect(page.locator(".messages")).to_be_visible()

    # "Send…" on the issue: her list only; the check shows both subjects and the sender.
    page.goto(f"/admin/dispatches/send/{issue_id}/")
    expect(page.locator('script[src*="date-time-chooser"]')).to_have_count(1)
    page.get_by_label("Sociālo pakalpojumu sniedzēji").uncheck()
    page.get_by_label("Partneri 2026").check()
    page.get_by_role("button", name="Tālāk: saskaitīt adresātus").click()
    expect(page.locator("#recipient-count")).to_have_text(
        re.compile(r"3 adresāti\s+\(2 lv, 1 en\)")
    )
    review = page.locator("#send-review-subjects")
    expect(review).to_contain_text("Decembra jaunumi partneriem")
    expect(review).to_contain_text("December news for social workers")
    expect(review).to_contain_text("Sūtītājs")
    assert_accessible(page)

    page.get_by_role("button", name="Apstiprināt un sūtīt").click()
    expect(page).to_have_url(re.compile(r"/admin/dispatches/\d+/$"))
    expect(page.locator("#dispatch-organisations")).to_be_visible(timeout=60_000)
    expect(page.locator("#dispatch-progress-text")).to_contain_text("3 no 3")
    expect(page.locator("#dispatch-stalled")).to_be_hidden()
    organisation = page.get_by_role("link", name="Rūjienas sociālais dienests")
    expect(page.get_by_role("link", name="XLSX")).to_be_visible()
    assert_accessible(page)

    # The organisation's row leads to its people.
    organisation.click()
    expect(page.get_by_text("ilona@dienests.example.org")).to_be_visible()
    expect(page.get_by_text("maris@dienests.example.org")).to_be_visible()
    expect(page.get_by_text("kate@partner.example.org")).to_have_count(0)

    # Sent: now in the archive, in both languages.
    page.goto("/lv/e-apkartraksts/")
    expect(page.get_by_role("link", name="E-apkārtraksts Nr. 4")).to_be_visible()
    page.goto("/en/e-bulletin/")
    expect(page.get_by_role("link", name="E-bulletin No. 4")).to_be_visible()
