"""Page types and site-wide content of the public site."""

from django import forms
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from core import live_figures
from core.blocks import BaseStreamBlock, IndicatorBlock
from core.cache_tags import page_tag
from core.client_ip import client_ip
from core.forms import SitePageForm
from core.pages import SitePage, route_below

from . import feedback, open_data
from .accessibility import AccessibilityStatement
from .funding import FUNDER_CHOICES, FUNDERS, Funder
from .handbook import HandbookChapterPage, HandbookPage  # noqa: F401  (home.models.HandbookPage)
from .translation import ListedPageManager
from .usefulness import PageUsefulness  # noqa: F401  (its model, home.models.PageUsefulness)

SIMPLE_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HomePage(SitePage, Page):
    """The root of each language tree: the project in a paragraph and what is new."""

    base_form_class = SitePageForm

    intro = RichTextField(features=SIMPLE_TEXT_FEATURES, blank=True, verbose_name=_("introduction"))
    featured_project = models.ForeignKey(
        "home.ProjectPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("featured project"),
        help_text=_("Its funding acknowledgement is shown in every page's footer."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("featured_project"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    max_count_per_parent = 1

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Every page of the language tree is routed from here (core.pages.route_below)."""
        return route_below(self, request, path_components)

    def featured_project_in(self, locale: Locale) -> "ProjectPage | None":
        """The featured project in that language, or its original where the translation is
        missing or a draft: its funders' acknowledgement goes into every footer and e-mail."""
        featured = self.featured_project
        if featured is None:
            return None
        if featured.locale_id == locale.pk:
            return featured
        translated = featured.get_translation_or_none(locale)
        return translated if translated is not None and translated.live else featured

    def cache_dependencies(self) -> list[str]:
        """Shows the results page's key figures, which may count themselves."""
        return [*super().cache_dependencies(), live_figures.TAG]

    def results_page(self) -> "ResultsPage | None":
        """The results page of this language, whose key figures the home page shows."""
        return ResultsPage.objects.listed().descendant_of(self).first()

    parent_page_types = ["wagtailcore.Page"]
    # What a language tree holds; each type also names HomePage among its parents.
    subpage_types = [
        "home.ContentPage",
        "home.ProjectPage",
        "home.ResultsPage",
        "home.FeedbackFormPage",
        "home.HandbookPage",
        "blog.BlogIndexPage",
        "blog.EventIndexPage",
        "newsletter.NewsletterIndexPage",
    ]

    @property
    def social_text(self) -> str:
        return self.search_description or strip_tags(self.intro)

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class ContentPage(SitePage, Page):
    """A generic page: about, contact, legal texts."""

    base_form_class = SitePageForm

    lead = models.TextField(blank=True, verbose_name=_("lead"))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    easy_read_version = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("easy-read version"),
        help_text=_(
            "This page told in short, simple sentences. The header's “Viegli lasīt” link "
            "leads there instead of to the site's easy-read page."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("easy_read_version"),
    ]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]
    # The same page in every language: the header link shows it only where it
    # is written in the page's language (an English page keeps no Latvian link).
    override_translatable_fields = [SynchronizedField("easy_read_version")]
    # A section ("Projects", "About", "Documents") may hold more text, its
    # projects, forms and handbooks.
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = [
        "home.ContentPage",
        "home.ProjectPage",
        "home.FeedbackFormPage",
        "home.HandbookPage",
    ]

    @property
    def listing_summary(self) -> str:
        return self.lead

    def own_easy_read_url(self) -> str:
        """The URL of this page's easy-read version, if live and in the page's language."""
        version = self.easy_read_version
        if version is None or not version.live or version.locale_id != self.locale_id:
            return ""
        return version.url or ""

    def cache_dependencies(self) -> list[str]:
        # The header links the easy-read version: its unpublishing purges this page.
        tags = super().cache_dependencies()
        if self.easy_read_version_id:
            tags.append(page_tag(self.easy_read_version_id))
        return tags

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")

    def child_pages(self) -> list[Page]:
        """Live subpages, listed under the text (a section page such as "Projects")."""
        return list(self.get_children().live().public().specific())

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # The page SiteSettings names (in any language) is the accessibility
        # statement: it shows who answers for it and the complaint route.
        statement = SiteSettings.for_request(request).accessibility_page
        if statement is not None and statement.translation_key == self.translation_key:
            context["statement"] = AccessibilityStatement.for_request(request)
        return context


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    FINISHED = "finished", _("Finished")


class ProjectPage(SitePage, Page):
    """A funded project, with the facts its funder requires the website to show."""

    base_form_class = SitePageForm

    number = models.CharField(max_length=100, blank=True, verbose_name=_("project number"))
    status = models.CharField(
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.IN_PROGRESS,
        verbose_name=_("status"),
    )
    start_date = models.DateField(null=True, blank=True, verbose_name=_("start"))
    end_date = models.DateField(null=True, blank=True, verbose_name=_("end"))
    summary = models.TextField(
        blank=True,
        verbose_name=_("summary"),
        help_text=_("One paragraph on the project, its aims and results."),
    )
    goal = RichTextField(features=SIMPLE_TEXT_FEATURES, blank=True, verbose_name=_("goal"))
    target_group = RichTextField(
        features=SIMPLE_TEXT_FEATURES, blank=True, verbose_name=_("target group")
    )
    places = models.TextField(blank=True, verbose_name=_("places"))
    activities = RichTextField(
        features=SIMPLE_TEXT_FEATURES, blank=True, verbose_name=_("activities")
    )
    funder = models.CharField(
        max_length=40,
        choices=FUNDER_CHOICES,
        verbose_name=_("funder and programme"),
        help_text=_("Chooses the funding acknowledgement and emblem the page shows."),
    )
    programme = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("programme or measure"),
        help_text=_("For example “NGO Programme” or “measure 4.3.5.4”."),
    )
    budget_total = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, verbose_name=_("total budget, EUR")
    )
    budget_funder = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        verbose_name=_("of which from the funder, EUR"),
    )
    planned_beneficiaries = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("planned beneficiaries")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("description"))

    # The project card's facts are the Latvian page's; a publish of the
    # source carries them to translations, which cannot override them.
    override_translatable_fields = [
        SynchronizedField("number", overridable=False),
        *(
            SynchronizedField(name, overridable=False)
            for name in (
                "status",
                "start_date",
                "end_date",
                "funder",
                "budget_total",
                "budget_funder",
                "planned_beneficiaries",
            )
        ),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("funder"), FieldPanel("programme")]),
                FieldRowPanel([FieldPanel("budget_total"), FieldPanel("budget_funder")]),
                FieldPanel("planned_beneficiaries"),
            ],
            heading=_("Project card"),
        ),
        FieldPanel("goal"),
        FieldPanel("target_group"),
        FieldPanel("places"),
        FieldPanel("activities"),
        InlinePanel("project_partners", label=_("Partners")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("goal"),
        index.SearchField("target_group"),
        index.SearchField("activities"),
        index.SearchField("body"),
    ]
    # Under the home page (the main project) or a section such as "Projects".
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types: list[str] = []

    # The home page features one in the footer of every page.
    shown_around_pages = True

    @property
    def listing_summary(self) -> str:
        return self.summary

    class Meta:
        verbose_name = _("project page")
        verbose_name_plural = _("project pages")

    @property
    def funder_info(self) -> Funder | None:
        return FUNDERS.get(self.funder)

    @property
    def acknowledgement(self) -> str:
        funder = self.funder_info
        return funder.statement_for(self.title, self.number) if funder else ""

    def partners(self) -> list["Partner"]:
        """The project's partners in the page's language (the original where a
        partner is not translated), in the editor's order, in two queries."""
        chosen = [link.partner for link in self.project_partners.select_related("partner")]
        translated = {
            partner.translation_key: partner
            for partner in Partner.objects.filter(
                locale_id=self.locale_id,
                translation_key__in=[partner.translation_key for partner in chosen],
            )
        }
        return [translated.get(partner.translation_key, partner) for partner in chosen]


