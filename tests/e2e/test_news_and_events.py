"""A visitor reads the news, filters it, and takes an event into their calendar."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.support.browser import assert_accessible


def test_visitor_filters_news_by_category_opens_a_post_and_switches_to_english(page: Page):
    page.goto("/lv/")
    page.get_by_role("navigation", name="Galvenā izvēlne").get_by_role(
        "link", name="Jaunumi"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jaunumi")

    page.get_by_label("Kategorija").select_option(label="Supervīzijas")
    page.get_by_role("button", name="Rādīt").click()
    expect(page).to_have_url(re.compile(r"category=supervizijas"))
    posts = page.locator(".post-card h2")
    expect(posts).to_have_count(2)

    page.get_by_role("link", name="Supervīzijas atbalsta sociālos darbiniekus praksē").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Supervīzijas atbalsta sociālos darbiniekus praksē"
    )
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Supervision supports social workers in practice"
    )
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_visitor_downloads_the_supervision_into_their_calendar(page: Page):
    # The conference is each 15 December: from that day on it is a year away, and
    # further down the list than the weekly and monthly groups' next sessions.
    page.goto("/lv/pasakumi/supervizija-gimenu-grupu-konference/")
    expect(page.get_by_role("main")).to_contain_text("10.00–14.00")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Pievienot kalendāram (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    entry = Calendar.from_ical(download.path().read_bytes()).walk("VEVENT")[0]
    assert str(entry["SUMMARY"]) == "Supervīzija: Ģimeņu grupu konference"
    start = entry["DTSTART"].dt
    assert (start.day, start.month, start.hour, start.minute) == (15, 12, 10, 0)
    assert str(start.tzinfo) == "Europe/Riga"


@pytest.mark.parametrize(
    "url",
    [
        "/lv/jaunumi/",
        "/en/news/?category=trainings",
        "/lv/jaunumi/cesu-gimenu-stiprinasanas-projekta-gada-parskats/",
        "/en/news/news-from-bauska-and-valmiera/",
        "/lv/pasakumi/",
        "/en/events/",
        "/lv/pasakumi/supervizija-gimenu-grupu-konference/",
        "/en/events/support-group-for-parents-valmiera/",
    ],
)
def test_news_and_event_pages_have_no_wcag_aa_violations(page: Page, url: str):
    page.goto(url)
    assert_accessible(page)
