"""News: the blog index, posts, their categories and tags."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import HttpRequest, HttpResponse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from blog.forms import BlogPageForm, NewsFilterForm
from core import cache_tags
from core.blocks import ArticleStreamBlock
from core.cache_tags import subtree_tag
from core.forms import SitePageForm
from core.pages import SitePage, restricted_itself
from core.structured_data import json_ld
from home.translation import ListedPageManager

POSTS_PER_PAGE = 10


@register_snippet
class BlogCategory(TranslatableMixin, models.Model):
    """A news category such as "Apmācības"; editors translate it like a page."""

    name = models.CharField(max_length=100, verbose_name=_("name"))
    slug = models.SlugField(max_length=100, verbose_name=_("slug"))

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BlogIndexPage(SitePage, RoutablePageMixin, Page):
    """The news list of one language, with filters, pagination and feeds."""

    base_form_class = SitePageForm

    intro = RichTextField(
        features=["bold", "italic", "link"], blank=True, verbose_name=_("introduction")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    # One index per language tree, right under its home page.
    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count_per_parent = 1

    @property
    def social_text(self) -> str:
        return self.search_description or strip_tags(self.intro)

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def posts(self):
        """Live posts under this index, newest first, with what a listing shows."""
        return (
            BlogPage.objects.child_of(self)
            .listed()
            .exclude(restricted_itself())
            .select_related("hero_image")
            .order_by("-date", "-pk")
        )

    def posts_per_year(self) -> dict[int, int]:
        """How many live posts each year has, newest year first."""
        rows = (
            BlogPage.objects.child_of(self)
            .listed()
            .exclude(restricted_itself())
            .annotate(year=ExtractYear("date"))
            .values("year")
            .annotate(n=Count("pk"))
            .order_by("-year")
        )
        return {row["year"]: row["n"] for row in rows}

    def filtered_posts(self, request: HttpRequest):
        """Posts narrowed by the ?category=, ?tag= and ?year= of the request.

        Returns the posts and the filters applied; a malformed filter
        matches no post (blog.forms.NewsFilterForm).
        """
        posts = self.posts()
        form = NewsFilterForm(request.GET)
        if not form.is_valid():
            return posts.none(), {"invalid": True}
        filters = {}
        category = form.cleaned_data["category"]
        if category:
            posts = posts.filter(categories__slug=category)
            filters["category"] = BlogCategory.objects.filter(
                slug=category, locale_id=self.locale_id
            ).first()
        tag = form.cleaned_data["tag"]
        if tag:
            posts = posts.filter(tags__slug=tag)
            filters["tag"] = tag
        year = form.cleaned_data["year"]
        if year is not None:
            posts = posts.filter(date__year=year)
            filters["year"] = year
        # Joins through categories and tags can repeat a post.
        return (posts.distinct() if filters else posts), filters

    @path("")
    def news_list(self, request: HttpRequest) -> HttpResponse:
        posts, filters = self.filtered_posts(request)
        per_year = self.posts_per_year()
        # A list never shows a post's body: loading it (its JSON parsed) cost
        # more than anything else the list reads of a post.
        paginator = Paginator(posts.defer("body"), POSTS_PER_PAGE)
        if not filters:
            # Unfiltered, the yearly counts add up to the total: no COUNT query.
            paginator.count = sum(per_year.values())
        asked_page = request.GET.get("page")
        try:
            page_of_posts = paginator.page(asked_page or 1)
        except PageNotAnInteger:
            page_of_posts = paginator.page(1)
        except EmptyPage:
            page_of_posts = paginator.page(paginator.num_pages)
        # The filters as the list took them: the pagination links carry these
        # and nothing else of the query string (no utm_* in a cached page).
        taken = {
            "category": filters["category"].slug if filters.get("category") else None,
            "tag": filters.get("tag"),
            "year": filters.get("year"),
        }
        taken = {name: value for name, value in taken.items() if value}
        if paginator.count and "invalid" not in filters:
            # A list that shows posts is worth keeping in the page cache; the
            # page number only as the list spells it ("2", not "02" or "999").
            if asked_page is not None and asked_page == str(page_of_posts.number):
                cache_tags.declare_variant(request, {**taken, "page": asked_page})
            elif asked_page is None:
                cache_tags.declare_variant(request, taken)
        return self.render(
            request,
            context_overrides={
                "posts": page_of_posts,
                "filters": filters,
                "filter_query": urlencode(taken),
                "categories": BlogCategory.objects.filter(locale_id=self.locale_id),
                "years": list(per_year),
            },
        )

    @path("feed/rss/", name="rss")
    def rss_feed(self, request: HttpRequest) -> HttpResponse:
        from blog.feeds import LatestNewsRSS

        return LatestNewsRSS(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request: HttpRequest) -> HttpResponse:
        from blog.feeds import LatestNewsAtom

        return LatestNewsAtom(self)(request)


class BlogPage(SitePage, Page):
    """A news post."""

    base_form_class = BlogPageForm

    date = models.DateField(default=datetime.date.today, verbose_name=_("date"))
    authors = models.CharField(max_length=255, blank=True, verbose_name=_("authors"))
    lead = models.TextField(
        blank=True, verbose_name=_("lead"), help_text=_("One or two sentences shown in lists.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    hero_alt = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("main image's alternative text"),
        help_text=_(
            "What the picture shows, for people who cannot see it. Left empty, the image's "
            "own description is used."
        ),
    )
    body = StreamField(ArticleStreamBlock(), blank=True, verbose_name=_("body"))
    categories = ParentalManyToManyField(BlogCategory, blank=True, verbose_name=_("categories"))
    tags = ClusterTaggableManager(through=BlogPageTag, blank=True, verbose_name=_("tags"))

    objects = ListedPageManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("authors"),
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("About the post"),
        ),
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        FieldPanel("hero_alt"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("authors"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types: list[str] = []
    # What wagtail-localize would derive, less the tags: it cannot translate
    # them and would copy the Latvian tags over the English ones. Categories
    # (many-to-many) it leaves to each language too. The date is the
    # source's, not a translator's choice.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        SynchronizedField("show_in_menus"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("date", overridable=False),
        TranslatableField("authors"),
        TranslatableField("lead"),
        SynchronizedField("hero_image"),
        TranslatableField("hero_alt"),
        TranslatableField("body"),
    ]

    social_type = "article"

    @property
    def listing_summary(self) -> str:
        return self.lead

    def cache_dependencies(self) -> list[str]:
        """Shows related posts: refreshed when a sibling changes."""
        return [*super().cache_dependencies(), subtree_tag(self.get_parent().pk)]

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")

    def clean(self) -> None:
        """A photo chosen without alt text takes the image's own description (or title).

        Refusing to save paused autosave the moment a photo was chosen; the
        text is there to edit, and the preview's content checks flag an alt
        text that is only a file name.
        """
        super().clean()
        if self.hero_image_id and not self.hero_alt.strip():
            self.hero_alt = self.hero_image.default_alt_text

    @cached_property
    def category_list(self) -> list[BlogCategory]:
        return list(self.categories.all())

    def related_posts(self, limit: int = 3) -> list["BlogPage"]:
        """Other posts of the same news list sharing a category, newest first."""
        category_ids = [category.pk for category in self.category_list]
        if not category_ids:
            return []
        return list(
            BlogPage.objects.sibling_of(self, inclusive=False)
            .listed()
            .exclude(restricted_itself())
            .filter(categories__in=category_ids)
            .defer("body")
            .distinct()
            .order_by("-date")[:limit]
        )

    def structured_data(self) -> SafeString:
        """schema.org NewsArticle for search engines."""
        data = {
            "@type": "NewsArticle",
            "headline": self.title,
            "datePublished": self.date.isoformat(),
            # Pages are served under their own language's prefix (/lv/, /en/).
            "inLanguage": get_language(),
            "mainEntityOfPage": self.get_full_url(),
            "description": self.lead,
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.authors:
            data["author"] = [
                {"@type": "Person", "name": name.strip()} for name in self.authors.split(",")
            ]
        if self.social_image_url:
            data["image"] = self.social_image_url
        return json_ld(data)

    @property
    def social_image(self) -> AbstractImage | None:
        return self.hero_image
