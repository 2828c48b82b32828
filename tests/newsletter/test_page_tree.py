"""Where the e-bulletin's pages may live: the archive under a home page,
issues under the archive only (the way Wagtail tests page trees)."""

from wagtail.test.utils import WagtailPageTestCase

from blog.models import BlogIndexPage
from home.models import ContentPage, HomePage
from newsletter.models import NewsletterIndexPage, NewsletterIssuePage


class NewsletterTreeTests(WagtailPageTestCase):
    def test_the_archive_lives_right_under_home_and_holds_issues(self):
        self.assertAllowedParentPageTypes(NewsletterIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsletterIndexPage, {NewsletterIssuePage})
        self.assertCanCreateAt(HomePage, NewsletterIndexPage)
        self.assertCanNotCreateAt(ContentPage, NewsletterIndexPage)

    def test_an_issue_lives_under_the_archive_only_and_holds_nothing(self):
        self.assertAllowedParentPageTypes(NewsletterIssuePage, {NewsletterIndexPage})
        self.assertAllowedSubpageTypes(NewsletterIssuePage, set())
        self.assertCanCreateAt(NewsletterIndexPage, NewsletterIssuePage)
        self.assertCanNotCreateAt(HomePage, NewsletterIssuePage)
        self.assertCanNotCreateAt(BlogIndexPage, NewsletterIssuePage)
