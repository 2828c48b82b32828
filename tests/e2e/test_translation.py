"""Ilze and Jānis publish in two languages: aliases stay out of English, translations
go through moderation, figures follow the Latvian page."""

import re

from playwright.sync_api import Browser, Page, expect

from tests.support.browser import (
    EDITOR,
    MODERATOR,
    assert_accessible,
    log_in,
    start_english_translation,
    translate_segment,
)


def as_person(browser: Browser, base_url: str, person: dict) -> Page:
    page = browser.new_context(base_url=base_url, locale="lv-LV").new_page()
    log_in(page, person["username"], person["password"])
    return page


def page_id(page: Page) -> str:
    return re.search(r"/admin/pages/(\d+)/", page.url).group(1)


def test_a_new_post_waits_for_its_translation_before_it_is_shown_in_english(
    browser: Browser, base_url: str
):
    ilze = as_person(browser, base_url, EDITOR)
    ilze.goto("/admin/pages/search/?q=Jaunumi")
    ilze.get_by_role("link", name="Jaunumi", exact=True).first.click()
    news_id = page_id(ilze)
    ilze.goto(f"/admin/pages/add/blog/blogpage/{news_id}/")
    ilze.locator("#id_title").fill("Supervīziju cikls rudenī")
    ilze.locator("#id_lead").fill("Rudenī sākas jauns supervīziju cikls.")
    ilze.get_by_role("button", name="Citas darbības").click()
    ilze.get_by_role("button", name=re.compile("^(Iesniegt|Nosūtīt)")).first.click()
    expect(ilze.locator(".messages")).to_be_visible()
    # The Latvian post, in the news listing Wagtail ends on.
    edit_href = (
        ilze.get_by_role("main")
        .get_by_role("link", name="Supervīziju cikls rudenī", exact=True)
        .first.get_attribute("href")
    )

    # Jānis finds it on his dashboard and publishes it: Latvian at once,
    # English only once it is translated. (His start page also lists the
    # post's English alias, same title, under "Tulkojumi gaida": not that one.)
    janis = as_person(browser, base_url, MODERATOR)
    janis.get_by_role("main").locator(f'a[href="{edit_href}"]').first.click()
    post_id = page_id(janis)
    janis.get_by_role("button", name="Citas darbības").click()
    janis.get_by_role("button", name="Publicēt", exact=True).click()
    # Publishing a page in moderation asks first: the workflow is then cancelled.
    janis.get_by_role("dialog").get_by_role("button", name="Publicēt").click()
    expect(janis.locator(".messages")).to_contain_text("angļu versija vēl jātulko")
    janis.goto("/lv/jaunumi/")
    expect(janis.get_by_role("main")).to_contain_text("Supervīziju cikls rudenī")
    janis.goto("/en/news/")
    expect(janis.get_by_role("main")).not_to_contain_text("Supervīziju cikls")

    # Ilze translates it and submits the translation for moderation.
    start_english_translation(ilze, post_id)
    expect(ilze.locator("#translation-moderation")).to_be_visible()
    # The editor's own heading is English in wagtail-localize's script.
    expect(ilze.get_by_role("heading", name="Tulkojums: Latviešu → English")).to_be_visible()
    expect(ilze.get_by_role("main")).not_to_contain_text("to English translation")
    assert_accessible(ilze)
    translate_segment(ilze, "Supervīziju cikls rudenī", "Supervision series in autumn")
    translate_segment(
        ilze,
        "Rudenī sākas jauns supervīziju cikls.",
        "A new series of supervision begins in autumn.",
    )
    ilze.get_by_role("button", name="Nosūtīt moderatoram apstiprināšanai").click()
    expect(ilze.locator(".messages")).to_contain_text("nosūtīts moderatoram")
    janis.goto("/en/news/")
    expect(janis.get_by_role("main")).not_to_contain_text("Supervision series")

    # Jānis finds it on his dashboard and publishes the English version.
    janis.goto("/admin/")
    janis.get_by_role("link", name="Supervision series in autumn").first.click()
    janis.get_by_role("button", name="Publicēt valodā English").click()
    janis.goto("/en/news/")
    expect(janis.get_by_role("main")).to_contain_text("Supervision series in autumn")
    expect(janis.get_by_role("main")).not_to_contain_text("Supervīziju cikls")


def test_an_indicator_updated_once_shows_in_both_languages(browser: Browser, base_url: str):
    janis = as_person(browser, base_url, MODERATOR)
    janis.goto("/admin/pages/search/?q=Rezult%C4%81ti")
    janis.get_by_role("link", name="Rezultāti", exact=True).first.click()
    achieved = janis.locator("input[name='indicators-0-value-achieved']")
    expect(achieved).to_have_value(re.compile(r"^12"))
    achieved.fill("13")
    janis.get_by_role("button", name="Citas darbības").click()
    janis.get_by_role("button", name="Publicēt", exact=True).click()
    expect(janis.locator(".messages")).to_contain_text("publicēta")

    janis.goto("/lv/rezultati/")
    expect(janis.get_by_role("main")).to_contain_text("13 sociālie darbinieki")
    janis.goto("/en/results/")
    expect(janis.get_by_role("main")).to_contain_text("13 social workers")
