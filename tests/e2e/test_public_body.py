"""What a Latvian public body's site has (SPEC 9), walked in the browser with axe."""

import re

from playwright.sync_api import Page, expect

from tests.support.browser import assert_accessible

BACKGROUND = "() => getComputedStyle(document.body).backgroundColor"


def test_visitor_on_a_phone_reads_a_post_in_high_contrast_and_large_text(page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/lv/")
    contrast = page.get_by_role("button", name="Augsts kontrasts")
    expect(contrast).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(BACKGROUND) == "rgb(255, 255, 255)"
    contrast.click()
    expect(contrast).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(BACKGROUND) == "rgb(0, 0, 0)"
    page.get_by_role("button", name="A++ vislielākais teksts").click()
    assert_accessible(page)

    # Remembered on the next page: a post, read with both settings on.
    page.get_by_role("main").get_by_role("link", name="Visas ziņas").click()
    page.get_by_role("main").locator(".post-card h2 a").first.click()
    expect(page.get_by_role("button", name="Augsts kontrasts")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert page.evaluate(BACKGROUND) == "rgb(0, 0, 0)"
    assert page.evaluate("() => document.documentElement.dataset.textSize") == "largest"
    expect(page.get_by_role("main").locator(".page-updated time")).to_be_visible()
    assert_accessible(page)

    # And off again.
    page.get_by_role("button", name="Augsts kontrasts").click()
    assert page.evaluate(BACKGROUND) == "rgb(255, 255, 255)"


def test_visitor_finds_the_site_map_from_the_footer(page: Page):
    page.goto("/en/news/")
    page.get_by_role("contentinfo").get_by_role("link", name="Site map").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Site map")
    expect(page.get_by_role("main").get_by_role("link", name="News", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto("/lv/lapas-karte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lapas karte")
    assert_accessible(page)


def test_home_page_shows_news_and_events_accessibly(page: Page):
    for url in ("/lv/", "/en/"):
        page.goto(url)
        main = page.get_by_role("main")
        expect(main.locator(".latest-news .post-card")).to_have_count(4)
        expect(main.locator(".upcoming-events")).to_be_visible()
        assert_accessible(page)


def test_visitor_sends_feedback_from_the_accessibility_statement(page: Page):
    page.goto("/lv/pieklustamibas-pazinojums/")
    page.get_by_role("main").get_by_role("link", name="atsauksmju veidlapu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Atsauksmes")
    assert_accessible(page)
    page.locator("#feedback-form").get_by_role("button", name="Sūtīt").click()
    expect(page.get_by_role("alert")).to_contain_text("Lūdzu, izlabojiet")
    assert_accessible(page)
    page.get_by_label("Ziņa").fill("Rokasgrāmatu lūdzu HTML formātā.")
    page.get_by_label("Lapa, par kuru rakstāt").fill("/lv/dokumenti/")
    page.locator("#feedback-form").get_by_role("button", name="Sūtīt").click()
    expect(page.get_by_role("status")).to_contain_text("Paldies!")
    assert_accessible(page)


def test_visitor_answers_was_this_page_useful_and_reads_the_statements_facts(page: Page):
    page.goto("/lv/pieklustamibas-pazinojums/")
    main = page.get_by_role("main")
    expect(
        main.get_by_role("heading", name="Paziņojuma sagatavošana un pārskatīšana")
    ).to_be_visible()
    expect(main.get_by_role("link", name="www.tiesibsargs.lv")).to_be_visible()
    question = main.get_by_role("group", name="Vai šī lapa bija noderīga?")
    expect(question.get_by_role("button", name="Jā")).to_be_visible()
    assert_accessible(page)
    question.get_by_role("button", name="Nē").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Paldies par atbildi")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="rakstiet mums").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Atsauksmes")
    expect(page.get_by_label("Lapa, par kuru rakstāt")).to_have_value(
        "/lv/pieklustamibas-pazinojums/"
    )


def test_screen_reader_user_reads_the_easy_read_page(page: Page):
    page.goto("/lv/jaunumi/")
    page.get_by_role("banner").get_by_role("link", name="Viegli lasīt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Viegli lasīt")
    main = page.get_by_role("main")
    for heading in ("Kas ir šis projekts?", "Kam projekts palīdz?", "Kā ar mums sazināties?"):
        expect(main.get_by_role("heading", level=2, name=heading)).to_be_visible()
    expect(main.get_by_role("link", name="info@example.org")).to_be_visible()
    assert_accessible(page)


def test_visitor_reads_the_handbook_in_html_prints_a_chapter_and_asks_for_another_format(
    page: Page,
):
    page.goto("/lv/dokumenti/")
    page.get_by_role("main").get_by_role(
        "link", name="Sistēmiskā psihosociālā pieeja darbā ar ģimenēm", exact=True
    ).click()
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Lejupielādēt PDF")).to_have_attribute(
        "href", re.compile(r"^/documents/\d+/.+\.pdf$")
    )
    contents = main.get_by_role("navigation", name="Saturs")
    expect(contents.get_by_role("listitem")).to_have_count(4)
    assert_accessible(page)

    contents.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kāpēc vajadzīga jauna pieeja")
    expect(page.get_by_role("main")).to_contain_text("1. nodaļa no 4")
    assert_accessible(page)
    chapters = page.get_by_role("navigation", name="Nodaļas")
    chapters.get_by_role("link", name=re.compile("^Nākamā nodaļa")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pieejas pamati")
    expect(
        page.get_by_role("navigation", name="Nodaļas").get_by_role(
            "link", name=re.compile("^Iepriekšējā nodaļa")
        )
    ).to_be_visible()
    page.get_by_role("button", name="Augsts kontrasts").click()
    assert_accessible(page)
    page.get_by_role("button", name="Augsts kontrasts").click()

    # On paper: the chapter and its address, not the way between chapters.
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".handbook-pager")).to_be_hidden()
    expect(page.locator(".handbook-formats")).to_be_hidden()
    expect(page.get_by_role("main").locator(".print-only")).to_contain_text(
        "/lv/dokumenti/rokasgramata/pieejas-pamati/"
    )
    page.emulate_media(media="screen")

    page.get_by_role("main").get_by_role("link", name="Rakstiet mums", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Atsauksmes")
    expect(page.get_by_label("Lapa, par kuru rakstāt")).to_have_value("/lv/dokumenti/rokasgramata/")
    assert_accessible(page)
