"""A visitor lands in Latvian, switches language, and reads the project pages."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import assert_accessible


def test_visitor_lands_on_latvian_and_switches_to_english_and_back(page: Page):
    page.goto("/", wait_until="domcontentloaded")
    expect(page).to_have_url(re.compile(r"/lv/$"))
    expect(page.locator("html")).to_have_attribute("lang", "lv")

    page.get_by_role("navigation", name="Valoda").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Human: an Agent of Change!")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Latviešu").click()
    expect(page).to_have_url(re.compile(r"/lv/$"))
    expect(page.locator("html")).to_have_attribute("lang", "lv")


def test_english_browser_lands_on_english(browser, base_url: str):
    context = browser.new_context(locale="en-GB", base_url=base_url)
    page = context.new_page()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    context.close()


def test_visitor_reaches_the_project_in_both_languages(page: Page):
    page.goto("/lv/")
    page.get_by_role("navigation", name="Galvenā izvēlne").get_by_role(
        "link", name="Projekti"
    ).click()
    page.get_by_role("main").get_by_role("link", name="Cilvēks: izmaiņu veicinātājs!").click()
    expect(page).to_have_url(re.compile(r"/lv/projekti/cilveks-izmainu-veicinatajs/$"))
    main = page.get_by_role("main")
    expect(
        main.get_by_text("finansiāli atbalsta Islande, Lihtenšteina un Norvēģija")
    ).to_be_visible()
    expect(
        main.get_by_text("2013. gada 1. novembris").or_(main.get_by_text("01.11.2013."))
    ).to_be_visible()

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/projects/human-an-agent-of-change/$"))
    expect(page.get_by_role("main").get_by_text("EEA Grants: NGO Programme.")).to_be_visible()


@pytest.mark.parametrize("width,height", [(360, 640), (1280, 720)])
def test_funding_acknowledgement_is_above_the_fold(page: Page, width: int, height: int):
    page.set_viewport_size({"width": width, "height": height})
    for url, statement in [
        ("/lv/projekti/cilveks-izmainu-veicinatajs/", "finansiāli atbalsta Islande"),
        (
            "/lv/projekti/profesionala-un-musdieniga-sociala-darba-attistiba/",
            "Līdzfinansē Eiropas Savienība",
        ),
    ]:
        page.goto(url)
        acknowledgement = page.get_by_role("main").locator(".acknowledgement")
        expect(acknowledgement.get_by_text(statement)).to_be_visible()
        box = acknowledgement.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (url, box)
        logo = acknowledgement.get_by_role("img").bounding_box()
        assert logo["height"] >= 50


@pytest.mark.parametrize(
    "url",
    [
        "/lv/",
        "/en/",
        "/lv/projekti/cilveks-izmainu-veicinatajs/",
        "/en/projects/professional-and-modern-social-work-development/",
        "/lv/par-mums/",
        "/en/search/?q=family",
    ],
)
def test_pages_have_no_wcag_aa_violations(page: Page, url: str):
    page.goto(url)
    assert_accessible(page)


def test_text_size_switcher_enlarges_the_text(page: Page):
    page.goto("/lv/")
    body_size = "() => getComputedStyle(document.body).fontSize"
    before = float(page.evaluate(body_size).removesuffix("px"))
    page.get_by_role("button", name="A++ vislielākais teksts").click()
    after = float(page.evaluate(body_size).removesuffix("px"))
    assert after >= before * 1.3
    page.reload()
    expect(page.get_by_role("button", name="A++ vislielākais teksts")).to_have_attribute(
        "aria-pressed", "true"
    )


def test_the_accessibility_check_catches_a_violation(page: Page):
    """The axe check itself: an image without alternative text must fail it."""
    page.set_content('<html lang="lv"><title>x</title><main><img src="x.png"></main></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
