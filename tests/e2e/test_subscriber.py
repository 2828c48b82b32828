"""Anna subscribes from the footer in English and confirms from the e-mail."""

import os
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import assert_accessible


def confirmation_link(address: str) -> str:
    outbox = Path(os.environ["E2E_OUTBOX"])
    for message in sorted(outbox.glob("*.log")):
        text = message.read_text()
        if f"To: {address}" in text:
            return re.search(r"http://\S+/newsletter/confirm/\S+/", text).group(0)
    raise AssertionError(f"no e-mail to {address}")


def test_anna_subscribes_in_english_and_confirms(page: Page):
    page.goto("/en/events/")
    form = page.locator("#newsletter-subscribe")
    form.get_by_label("E-mail address").fill("anna.berzina@example.org")
    form.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_accessible(page)

    page.goto(confirmation_link("anna.berzina@example.org"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    assert_accessible(page)
