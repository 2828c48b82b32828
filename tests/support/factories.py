"""Factories for pages and snippets: build what a test needs, nothing more."""

import datetime

import factory
from django.contrib.auth.models import Group, User
from django.utils.text import slugify
from wagtail.models import Locale, Page

from blog.models import BlogCategory, BlogIndexPage, BlogPage, EventIndexPage, EventPage
from home.models import ContentPage, HomePage, Partner, ProjectPage
from newsletter.models import (
    MailingList,
    NewsletterIndexPage,
    NewsletterIssuePage,
    Organisation,
    Subscriber,
)
from registrations.models import Registration


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


class BlogIndexPageFactory(PageFactory):
    class Meta:
        model = BlogIndexPage

    title = "Jaunumi"


class BlogPageFactory(PageFactory):
    """A news post; pass parent=<BlogIndexPage>."""

    class Meta:
        model = BlogPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Ziņa par ģimeņu atbalstu {n}")
    lead = "Īsumā par notikušo."
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))

    @factory.post_generation
    def categories(page, create, extracted, **kwargs):
        if extracted:
            page.categories = extracted
            page.save_revision().publish()


class BlogCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlogCategory

    name = factory.Sequence(lambda n: f"Kategorija {n}")
    slug = factory.Sequence(lambda n: f"kategorija-{n}")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="lv"))


class EventIndexPageFactory(PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Pasākumi"


class EventPageFactory(PageFactory):
    """An event; pass parent=<EventIndexPage>, start and end."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Pasākums {n}")
    venue = "Bauskas novada Sociālais dienests"
    address = "Bauska"
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A seated registrant; pass event=<the Latvian EventPage>."""

    class Meta:
        model = Registration

    name = factory.Sequence(lambda n: f"Dalībniece {n}")
    email = factory.Sequence(lambda n: f"dalibniece{n}@example.lv")
    email_key = factory.LazyAttribute(lambda registration: registration.email.lower())
    organisation = "Bauskas novada Sociālais dienests"
    language = "lv"
    status = Registration.Status.CONFIRMED


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Sociālais dienests {n}")
    municipality = "Rīga"


class MailingListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MailingList

    name = factory.Sequence(lambda n: f"Saraksts {n}")
    slug = factory.Sequence(lambda n: f"saraksts-{n}")


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed Latvian reader; pass `lists=[...]` to put them on lists."""

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"lasitajs{n}@example.org")
    name = factory.Sequence(lambda n: f"Lasītājs {n}")
    status = Subscriber.Status.CONFIRMED
    language = "lv"

    @factory.post_generation
    def lists(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.lists.set(extracted)


class NewsletterIndexPageFactory(PageFactory):
    class Meta:
        model = NewsletterIndexPage

    title = "E-apkārtraksts"


class NewsletterIssuePageFactory(PageFactory):
    """An issue; pass parent=<NewsletterIndexPage>."""

    class Meta:
        model = NewsletterIssuePage

    title = factory.Sequence(lambda n: f"E-apkārtraksts Nr. {n}")
    subject = factory.LazyAttribute(lambda issue: issue.title)


class UserFactory(factory.django.DjangoModelFactory):
    """A staff member; pass groups=["Redaktori"] (group names) to put them in groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"darbinieks{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("parole-123")

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.set(Group.objects.filter(name__in=extracted))


def add_subscribers(count: int) -> None:
    """`count` confirmed Latvian readers on the default list (liels00000@… onwards),
    made in bulk: the sends under load and under faults need thousands."""
    default = MailingList.default()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"liels{n:05d}@example.org", status="confirmed", language="lv")
        for n in range(count)
    )
    default.subscribers.add(*Subscriber.objects.filter(email__startswith="liels"))
