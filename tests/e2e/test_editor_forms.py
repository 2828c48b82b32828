"""Ilze's news post form in the browser: choosing a photo fills its alt text."""

import re

from playwright.sync_api import Page, expect

from tests.support.browser import log_in


def test_choosing_a_photo_fills_its_alt_text_and_nothing_blocks(page: Page):
    log_in(page)
    page.goto("/admin/pages/search/?q=Jaunumi")
    page.get_by_role("link", name="Jaunumi", exact=True).first.click()
    news_id = re.search(r"/admin/pages/(\d+)/", page.url).group(1)
    page.goto(f"/admin/pages/add/blog/blogpage/{news_id}/")
    page.locator("#id_title").fill("Apmācības Bauskā")
    expect(page.locator("#id_hero_alt")).to_have_value("")
    page.locator("#id_hero_image-chooser [data-chooser-action-choose]").first.click()
    page.locator(".modal [data-chooser-modal-choice]").first.click()
    alt = page.locator("#id_hero_alt")
    expect(alt).not_to_have_value("")
    chosen = page.locator("#id_hero_image-chooser [data-default-alt-text]")
    expect(alt).to_have_value(chosen.get_attribute("data-default-alt-text"))
    # Categories are checkboxes of the page's language.
    expect(page.locator('input[type="checkbox"][name="categories"]').first).to_be_visible()
