"""The Content Security Policy in a real browser: the site's own pages break none of it.

The pages are served as in production: gunicorn with
``website.settings.production`` on a copy of the demo site (plain HTTP on
loopback, as behind a proxy that terminates TLS). Chromium reports every
blocked script, style, image or frame as a ``securitypolicyviolation``
event and a console error; the tests collect both.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import log_in
from tests.support.csp import directives
from tests.support.servers import free_port, gunicorn, manage, prepare_demo_site, production_env

PUBLIC_PAGES = [
    "/lv/",
    "/en/",
    "/lv/jaunumi/cesu-gimenu-stiprinasanas-projekta-gada-parskats/",
    "/en/news/annual-report-cesis-family-support/",
    "/lv/pasakumi/supervizija-gimenu-grupu-konference/",
    "/en/events/supervision-family-group-conference/",
    "/lv/rezultati/",
    "/en/results/",
    "/lv/meklet/?q=gimenes",
    "/en/search/?q=family",
]

# Collects what the browser blocked, from the first script the page runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}`
    );
});
"""


@pytest.fixture(scope="module")
def production_url(tmp_path_factory) -> Iterator[str]:
    """The demo site served by gunicorn under production settings, with an admin account."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = production_env(
        tmp_path_factory.mktemp("production"),
        url,
        CACHE_URL="",
        DJANGO_SUPERUSER_PASSWORD="admin",
    )
    prepare_demo_site(env)
    manage(env, "createsuperuser", "--noinput", "--username", "admin", "--email", "a@example.org")
    with gunicorn(env, port, workers=1, extra_args=("--threads", "4")):
        yield url


@pytest.fixture
def watched_page(browser: Browser, production_url: str) -> Iterator[tuple[Page, list[str]]]:
    """A page on the production server, and the console errors it logs."""
    context = browser.new_context(base_url=production_url, locale="lv-LV")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()


def violations(page: Page) -> list[str]:
    return page.evaluate("() => window.__cspViolations")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_breaks_no_rule_of_the_policy(watched_page, path: str):
    page, errors = watched_page
    response = page.goto(path)
    assert response is not None and response.status == 200
    policy = response.headers["content-security-policy"]
    assert directives(policy)["script-src"] == "'self'" and "unsafe-inline" not in policy
    page.wait_for_load_state("load")
    # Everything the page drew from: its script ran, its stylesheet applied.
    expect(page.locator("html")).to_have_attribute("data-text-size", "normal")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.skip-link')).position")
    assert violations(page) == []
    assert errors == []


def test_event_page_json_ld_is_data_not_script(watched_page):
    """JSON-LD sits in a <script> element, but browsers never run it: no violation."""
    page, errors = watched_page
    page.goto("/lv/pasakumi/supervizija-gimenu-grupu-konference/")
    json_ld = page.locator('script[type="application/ld+json"]')
    assert json_ld.count() >= 1
    assert '"Event"' in json_ld.first.text_content()
    assert violations(page) == [] and errors == []


def test_injected_inline_script_is_blocked_and_reported(watched_page):
    """What the policy is for, and proof that the listener above hears violations."""
    page, errors = watched_page
    page.goto("/lv/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__injected = true";
            document.head.appendChild(script);
        }"""
    )
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert page.evaluate("() => window.__injected") is None
    assert violations(page)[0].startswith("script-src-elem blocked inline")
    assert any("Content Security Policy" in error for error in errors)


def test_admin_editor_and_preview_work_under_the_admin_policy(watched_page):
    """The admin's laxer policy is enough for Wagtail: log in, edit, preview, no violation."""
    page, errors = watched_page
    log_in(page)

    page.goto("/admin/pages/search/?q=Rezult%C4%81ti")
    page.get_by_role("link", name="Rezultāti", exact=True).first.click()
    expect(page.locator("#id_title")).to_have_value("Rezultāti")
    # The preview side panel (its toggle is labelled "Priekšskatīt" in Latvian).
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.locator("h1")).to_contain_text("Rezultāti")
    assert violations(page) == []
    assert errors == []
