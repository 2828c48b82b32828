"""The browser journeys' people and gestures (Playwright on the demo site that
tests/e2e/conftest.py serves)."""

import re
import subprocess
import sys

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.support.servers import ROOT

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The newsletter manager of the journeys: in the managers' group, not a superuser.
MANAGER = {"username": "liga", "password": "liga-parole-2026", "email": "liga@example.org"}
# The coordinator (an editor) and the moderator of the journeys.
EDITOR = {"username": "ilze", "password": "ilze-parole-2026", "email": "ilze@example.org"}
MODERATOR = {"username": "janis", "password": "janis-parole-2026", "email": "janis@example.org"}


def log_in(page: Page, username: str = "admin", password: str = "admin") -> None:
    """Through the admin's login form, as a person would; ends on the dashboard."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def assert_accessible(page: Page) -> None:
    """axe finds no WCAG 2.1 A/AA violation on the page as it is now."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.violations_count == 0, results.generate_report()


def start_english_translation(page: Page, page_id: str) -> None:
    """ "Tulkot" on a Latvian page: wagtail-localize's form, English ticked, then its editor."""
    page.goto(f"/admin/localize/submit/page/{page_id}/")
    page.get_by_label("English").check()
    page.get_by_role("button", name="Iesniegt").click()
    expect(page.get_by_role("button", name="Tulkot", exact=True).first).to_be_visible()


def translate_segment(page: Page, source: str, text: str) -> None:
    """In the translation editor, translate the text whose Latvian is `source`."""
    editor = page.get_by_role("main")
    segment = editor.locator("li.incomplete").filter(has_text=source).first
    segment.get_by_role("button", name="Tulkot", exact=True).click()
    editor.locator("textarea").fill(text)
    editor.get_by_role("button", name="Saglabāt").click()
    expect(editor.get_by_text(text, exact=True)).to_be_visible()


# An issue's English version, made with wagtail-localize's own machinery as the
# "Tulkot" action does; translating in the browser is the translators' journey.
TRANSLATE_ISSUE = """
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from wagtail_localize.operations import TranslationCreator
from newsletter.models import NewsletterIssuePage
issue = NewsletterIssuePage.objects.get(slug={slug!r}, locale__language_code="lv")
english = Locale.objects.get(language_code="en")
user = get_user_model().objects.get(username="admin")
TranslationCreator(user, [english]).create_translations(issue)
version = issue.get_translation(english)
version.title = {title!r}
version.subject = {subject!r}
version.save_revision(user=user).publish()
"""


def translate_issue(site_env: dict[str, str], slug: str, title: str, subject: str) -> None:
    """Publish an English version of the Latvian issue `slug` on the journeys' site."""
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            TRANSLATE_ISSUE.format(slug=slug, title=title, subject=subject),
        ],
        cwd=ROOT,
        env=site_env,
        check=True,
        capture_output=True,
        timeout=120,
    )


def add_block(page: Page, label: str) -> None:
    """Open the StreamField's block menu at its end and choose a block type."""
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label).click()
