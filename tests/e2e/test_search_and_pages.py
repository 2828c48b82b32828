"""A visitor searches without diacritics; every page type passes axe in both languages."""

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import assert_accessible


def test_visitor_searches_gimenes_from_the_header(page: Page):
    page.goto("/lv/")
    search = page.get_by_role("search").first
    search.get_by_role("searchbox").fill("gimenes")
    search.get_by_role("button", name="Meklēt").click()
    results = page.get_by_role("main").get_by_role("link")
    expect(
        results.filter(has_text="Gada pārskats: ģimeņu stiprināšanas projekts Cēsu novadā")
    ).to_be_visible()
    results.filter(has_text="Gada pārskats").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ģimeņu stiprināšanas")


@pytest.mark.parametrize(
    "url",
    [
        "/lv/rezultati/",
        "/en/results/",
        "/lv/dokumenti/",
        "/en/documents/",
        "/lv/projekti/",
        "/en/projects/human-an-agent-of-change/",
        "/lv/pieklustamibas-pazinojums/",
        "/en/privacy/",
        "/lv/meklet/?q=gimenes",
        "/lv/nav-tadas-lapas/",
    ],
)
def test_remaining_page_types_have_no_wcag_aa_violations(page: Page, url: str):
    page.goto(url)
    assert_accessible(page)


def test_page_reads_well_at_double_text_size_on_a_phone(page: Page):
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto("/lv/jaunumi/cesu-gimenu-stiprinasanas-projekta-gada-parskats/")
    page.get_by_role("button", name="A++ vislielākais teksts").click()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"
    page.get_by_role("link", name="Pāriet uz saturu").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def test_phone_menu_folds_behind_a_button(page: Page):
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto("/lv/")
    toggle = page.get_by_role("button", name="Izvēlne")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    menu = page.get_by_role("navigation", name="Galvenā izvēlne")
    expect(menu.get_by_role("link", name="Jaunumi")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    menu.get_by_role("link", name="Jaunumi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jaunumi")
