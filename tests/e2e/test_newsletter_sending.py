"""Līga, the newsletter manager, composes an issue, tests it, sends it and reads the report."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import MANAGER, add_block, assert_accessible, log_in, translate_issue
from tests.support.outbox import messages_to


@pytest.mark.usefixtures("celery_worker")
def test_liga_composes_tests_sends_and_reads_the_report(page: Page, site_env: dict[str, str]):
    log_in(page, MANAGER["username"], MANAGER["password"])

    # The e-bulletin archive is where issues live.
    page.goto("/admin/pages/search/?q=E-apk%C4%81rtraksts")
    page.get_by_role("link", name="E-apkārtraksts", exact=True).first.click()
    archive_id = re.search(r"/admin/pages/(\d+)/", page.url).group(1)
    page.goto(f"/admin/pages/add/newsletter/newsletterissuepage/{archive_id}/")
    page.locator("#id_title").fill("E-apkārtraksts Nr. 3")
    page.locator("#id_subject").fill("Decembra jaunumi sociālajiem darbiniekiem")
    add_block(page, "Ziņas kopš iepriekšējā numura")
    add_block(page, "Gaidāmie pasākumi")
    page.get_by_role("button", name="Citas darbības").click()
    page.get_by_role("button", name="Publicēt").click()
    expect(page.locator(".messages")).to_contain_text("publicēta")

    # The archive copy is the e-mail as it will go out.
    page.goto("/lv/e-apkartraksts/e-apkartraksts-nr-3/")
    expect(page.get_by_role("heading", name="Gaidāmie pasākumi")).to_be_visible()
    expect(page.get_by_role("link", name="Mainīt valodu vai sarakstus")).to_be_visible()

    # Its English version (the send screen counts English readers only once there is one).
    translate_issue(
        site_env, "e-apkartraksts-nr-3", "E-bulletin No. 3", "December news for social workers"
    )

    # "Send…" from the issue in the admin.
    page.goto("/admin/pages/search/?q=Nr.+3")
    page.get_by_role("link", name="E-apkārtraksts Nr. 3").first.click()
    issue_id = re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1)
    page.goto(f"/admin/dispatches/send/{issue_id}/")
    assert_accessible(page)
    expect(page.get_by_label("Sociālo pakalpojumu sniedzēji")).to_be_checked()
    page.get_by_role("button", name="Tālāk: saskaitīt adresātus").click()
    expect(page.locator("#recipient-count")).to_have_text(
        re.compile(r"80 adresāti\s+\(64 lv, 16 en\)")
    )
    assert_accessible(page)

    # A test copy to herself, in each language, with absolute links.
    page.get_by_role("button", name=re.compile("Nosūtīt izmēģinājumu man")).click()
    expect(page.locator(".messages")).to_contain_text(MANAGER["email"])
    copies = messages_to(MANAGER["email"])
    assert sorted(message["Subject"].strip().startswith("[PĀRBAUDE]") for message in copies) == [
        True,
        True,
    ]
    html = copies[0].get_body(("html",)).get_content()
    assert not re.search(r'(?:href|src)="/', html)

    # Still on the check: send to the list and watch the bar move to the end.
    expect(page.locator("#recipient-count")).to_contain_text("80 adresāti")
    # A double click, as people do: the form is posted once.
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))
    page.get_by_role("button", name="Apstiprināt un sūtīt").dblclick()
    expect(page).to_have_url(re.compile(r"/admin/dispatches/\d+/$"))
    assert len([url for url in posts if f"/admin/dispatches/send/{issue_id}/" in url]) == 1
    progress = page.locator("#dispatch-progress")
    page.wait_for_function(
        "() => { const bar = document.getElementById('dispatch-progress');"
        " return bar && bar.value > 0 && bar.value < bar.max; }",
        timeout=30_000,
    )
    expect(page.locator("#dispatch-organisations")).to_be_visible(timeout=60_000)
    expect(progress).to_have_attribute("value", "80")
    expect(page.locator("#dispatch-progress-text")).to_contain_text("80 no 80")
    counts = page.locator("#dispatch-counts tbody td")
    expect(counts.first).to_have_text("80")
    assert page.locator("#dispatch-organisations tbody tr").count() > 10
    assert_accessible(page)

    # Every partner got exactly one copy.
    assert len(messages_to("partneris01@example.org")) == 1
