"""Two languages: where visitors land, and how every page links its other language."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile


@pytest.mark.django_db
class TestLanguageRedirect:
    @pytest.mark.parametrize(
        ("accept_language", "target"),
        [("lv-LV,lv;q=0.9", "/lv/"), ("en-GB,en;q=0.9", "/en/"), ("de-DE", "/lv/"), ("", "/lv/")],
    )
    def test_root_redirects_by_browser_language_latvian_when_unsure(
        self, client, home, accept_language, target
    ):
        response = client.get("/", headers={"accept-language": accept_language})
        assert response.status_code == 302
        assert response["Location"] == target

    def test_no_language_cookie_is_set_on_a_visit(self, client, home):
        response = client.get("/lv/")
        assert "django_language" not in response.cookies


@pytest.mark.django_db
class TestPageLanguages:
    def test_html_lang_matches_the_url(self, client, demo):
        for url, lang in [("/lv/", "lv"), ("/en/", "en"), ("/en/projects/", "en")]:
            html = client.get(url).content.decode()
            assert f'<html lang="{lang}">' in html, url

    def test_project_page_links_its_translation_with_hreflang(self, client, demo):
        html = client.get("/lv/projekti/cilveks-izmainu-veicinatajs/").content.decode()
        assert re.search(
            r'<link rel="alternate" hreflang="en" href="http://127.0.0.1:8000'
            r'/en/projects/human-an-agent-of-change/">',
            html,
        )
        assert 'hreflang="x-default" href="http://127.0.0.1:8000/lv/projekti/' in html
        # The switcher leads to the same page in English, not to the English home.
        assert '<a href="/en/projects/human-an-agent-of-change/" hreflang="en"' in html

    def test_untranslated_page_keeps_english_chrome_and_marks_latvian_content(self, client, demo):
        from tests.support.factories import ContentPageFactory

        # A page created in code has no English version; an alias stands in.
        page = ContentPageFactory(title="Tikai latviski")
        from wagtail.models import Locale

        alias = page.create_alias(
            parent=page.get_parent().get_translation(Locale.objects.get(language_code="en")),
            update_locale=Locale.objects.get(language_code="en"),
        )
        html = client.get(alias.url).content.decode()
        assert '<html lang="en">' in html
        assert 'id="main" class="wrap" tabindex="-1" lang="lv"' in html


@pytest.mark.django_db
def test_new_staff_users_get_a_latvian_admin():
    user = get_user_model().objects.create_user("ilze", "ilze@example.org", "x")
    assert UserProfile.get_for_user(user).preferred_language == "lv"
