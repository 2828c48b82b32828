"""Factories for pages and snippets: build what a test needs, nothing more."""

import factory
from django.utils.text import slugify
from wagtail.models import Locale, Page

from home.models import ContentPage, HomePage, Partner, ProjectPage


def latvian_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="lv")


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a published page under `parent` (the Latvian home page by default)."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Lapa {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))

    @classmethod
    def _create(cls, model_class, *args, parent: Page | None = None, **kwargs):
        page = model_class(*args, **kwargs)
        (parent or latvian_home()).add_child(instance=page)
        page.save_revision().publish()
        return page


class ContentPageFactory(PageFactory):
    class Meta:
        model = ContentPage

    lead = "Ievads par ģimeņu atbalstu."


class ProjectPageFactory(PageFactory):
    class Meta:
        model = ProjectPage

    title = factory.Sequence(lambda n: f"Projekts {n}")
    number = factory.Sequence(lambda n: f"2024/{n}")
    funder = "esf_plus_2021_2027"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Sociālais dienests {n}")
    municipality = "Cēsu novads"
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="lv"))
