"""core.pages.SitePage: what each page type declares instead of others guessing it."""

import pytest
from django.apps import apps
from wagtail.models import Page, PageViewRestriction, get_page_models

from blog.models import BlogIndexPage, BlogPage, EventPage
from core.cache_tags import GLOBAL, page_tag, subtree_tag
from core.pages import SitePage
from home.models import ContentPage, HomePage, ProjectPage
from navigation.page_cache import page_tags, tags_for_change
from tests.support.factories import (
    BlogIndexPageFactory,
    BlogPageFactory,
    ContentPageFactory,
    ProjectPageFactory,
)


def test_every_page_type_of_the_site_declares_site_page():
    site_apps = {"home", "blog", "newsletter"}
    undeclared = [
        model.__name__
        for model in get_page_models()
        if model._meta.app_label in site_apps and not issubclass(model, SitePage)
    ]
    assert undeclared == []


def test_site_page_comes_before_page_so_its_methods_win():
    for model in get_page_models():
        if issubclass(model, SitePage):
            assert model.__mro__.index(SitePage) < model.__mro__.index(Page), model


def test_the_mixin_adds_no_field():
    assert not hasattr(SitePage, "_meta")
    assert list(apps.get_app_config("core").get_models()) == []


@pytest.mark.django_db
def test_lists_show_the_lead_or_summary_and_nothing_for_an_introduction():
    assert ContentPage(title="Par mums", lead="Kas mēs esam.").listing_summary == "Kas mēs esam."
    assert ProjectPage(title="Projekts", summary="Ģimenēm.").listing_summary == "Ģimenēm."
    assert EventPage(title="Supervīzija", lead="Grupā.").listing_summary == "Grupā."
    assert HomePage(title="Sākums", intro="<p>Projekts</p>").listing_summary == ""


# Building a page reads its content type, from the database once a flush
# emptied Django's cache of them.
@pytest.mark.django_db
def test_social_text_prefers_the_search_description_then_the_page_s_own_text():
    home = HomePage(title="Sākums", intro="<p>Projekts <b>ģimenēm</b></p>")
    assert home.social_text == "Projekts ģimenēm"
    home.search_description = "Meklētājiem"
    assert home.social_text == "Meklētājiem"
    assert BlogPage(title="Ziņa", lead="Īsumā.").social_text == "Īsumā."
    assert BlogIndexPage(title="Jaunumi", intro="").social_text == ""


@pytest.mark.django_db
def test_only_a_post_with_a_photo_has_its_own_social_image():
    assert BlogPage(title="Ziņa").social_image is None
    assert BlogPage(title="Ziņa").social_image_url == ""
    assert ContentPage(title="Par mums").social_image is None


@pytest.mark.django_db
def test_a_post_shows_its_siblings_and_a_content_page_only_itself(home):
    news = BlogIndexPageFactory(slug="jaunumi")
    post = BlogPageFactory(parent=news)
    assert set(post.cache_dependencies()) == {
        GLOBAL,
        page_tag(post.pk),
        subtree_tag(post.pk),
        subtree_tag(news.pk),
    }
    page = ContentPageFactory()
    assert page_tags(page) == [GLOBAL, page_tag(page.pk), subtree_tag(page.pk)]


@pytest.mark.django_db
def test_a_project_deep_in_the_tree_is_shown_around_every_page(home):
    section = ContentPageFactory(slug="projekti")
    project = ProjectPageFactory(parent=section)
    assert project.depth > 3
    assert GLOBAL in tags_for_change(project)
    deep = ContentPageFactory(parent=section, slug="cits")
    assert GLOBAL not in tags_for_change(deep)


@pytest.mark.django_db
def test_view_restrictions_are_read_once_for_every_page_type(home, django_assert_num_queries):
    page = ContentPage.objects.get(pk=ContentPageFactory().pk)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert page.get_view_restrictions().exists()  # the page cache's hook asks first
    with django_assert_num_queries(0):  # then Wagtail's own check, answered from memory
        assert page.get_view_restrictions().exists()


