"""Demo e-bulletin: the default list with 80 sample service providers and one
issue in Latvian and English, not yet sent."""

from django.conf import settings
from wagtail.models import Locale

from home.models import HomePage
from newsletter import status
from newsletter.models import (
    ConsentRecord,
    MailingList,
    NewsletterIndexPage,
    NewsletterIssuePage,
    Organisation,
    Subscriber,
)

from .tree import ensure_child, ensure_translation, redirect_latvian_slug

MUNICIPALITIES = [
    "Rīgas",
    "Daugavpils",
    "Jelgavas",
    "Jēkabpils",
    "Jūrmalas",
    "Liepājas",
    "Rēzeknes",
    "Valmieras",
    "Ventspils",
    "Aizkraukles",
    "Alūksnes",
    "Augšdaugavas",
    "Ādažu",
    "Balvu",
    "Bauskas",
    "Cēsu",
    "Dienvidkurzemes",
    "Dobeles",
    "Gulbenes",
    "Krāslavas",
    "Kuldīgas",
    "Ķekavas",
    "Limbažu",
    "Līvānu",
    "Ludzas",
    "Madonas",
    "Mārupes",
    "Ogres",
    "Olaines",
    "Preiļu",
    "Ropažu",
    "Salaspils",
    "Saldus",
    "Saulkrastu",
    "Siguldas",
    "Smiltenes",
    "Talsu",
    "Tukuma",
    "Valkas",
    "Varakļānu",
]
CITIES = set(MUNICIPALITIES[:9])
KINDS = ["sociālais dienests", "sociālās aprūpes centrs"]

ARCHIVE = {
    "lv": {"title": "E-apkārtraksts", "slug": "e-apkartraksts"},
    "en": {"title": "E-bulletin", "slug": "e-bulletin"},
}


def issue_fields(language: str, results_url: str) -> dict:
    if language == "lv":
        return {
            "title": "E-apkārtraksts Nr. 1",
            "slug": "e-apkartraksts-nr-1",
            "subject": "Projekta jaunumi: apmācības, supervīzijas un semināri",
            "body": [
                (
                    "paragraph",
                    "<p>Labdien! Šajā numurā – jaunākās ziņas no projekta un tuvākie pasākumi.</p>",
                ),
                ("latest_news", {"heading": "Jaunākās ziņas"}),
                ("upcoming_events", {"heading": "Gaidāmie pasākumi", "count": 4}),
                ("call_to_action", {"text": "Projekta rezultāti", "url": results_url}),
            ],
        }
    return {
        "title": "E-bulletin No. 1",
        "slug": "e-bulletin-no-1",
        "subject": "Project news: trainings, supervision and seminars",
        "body": [
            (
                "paragraph",
                "<p>Hello! In this issue: the latest news from the project and the coming events.</p>",
            ),
            ("latest_news", {"heading": "Latest news"}),
            ("upcoming_events", {"heading": "Upcoming events", "count": 4}),
            ("call_to_action", {"text": "The project's results", "url": results_url}),
        ],
    }


DEMO_CONSENT = status.Consent(
    source=ConsentRecord.Source.IMPORT,
    legal_basis=ConsentRecord.LegalBasis.LEGITIMATE_INTEREST,
    wording="Demonstrācijas dati: izdomāta partneru kontaktpersona. / Demo data: a made-up contact.",
    wording_version="demo-1",
)


def build_subscribers() -> None:
    """80 confirmed sample providers, one contact each, about a fifth reading English."""
    default = MailingList.default()
    number = 0
    for kind in KINDS:
        for municipality in MUNICIPALITIES:
            number += 1
            is_city = municipality in CITIES
            organisation, _ = Organisation.objects.get_or_create(
                name=f"{municipality}{'' if is_city else ' novada'} {kind}",
                defaults={"municipality": municipality if is_city else f"{municipality} novads"},
            )
            email = f"partneris{number:02d}@example.org"
            if Subscriber.objects.filter(email=email).exists():
                continue
            # As a partner list is imported: confirmed, with its consent record.
            status.add(
                email,
                name=f"Kontaktpersona {number}",
                language="en" if number % 5 == 0 else "lv",
                organisation=organisation,
                lists=[default],
                confirmed=True,
                consent=DEMO_CONSENT,
            )


def build_newsletter(home: HomePage) -> None:
    english = Locale.objects.get(language_code="en")
    archive = ensure_child(home, NewsletterIndexPage, ARCHIVE["lv"])
    ensure_translation(archive, english, ARCHIVE["en"])
    results = settings.SITE_URL + "/lv/rezultati/"
    issue = ensure_child(archive, NewsletterIssuePage, issue_fields("lv", results))
    translation = ensure_translation(
        issue, english, issue_fields("en", settings.SITE_URL + "/en/results/")
    )
    redirect_latvian_slug(issue, translation)
    build_subscribers()
