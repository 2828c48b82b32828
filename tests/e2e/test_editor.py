"""Ilze, the project coordinator, edits a page in the admin and sees it live."""

import re

from playwright.sync_api import Page, expect

from tests.support.browser import log_in, start_english_translation, translate_segment


def test_editor_edits_and_publishes_a_page_and_sees_it_live(page: Page):
    log_in(page)
    # The admin speaks Latvian although nobody chose it.
    expect(page.locator("html")).to_have_attribute("lang", "lv")

    page.goto("/admin/pages/search/?q=Par+mums")
    page.get_by_role("link", name="Par mums un kontakti").first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))

    new_lead = "Mēs atbalstām sociālos darbiniekus visā Kurzemē un Zemgalē."
    page.locator("#id_lead").fill(new_lead)
    page.get_by_role("button", name="Citas darbības").click()
    page.get_by_role("button", name="Publicēt").click()
    expect(page.locator(".messages")).to_contain_text("publicēta")

    page.goto("/lv/par-mums/")
    expect(page.get_by_role("main").get_by_text(new_lead)).to_be_visible()
    # The English translation is untouched.
    page.goto("/en/about-us/")
    expect(page.get_by_role("main").get_by_text(new_lead)).to_have_count(0)


def publish(page: Page) -> None:
    page.get_by_role("button", name="Citas darbības").click()
    page.get_by_role("button", name="Publicēt").click()


def test_editor_creates_a_page_and_translates_it_into_english(page: Page):
    log_in(page)
    page.goto("/admin/pages/search/?q=Projekti")
    page.get_by_role("link", name="Projekti", exact=True).first.click()
    parent_id = re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1)

    page.goto(f"/admin/pages/add/home/contentpage/{parent_id}/")
    page.locator("#id_title").fill("Ģimeņu atbalsta grupas")
    page.locator("#id_lead").fill("Atbalsta grupas ģimenēm Bauskā un Valmierā.")
    publish(page)
    expect(page.locator(".messages")).to_contain_text("publicēta")

    # The synchronised tree made an English alias; the editor translates it.
    page.goto("/lv/projekti/gimenu-atbalsta-grupas/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ģimeņu atbalsta grupas")
    page.goto(f"/admin/pages/{parent_id}/")
    page.get_by_role("main").get_by_role("link", name="Ģimeņu atbalsta grupas").first.click()
    latvian_id = re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1)
    start_english_translation(page, latvian_id)
    expect(page.get_by_role("button", name="Publicēt valodā English")).to_be_visible()

    translate_segment(page, "Ģimeņu atbalsta grupas", "Family support groups")
    translate_segment(
        page,
        "Atbalsta grupas ģimenēm Bauskā un Valmierā.",
        "Support groups for families in Bauska and Valmiera.",
    )
    page.get_by_role("button", name="Publicēt valodā English").click()

    page.goto("/en/projects/gimenu-atbalsta-grupas/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Family support groups")
    expect(page.get_by_role("main").locator("[lang=lv]")).to_have_count(0)
