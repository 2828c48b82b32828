"""Where each page type of the site may live, checked the way Wagtail tests it.

Each language tree is the same: a home page under the root, holding the
sections (content pages), the projects, the results page, forms and one
index of each kind (news, events, e-bulletin archive). The demo site keeps
to these rules too.
"""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from blog.models import BlogIndexPage, EventIndexPage
from home.models import (
    ContentPage,
    FeedbackFormPage,
    HandbookChapterPage,
    HandbookPage,
    HomePage,
    ProjectPage,
    ResultsPage,
)
from newsletter.models import NewsletterIndexPage


class HomeTreeTests(WagtailPageTestCase):
    def test_a_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ContentPage, HomePage)

    def test_a_home_page_holds_the_sections_projects_results_forms_and_indexes(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ContentPage,
                ProjectPage,
                ResultsPage,
                FeedbackFormPage,
                HandbookPage,
                BlogIndexPage,
                EventIndexPage,
                NewsletterIndexPage,
            },
        )

    def test_a_content_page_is_a_section_under_home_or_another_section(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(
            ContentPage, {ContentPage, ProjectPage, FeedbackFormPage, HandbookPage}
        )
        self.assertCanNotCreateAt(Page, ContentPage)
        self.assertCanNotCreateAt(ContentPage, BlogIndexPage)
        self.assertCanNotCreateAt(ContentPage, ResultsPage)

    def test_a_project_lives_under_home_or_a_section_and_holds_nothing(self):
        self.assertAllowedParentPageTypes(ProjectPage, {HomePage, ContentPage})
        self.assertCanCreateAt(ContentPage, ProjectPage)
        self.assertAllowedSubpageTypes(ProjectPage, set())

    def test_the_results_page_lives_right_under_home(self):
        self.assertAllowedParentPageTypes(ResultsPage, {HomePage})
        self.assertCanCreateAt(HomePage, ResultsPage)
        self.assertCanNotCreateAt(ContentPage, ResultsPage)
        self.assertAllowedSubpageTypes(ResultsPage, set())

    def test_a_form_lives_under_home_or_a_section_and_holds_nothing(self):
        self.assertAllowedParentPageTypes(FeedbackFormPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(FeedbackFormPage, set())

    def test_a_handbook_lives_under_home_or_a_section_and_holds_only_its_chapters(self):
        self.assertAllowedParentPageTypes(HandbookPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(HandbookPage, {HandbookChapterPage})
        self.assertCanCreateAt(ContentPage, HandbookPage)
        self.assertCanNotCreateAt(HandbookPage, ContentPage)

    def test_a_chapter_lives_only_in_a_handbook_and_holds_nothing(self):
        self.assertAllowedParentPageTypes(HandbookChapterPage, {HandbookPage})
        self.assertCanNotCreateAt(ContentPage, HandbookChapterPage)
        self.assertCanNotCreateAt(HomePage, HandbookChapterPage)
        self.assertAllowedSubpageTypes(HandbookChapterPage, set())


@pytest.mark.django_db
def test_every_page_of_the_demo_site_is_where_its_type_may_live(demo):
    misplaced = [
        (page.specific_class.__name__, page.url_path)
        for page in Page.objects.filter(depth__gt=1).select_related("content_type")
        if not page.specific_class.can_exist_under(page.get_parent())
    ]
    assert misplaced == []
