"""Where news and events may live: each index under a home page, posts and
events under their own index only (the way Wagtail tests page trees)."""

from wagtail.test.utils import WagtailPageTestCase

from blog.models import BlogIndexPage, BlogPage, EventIndexPage, EventPage
from home.models import ContentPage, HomePage


class NewsTreeTests(WagtailPageTestCase):
    def test_the_news_index_lives_right_under_home_and_holds_posts(self):
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BlogIndexPage, {BlogPage})
        self.assertCanCreateAt(HomePage, BlogIndexPage)
        self.assertCanNotCreateAt(ContentPage, BlogIndexPage)

    def test_a_post_lives_under_the_news_index_only_and_holds_nothing(self):
        self.assertAllowedParentPageTypes(BlogPage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(BlogPage, set())
        self.assertCanCreateAt(BlogIndexPage, BlogPage)
        self.assertCanNotCreateAt(HomePage, BlogPage)
        self.assertCanNotCreateAt(EventIndexPage, BlogPage)


class EventTreeTests(WagtailPageTestCase):
    def test_the_event_index_lives_right_under_home_and_holds_events(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertCanCreateAt(HomePage, EventIndexPage)
        self.assertCanNotCreateAt(ContentPage, EventIndexPage)

    def test_an_event_lives_under_the_event_index_only_and_holds_nothing(self):
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(BlogIndexPage, EventPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
