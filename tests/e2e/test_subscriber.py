"""Anna subscribes from the footer in English, confirms, switches to Latvian, leaves."""

import re

import pytest
from playwright.sync_api import Page, Playwright, expect

from tests.support.browser import assert_accessible
from tests.support.outbox import mail_to, messages_to, text_of

ANNA = "anna.berzina@example.org"


def confirmation_link(address: str) -> str:
    """The link in the confirmation e-mail, once the worker has sent it."""
    text = text_of(mail_to(address))
    return re.search(r"http://\S+/newsletter/confirm/\S+/", text).group(0)


@pytest.mark.usefixtures("celery_worker")  # the confirmation e-mail is a task
def test_anna_subscribes_confirms_changes_language_and_leaves(page: Page, playwright: Playwright):
    page.goto("/en/events/")
    form = page.locator("#newsletter-subscribe")
    form.get_by_label("E-mail address").fill(ANNA)
    form.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_accessible(page)

    # Two days later, from the e-mail: a page with a button (scanners only GET).
    page.goto(confirmation_link(ANNA))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    assert_accessible(page)

    # Her preferences: English now; she switches to Latvian.
    page.get_by_role("link", name="Choose your lists and language").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your e-bulletin settings")
    expect(page.get_by_label("English")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Latviešu").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    expect(page.get_by_role("status")).to_contain_text("Saglabāts")
    expect(page.get_by_label("Latviešu")).to_be_checked()
    assert_accessible(page)

    # She leaves her job: her mail client's button sends the RFC 8058 POST,
    # with no cookie and no CSRF token, to the List-Unsubscribe address.
    leave = page.get_by_role("link", name="Atteikties no visiem sarakstiem")
    unsubscribe_url = leave.get_attribute("href")
    mails_before = len(messages_to(ANNA))
    mail_client = playwright.request.new_context()  # no cookies of the browser
    answer = mail_client.post(
        unsubscribe_url, form={"List-Unsubscribe": "One-Click"}, max_redirects=0
    )
    assert answer.status == 200 and "Abonements atcelts" in answer.text()
    mail_client.dispose()
    page.goto(unsubscribe_url)  # the same link opened later shows a button, changes nothing
    expect(page.get_by_role("heading", level=1)).to_have_text("Atteikties no e-apkārtraksta")
    assert len(messages_to(ANNA)) == mails_before  # no "goodbye" e-mail