@pytest.mark.django_db
def test_view_restrictions_match_wagtails_own_answer_in_one_query(home, django_assert_num_queries):
    from wagtail.models import Locale

    from core.pages import view_restrictions_over

    english = Locale.objects.get(language_code="en")
    section = ContentPageFactory(slug="sadala")
    inside = ContentPageFactory(parent=section, slug="iekssa")
    elsewhere = ContentPageFactory(slug="cita")
    on_section = PageViewRestriction.objects.create(page=section, restriction_type="login")
    on_elsewhere = PageViewRestriction.objects.create(page=elsewhere, restriction_type="login")
    # An untranslated copy in the English tree counts its source's restriction.
    alias = elsewhere.create_alias(
        parent=home.get_translation(english), update_locale=english, update_slug="other"
    )
    alias_inside = ContentPageFactory(parent=alias, slug="zem-kopijas")

    expected = {
        section: {on_section},
        inside: {on_section},
        elsewhere: {on_elsewhere},
        alias: {on_elsewhere},
        alias_inside: {on_elsewhere},
        home: set(),
    }
    for page, restrictions in expected.items():
        page = Page.objects.get(pk=page.pk)
        assert set(Page.get_view_restrictions(page)) == restrictions, page  # Wagtail's
        with django_assert_num_queries(1):
            assert set(view_restrictions_over(page.path, page.steplen)) == restrictions, page


def routed_to(result) -> tuple:
    """The page and the view of a routing result (a routable page's view is a bound method)."""
    args = tuple(arg.__name__ if callable(arg) else arg for arg in (result.args or ()))
    return (result.page.pk, args)


@pytest.mark.django_db
class TestRouting:
    """core.pages.route_below: Wagtail's routing, in one query for the path's pages."""

    def wagtails_own(self, home, path: str):
        from django.http import Http404
        from django.test import RequestFactory

        components = [part for part in path.split("/") if part]
        try:
            result = Page.route(home, RequestFactory().get(path), components)
        except Http404:
            return None
        return routed_to(result)

    def ours(self, home, path: str):
        from django.http import Http404
        from django.test import RequestFactory

        components = [part for part in path.split("/") if part]
        try:
            result = home.route(RequestFactory().get(path), components)
        except Http404:
            return None
        return routed_to(result)

    def test_every_path_routes_where_wagtail_routes_it(self, home):
        import datetime

        from tests.support.factories import EventIndexPageFactory, EventPageFactory

        news = BlogIndexPageFactory(parent=home, slug="jaunumi")
        post = BlogPageFactory(parent=news, slug="zina")
        draft = BlogPageFactory(parent=news, slug="melnraksts")
        draft.unpublish()
        events = EventIndexPageFactory(parent=home, slug="pasakumi")
        start = datetime.datetime(2031, 1, 1, 10, tzinfo=datetime.UTC)
        # A child named like its list's own route: Wagtail lets the route win.
        EventPageFactory(parent=events, slug="calendar", start=start)
        event = EventPageFactory(parent=events, slug="seminars", start=start)
        section = ContentPageFactory(slug="sadala")
        section.unpublish()  # an unpublished section still leads to its live pages
        inside = ContentPageFactory(parent=section, slug="iekssa")
        home = HomePage.objects.get(pk=home.pk)

        paths = {
            "/jaunumi/": news,
            "/jaunumi/zina/": post,
            "/jaunumi/feed/rss/": news,
            "/jaunumi/melnraksts/": None,
            "/jaunumi/zina/nav/": None,
            "/nav-tadas/": None,
            "/pasakumi/calendar/": events,
            "/pasakumi/seminars/": event,
            "/pasakumi/seminars/calendar/": event,
            "/sadala/": None,
            "/sadala/iekssa/": inside,
        }
        for path, expected in paths.items():
            assert self.ours(home, path) == self.wagtails_own(home, path), path
            routed = self.ours(home, path)
            assert (routed[0] if routed else None) == (expected.pk if expected else None), path

    def test_a_post_is_found_in_two_queries(self, home, django_assert_num_queries):
        from django.test import RequestFactory

        news = BlogIndexPageFactory(parent=home, slug="jaunumi")
        BlogPageFactory(parent=news, slug="zina")
        home = HomePage.objects.get(pk=home.pk)
        with django_assert_num_queries(2):  # the pages along the path, then the post itself
            result = home.route(RequestFactory().get("/jaunumi/zina/"), ["jaunumi", "zina"])
        assert isinstance(result.page, BlogPage)
