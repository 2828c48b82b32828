"""Each role's start page in the admin, and the moderation round trip, in Latvian.

Ilze (Redaktori), Jānis (Moderatori) and Līga (newsletter managers), the
journeys' staff of conftest.py, log in as themselves; every screen is checked
with axe.
"""

import re

from playwright.sync_api import Page, expect

from tests.support.browser import EDITOR, MANAGER, MODERATOR, assert_accessible, log_in


def test_ilzes_start_page(page: Page):
    log_in(page, EDITOR["username"], EDITOR["password"])
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Jauna ziņa")).to_be_visible()
    expect(main.get_by_role("link", name="Jauns pasākums")).to_be_visible()
    expect(main.get_by_text("Tulkojumi gaida")).to_be_visible()
    expect(main.get_by_text("Pēdējā izsūtīšana:")).to_have_count(0)
    assert_accessible(page)


def test_janis_start_page(page: Page):
    log_in(page, MODERATOR["username"], MODERATOR["password"])
    main = page.get_by_role("main")
    expect(main.get_by_text("Gaidāmie pasākumi", exact=True)).to_be_visible()
    # The registrations panel: the events with sign-ups he looks after.
    expect(main.get_by_text("Gaidāmie pasākumi ar pieteikšanos")).to_have_count(1)
    assert_accessible(page)


def test_ligas_start_page(page: Page):
    log_in(page, MANAGER["username"], MANAGER["password"])
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Jauns numurs")).to_be_visible()
    expect(main.get_by_role("link", name="Visas izsūtīšanas")).to_be_visible()
    assert_accessible(page)


def test_the_staff_guide_opens_from_help(page: Page):
    log_in(page, EDITOR["username"], EDITOR["password"])
    page.goto("/admin/staff/guide/")
    expect(page.get_by_role("heading", name="Darbinieku ceļvedis")).to_be_visible()
    assert_accessible(page)


def open_action(page: Page, name: str) -> None:
    """A button of the editor's action menu (the main one, or under "Citas darbības")."""
    button = page.get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        page.get_by_role("button", name="Citas darbības").click()
    button.click()


def post_row(page: Page, title: str):
    """The post's row in the news listing an action in the editor ends on."""
    return page.get_by_role("main").get_by_role("row").filter(has_text=title)


def test_moderation_round_trip_in_latvian(page: Page):
    title = "Supervīzija sociālajiem darbiniekiem Bauskā"
    # Ilze writes a post and submits it; Wagtail lists it as in moderation.
    log_in(page, EDITOR["username"], EDITOR["password"])
    page.get_by_role("main").get_by_role("link", name="Jauna ziņa").click()
    page.locator("#id_title").fill(title)
    page.locator("#id_lead").fill("Supervīzija notiks 15. decembrī.")
    assert_accessible(page)
    open_action(page, "Nosūtīt moderatoram apstiprināšanai")
    expect(post_row(page, title)).to_contain_text("pārbaudē")
    assert_accessible(page)
    post_row(page, title).get_by_role("link", name=title, exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    edit_url = page.url

    # Jānis finds it on his start page and requests changes with a comment.
    page.context.clear_cookies()
    log_in(page, MODERATOR["username"], MODERATOR["password"])
    expect(page.get_by_role("main").get_by_text(title).first).to_be_visible()
    assert_accessible(page)
    page.goto(edit_url)
    open_action(page, "Pieprasīt izmaiņas")
    dialog = page.get_by_role("dialog")
    dialog.locator("textarea").fill("Lūdzu, pievieno adresi.")
    dialog.get_by_role("button", name="Pieprasīt izmaiņas").click()
    expect(page.locator(".messages")).to_contain_text(title)
    assert_accessible(page)

    # Ilze sees it in Latvian on her start page, reads the comment, resubmits.
    page.context.clear_cookies()
    log_in(page, EDITOR["username"], EDITOR["password"])
    expect(page.get_by_role("main").get_by_text("Izmaiņas pieprasītas").first).to_be_visible()
    assert_accessible(page)
    page.goto(edit_url.replace("/edit/", "/history/"))
    expect(page.get_by_text("Lūdzu, pievieno adresi.").first).to_be_visible()
    page.goto(edit_url)
    open_action(page, "Nosūtīt moderatoram vēlreiz")
    expect(post_row(page, title)).to_contain_text("pārbaudē")

    # Jānis publishes.
    page.context.clear_cookies()
    log_in(page, MODERATOR["username"], MODERATOR["password"])
    page.goto(edit_url)
    open_action(page, "Apstiprināt un publicēt")
    expect(page.locator(".messages")).to_contain_text(title)
    expect(post_row(page, title)).to_contain_text("tiešsaistē")
    assert_accessible(page)