class ProjectPartner(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="project_partners")
    partner = models.ForeignKey(
        "home.Partner", on_delete=models.CASCADE, related_name="+", verbose_name=_("partner")
    )

    panels = [FieldPanel("partner")]


class ResultsPage(SitePage, RoutablePageMixin, Page):
    """What the project promised and what it has achieved, drawn as a chart,
    and offered as open data at ``indicators/csv/`` and ``indicators/json/``
    (Wagtail's page URLs end in a slash and take no dots)."""

    base_form_class = SitePageForm

    intro = RichTextField(features=SIMPLE_TEXT_FEATURES, blank=True, verbose_name=_("introduction"))
    indicators = StreamField(
        [("indicator", IndicatorBlock())],
        blank=True,
        verbose_name=_("indicators"),
        help_text=_(
            "Targets, achieved values and dates are set on the Latvian page: publishing it "
            "updates the translations at once. Translations translate only the labels, units "
            "and source notes."
        ),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("narrative"))

    objects = ListedPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("indicators"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("indicators"),
        index.SearchField("body"),
    ]

    # One per language tree: the home page shows its key figures.
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    @property
    def social_text(self) -> str:
        return self.search_description or strip_tags(self.intro)

    class Meta:
        verbose_name = _("results page")
        verbose_name_plural = _("results pages")

    def indicator_values(self) -> list:
        """The indicators as shown, counted ones with their current figure."""
        return [block.value.current() for block in self.indicators]

    def cache_dependencies(self) -> list[str]:
        """Counted indicators move without a publish (core/live_figures.py)."""
        return [*super().cache_dependencies(), live_figures.TAG]

    def key_figures(self) -> list:
        """The indicators marked for the home page, as shown (only those are counted)."""
        return [block.value.current() for block in self.indicators if block.value.get("key_figure")]

    @path("")
    def results(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("indicators/csv/", name="indicators-csv")
    def indicators_csv(self, request: HttpRequest) -> HttpResponse:
        return open_data.csv_response(self.indicator_values(), filename=f"{self.slug}.csv")

    @path("indicators/json/", name="indicators-json")
    def indicators_json(self, request: HttpRequest) -> HttpResponse:
        return open_data.json_response(
            self.indicator_values(),
            page_url=self.get_full_url(request),
            language=self.locale.language_code,
        )


@register_snippet
class Partner(TranslatableMixin, index.Indexed, models.Model):
    """A partner organisation (a municipal social service, an NGO)."""

    name = models.CharField(max_length=255, verbose_name=_("name"))
    municipality = models.CharField(max_length=255, blank=True, verbose_name=_("municipality"))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    url = models.URLField(blank=True, verbose_name=_("website"))

    panels = [FieldPanel("name"), FieldPanel("municipality"), FieldPanel("logo"), FieldPanel("url")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and social links shown in every page's footer."""

    organisation = models.CharField(max_length=255, blank=True, verbose_name=_("organisation"))
    address = models.CharField(max_length=255, blank=True, verbose_name=_("address"))
    email = models.EmailField(blank=True, verbose_name=_("e-mail"))
    phone = models.CharField(max_length=50, blank=True, verbose_name=_("phone"))
    facebook_url = models.URLField(blank=True, verbose_name="Facebook")
    x_url = models.URLField(blank=True, verbose_name="X")
    linkedin_url = models.URLField(blank=True, verbose_name="LinkedIn")
    draugiem_url = models.URLField(blank=True, verbose_name="Draugiem.lv")
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement"),
        help_text=_("Linked from every footer, in the page's language."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy policy"),
        help_text=_("Linked from every footer and from the subscribe form."),
    )
    easy_read_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("easy-read page"),
        help_text=_("Linked from the header of every page in its language (“Viegli lasīt”)."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("draugiem_url"),
            ],
            heading=_("Social links"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_page"),
                FieldPanel("privacy_page"),
                FieldPanel("easy_read_page"),
            ],
            heading=_("Legal pages"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def social_links(self) -> list[tuple[str, str]]:
        candidates = [
            ("Facebook", self.facebook_url),
            ("X", self.x_url),
            ("LinkedIn", self.linkedin_url),
            ("Draugiem.lv", self.draugiem_url),
        ]
        return [(name, url) for name, url in candidates if url]


class FeedbackFormField(AbstractFormField):
    page = ParentalKey("FeedbackFormPage", on_delete=models.CASCADE, related_name="form_fields")


class FeedbackFormPage(SitePage, AbstractEmailForm):
    """A form visitors write to staff with (feedback on accessibility, a request
    for another format); editors build more such forms from the same page type.

    Messages are stored as Wagtail form submissions, listed in the admin,
    e-mailed to staff from a task and deleted after FEEDBACK_RETENTION_DAYS.
    """

    intro = RichTextField(features=SIMPLE_TEXT_FEATURES, blank=True, verbose_name=_("introduction"))
    thank_you_text = RichTextField(
        features=SIMPLE_TEXT_FEATURES, blank=True, verbose_name=_("thank-you text")
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel("to_address"),
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("subject")]),
            ],
            heading=_("E-mail to staff"),
        ),
    ]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types: list[str] = []

    @property
    def social_text(self) -> str:
        return self.search_description or strip_tags(self.intro)

    class Meta:
        verbose_name = _("form page")
        verbose_name_plural = _("form pages")

    def get_form(self, *args, **kwargs):
        """Wagtail's form plus the page the message is about and a bot trap."""
        form = super().get_form(*args, **kwargs)
        request_page = kwargs.get("initial", {}).get(feedback.ABOUT_FIELD, "")
        form.fields[feedback.ABOUT_FIELD] = forms.CharField(
            required=False,
            max_length=500,
            initial=request_page,
            label=_("The page it is about"),
        )
        form.fields[feedback.HONEYPOT_FIELD] = forms.CharField(
            required=False, label=_("Leave this empty")
        )
        return form

    def process_form_submission(self, form):
        bot = form.cleaned_data.pop(feedback.HONEYPOT_FIELD, "")
        if bot:
            return None  # answered like a real message, stored nowhere
        # Skip EmailFormMixin's synchronous send: the mail goes from a task.
        submission = FormMixin.process_form_submission(self, form)
        if self.to_address:
            from .tasks import notify_staff_of_submission

            transaction.on_commit(lambda: notify_staff_of_submission.delay(submission.pk))
        return submission

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            if feedback.too_many_submissions(client_ip(request) or "unknown"):
                return TemplateResponse(request, "home/feedback_limited.html", status=429)
            form = self.get_form(request.POST, page=self, user=request.user)
            if form.is_valid():
                return self.render_landing_page(request, self.process_form_submission(form))
            context = self.get_context(request)
            context["form"] = form
            return TemplateResponse(request, self.get_template(request), context, status=400)
        about = request.GET.get("about", "")[:500]
        form = self.get_form(page=self, user=request.user, initial={feedback.ABOUT_FIELD: about})
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)
