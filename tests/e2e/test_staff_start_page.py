"""Each role's start page in the admin, in Latvian.

Ilze (Redaktori), Jānis (Moderatori) and Līga (newsletter managers) log in as
themselves; every screen is checked with axe.
"""

import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect

from .conftest import MANAGER, ROOT, assert_accessible, log_in

STAFF = {"ilze": "Redaktori", "janis": "Moderatori"}
PASSWORD = "darbinieks-parole-2026"


@pytest.fixture(scope="module")
def staff(site_url: str, site_env: dict[str, str]) -> dict[str, str]:
    """Ilze and Jānis as members of their groups on the journeys' site."""
    script = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
for username, group in {STAFF!r}.items():
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={{"email": username + "@example.org"}}
    )
    user.set_password({PASSWORD!r})
    user.save()
    user.groups.add(Group.objects.get(name=group))
"""
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", script],
        cwd=ROOT,
        env=site_env,
        check=True,
        timeout=120,
    )
    return STAFF


def test_ilzes_start_page(page: Page, staff):
    log_in(page, "ilze", PASSWORD)
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Jauna ziņa")).to_be_visible()
    expect(main.get_by_role("link", name="Jauns pasākums")).to_be_visible()
    expect(main.get_by_text("Tulkojumi gaida")).to_be_visible()
    expect(main.get_by_text("Pēdējā izsūtīšana:")).to_have_count(0)
    assert_accessible(page)


def test_janis_start_page(page: Page, staff):
    log_in(page, "janis", PASSWORD)
    expect(page.get_by_role("main").get_by_text("Gaidāmie pasākumi")).to_be_visible()
    assert_accessible(page)


def test_ligas_start_page(page: Page):
    log_in(page, MANAGER["username"], MANAGER["password"])
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Jauns numurs")).to_be_visible()
    expect(main.get_by_role("link", name="Visas izsūtīšanas")).to_be_visible()
    assert_accessible(page)


def test_the_staff_guide_opens_from_help(page: Page, staff):
    log_in(page, "ilze", PASSWORD)
    page.goto("/admin/staff/guide/")
    expect(page.get_by_role("heading", name="Darbinieku ceļvedis")).to_be_visible()
    assert_accessible(page)
