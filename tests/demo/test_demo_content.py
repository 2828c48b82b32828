import os

import pytest
from wagtail.models import Locale, Page

from blog.models import BlogPage, EventPage
from demo.loading import load
from home.models import HomePage, Partner, ProjectPage
from newsletter.models import NewsletterIssuePage
from tests.support.servers import manage, shell


def snapshot() -> list[tuple]:
    return list(
        Page.objects.order_by("path").values_list(
            "path", "locale__language_code", "title", "slug", "live", "latest_revision_id"
        )
    )


@pytest.mark.django_db
def test_demo_has_both_projects_in_both_languages(demo):
    titles = set(ProjectPage.objects.values_list("locale__language_code", "title"))
    assert titles == {
        ("lv", "Cilvēks: izmaiņu veicinātājs!"),
        ("en", "Human: an Agent of Change!"),
        ("lv", "Profesionāla un mūsdienīga sociālā darba attīstība"),
        ("en", "Professional and Modern Social Work Development"),
    }
    assert Partner.objects.filter(locale__language_code="lv").count() == 7
    assert Partner.objects.filter(locale__language_code="en").count() == 7
    # The demo has no untranslated page: every page has a real English version.
    assert not Page.objects.filter(alias_of__isnull=False).exists()


@pytest.mark.django_db
def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    load()
    assert snapshot() == before


@pytest.mark.django_db
def test_home_page_leads_to_the_main_project(client, demo):
    html = client.get("/lv/").content.decode()
    assert 'href="/lv/projekti/cilveks-izmainu-veicinatajs/"' in html
    assert HomePage.objects.count() == 2


@pytest.mark.processes
def test_loader_runs_twice_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": "a-production-like-key-for-this-test-only-0123456789",
        "ALLOWED_HOSTS": "example.org",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    }
    env.pop("DATABASE_URL_TEST", None)

    count = (
        "from wagtail.models import Page; from home.models import ProjectPage; "
        "print(Page.objects.count(), ProjectPage.objects.live().count())"
    )
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo_content")
    first = shell(env, count)
    manage(env, "load_demo_content")
    assert shell(env, count) == first
    pages, projects = map(int, first.split())
    assert pages > 30 and projects == 4


@pytest.mark.django_db
def test_every_english_page_has_an_english_slug(demo):
    english = Page.objects.filter(locale__language_code="en")
    assert english.exists()
    for page in english:
        latvian = page.get_translation(Locale.objects.get(language_code="lv"))
        assert page.slug != latvian.slug, page.url_path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "/en/news/cesu-gimenu-stiprinasanas-projekta-gada-parskats/",
            "/en/news/annual-report-cesis-family-support/",
        ),
        (
            "/en/events/supervizija-gimenu-grupu-konference/",
            "/en/events/supervision-family-group-conference/",
        ),
        ("/en/e-bulletin/e-apkartraksts-nr-1/", "/en/e-bulletin/e-bulletin-no-1/"),
    ],
)
def test_the_old_english_addresses_with_latvian_slugs_redirect_permanently(client, demo, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


@pytest.mark.django_db
def test_every_english_post_event_and_issue_keeps_its_old_address(client, demo):
    latvian_locale = Locale.objects.get(language_code="lv")
    for model in (BlogPage, EventPage, NewsletterIssuePage):
        for page in model.objects.filter(locale__language_code="en"):
            latvian = page.get_translation(latvian_locale)
            old = page.url.removesuffix(f"{page.slug}/") + f"{latvian.slug}/"
            response = client.get(old)
            assert (response.status_code, response["Location"]) == (301, page.url), old
