"""RSS and Atom feeds of one language's news, on Django's syndication framework."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class LatestNewsRSS(Feed):
    """The newest posts under one BlogIndexPage."""

    feed_type = Rss201rev2Feed

    def __init__(self, index) -> None:
        super().__init__()
        self.index = index
        self.language = index.locale.language_code

    def title(self) -> str:
        return f"{self.index.title} – {_('Human: an Agent of Change!')}"

    route = "rss"

    def link(self) -> str:
        return self.index.get_full_url() or settings.SITE_URL

    def feed_url(self) -> str:
        """The feed's own address on SITE_URL, never on the Host header of the request.

        Django would build it from the Host header, and the page cache would
        keep the first visitor's choice for everyone.
        """
        _, _, index_path = self.index.get_url_parts()
        return f"{settings.SITE_URL}{index_path}{self.index.reverse_subpage(self.route)}"

    def description(self) -> str:
        return _("News of the project “Human: an Agent of Change!”")

    def items(self):
        return self.index.posts().prefetch_related("categories")[:FEED_LENGTH]

    def item_title(self, post) -> str:
        return post.title

    def item_description(self, post) -> str:
        return post.lead

    def item_link(self, post) -> str:
        return post.get_full_url()

    def item_guid(self, post) -> str:
        # The page's id, not its URL: the guid must survive a slug change.
        return f"{settings.SITE_URL}/pages/{post.translation_key}/{post.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, post) -> datetime.datetime:
        # Posts carry a date only; noon in Riga keeps the day right in every time zone.
        return timezone.make_aware(datetime.datetime.combine(post.date, datetime.time(12, 0)))

    def item_updateddate(self, post) -> datetime.datetime | None:
        return post.last_published_at

    def item_author_name(self, post) -> str | None:
        return post.authors or None

    def item_categories(self, post) -> list[str]:
        return [category.name for category in post.categories.all()]


class LatestNewsAtom(LatestNewsRSS):
    feed_type = Atom1Feed
    route = "atom"
    subtitle = LatestNewsRSS.description
