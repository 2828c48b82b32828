"""Demo events in Latvian and English, from seeds 001, 003 and 000.

Every seed date is in the past, so the events are dated from the day the
loader runs: the monthly training of seed 001 half held and half to come, two
of seed 000's regional seminars held and the third upcoming, taking
registrations (demo/registrations.py fills their lists).
"""

import datetime
from zoneinfo import ZoneInfo

from wagtail.models import Locale

from blog.models import EventIndexPage, EventPage
from home.models import HomePage

from .news import build_categories
from .tree import ensure_child, ensure_translation, redirect_latvian_slug

RIGA = ZoneInfo("Europe/Riga")

EVENTS_INDEX = {
    "lv": {
        "title": "Pasākumi",
        "slug": "pasakumi",
        "intro": "<p>Apmācības, supervīzijas, semināri un atbalsta grupas.</p>",
    },
    "en": {
        "title": "Events",
        "slug": "events",
        "intro": "<p>Trainings, supervisions, seminars and support groups.</p>",
    },
}


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=RIGA)


def next_weekday(today: datetime.date, weekday: int) -> datetime.date:
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 or 7)


def next_date(today: datetime.date, month: int, day: int) -> datetime.date:
    candidate = datetime.date(today.year, month, day)
    return candidate if candidate > today else datetime.date(today.year + 1, month, day)


# Seed 001: six monthly two-day sessions, 88-100 academic hours in all.
TRAINING_SESSIONS = 6
TRAINING_HOURS_PER_SESSION = 16
TRAINING_SEATS = 28  # 28 social workers from 16 municipalities
# Seed 000: three regional seminars "for 100 people"; two held, one to come.
SEMINAR_SEATS = 100
SEMINAR_HOURS = 5  # 11.00-15.00 with a break: five academic hours of 45 minutes
SEMINAR_DAYS_FROM_TODAY = (-56, -28, 21)


def event_specs(today: datetime.date) -> list[dict]:
    supervision_day = next_date(today, 12, 15)
    first_friday = next_weekday(today, 4)
    parents_day = next_weekday(today, 2) + datetime.timedelta(days=7)
    # A Thursday about three months ago: half the sessions held, half to come.
    training_day = next_weekday(today - datetime.timedelta(days=100), 3)
    seminar_days = [today + datetime.timedelta(days=days) for days in SEMINAR_DAYS_FROM_TODAY]
    return [
        {
            "slug": "apmacibas-vardarbibas-metodika",
            "category": "apmacibas",
            "start": at(training_day, 10),
            "end": at(training_day + datetime.timedelta(days=1), 16),
            "recurrence": "monthly",
            "repeat_count": TRAINING_SESSIONS,
            "registration_open": True,
            "capacity": TRAINING_SEATS,
            "academic_hours": TRAINING_HOURS_PER_SESSION,
            "venue": "Nodibinājums „Centrs Dardedze”",
            "address": "Cieceres iela 3a, Rīga",
            "organiser": "Labklājības ministrija",
            "lv": {
                "title": "Apmācības: metodika darbam ar vardarbībā cietušām un vardarbību veikušām personām",
                "lead": "Divu dienu klātienes apmācības reizi mēnesī pilotprojekta dalībniekiem – 28 sociālajiem darbiniekiem no 16 pašvaldībām.",
            },
            "en": {
                "slug": "training-a-method-for-work-with-violence",
                "title": "Training: a method for work with victims and perpetrators of violence",
                "lead": "Two-day training once a month for the pilot’s participants – 28 social workers from 16 municipalities.",
            },
        },
        {
            "slug": "supervizija-gimenu-grupu-konference",
            "category": "supervizijas",
            "start": at(supervision_day, 10),
            "end": at(supervision_day, 14),
            "venue": "Bauskas novada Sociālais dienests",
            "address": "Bauska",
            "organiser": "Latvijas SOS Bērnu ciematu asociācija",
            "lv": {
                "title": "Supervīzija: Ģimeņu grupu konference",
                "lead": "Supervīzija speciālistiem, kuri apguva Ģimeņu grupu konferences metodi. Vada metodes eksperte Irina Hanasjuka.",
            },
            "en": {
                "slug": "supervision-family-group-conference",
                "title": "Supervision: Family Group Conference",
                "lead": "Supervision for the specialists who learned the Family Group Conference method, led by the method’s expert Irina Hanasjuk.",
            },
        },
        {
            "slug": "atbalsta-grupa-sievietem",
            "start": at(first_friday, 17),
            "end": at(first_friday, 18, 30),
            "recurrence": "weekly",
            "repeat_until": first_friday + datetime.timedelta(weeks=26),
            "venue": "Bauskas novada Sociālais dienests",
            "address": "Bauska",
            "organiser": "Latvijas SOS Bērnu ciematu asociācija",
            "lv": {
                "title": "Atbalsta grupa sievietēm",
                "lead": "Atbalsta grupa sievietēm, kuras cietušas no vardarbības ģimenē. Katru piektdienu.",
            },
            "en": {
                "slug": "support-group-for-women",
                "title": "Support group for women",
                "lead": "A support group for women who have suffered domestic violence. Every Friday.",
            },
        },
        {
            "slug": "atbalsta-grupa-vecakiem-valmiera",
            "start": at(parents_day, 18),
            "end": at(parents_day, 19, 30),
            "recurrence": "monthly",
            "repeat_count": 10,
            "venue": "Valmieras SOS ģimeņu atbalsta centrs",
            "address": "Valmiera",
            "online_url": "https://meet.example.org/vecaku-grupa",
            "organiser": "Latvijas SOS Bērnu ciematu asociācija",
            "lv": {
                "title": "Atbalsta grupa vecākiem, kuri audzina bērnus ar invaliditāti",
                "lead": "Reizi mēnesī Valmierā un tiešsaistē.",
            },
            "en": {
                "slug": "support-group-for-parents-valmiera",
                "title": "Support group for parents of children with disabilities",
                "lead": "Once a month in Valmiera and online.",
            },
        },
    ] + [
        {
            "slug": f"regionalais-seminars-{place_slug}",
            "category": "seminari",
            "start": at(day, 11),
            "end": at(day, 15),
            "registration_open": True,
            "capacity": SEMINAR_SEATS,
            "academic_hours": SEMINAR_HOURS,
            "venue": venue,
            "address": address,
            "organiser": "Nodibinājums „C Modulis”",
            "lv": {
                "title": f"Reģionālais seminārs: projekta rezultāti ({lv_place})",
                "lead": "Sistēmiskā psihosociālā pieeja un metodoloģijas rokasgrāmata sociālo pakalpojumu speciālistiem.",
            },
            "en": {
                "slug": f"regional-seminar-{place_slug}",
                "title": f"Regional seminar: the project’s results ({en_place})",
                "lead": "The systemic psychosocial approach and the methodology handbook, for social service professionals.",
            },
        }
        for place_slug, lv_place, en_place, venue, address, day in [
            (
                "kuldiga",
                "Kuldīga",
                "Kuldīga",
                "Kuldīgas novada Sociālais dienests",
                "Kuldīga",
                seminar_days[0],
            ),
            (
                "tukums",
                "Tukums",
                "Tukums",
                "Tukuma novada Sociālais dienests",
                "Tukums",
                seminar_days[1],
            ),
            (
                "riga",
                "Rīga",
                "Riga",
                "Rīgas Stradiņa universitāte",
                "Rīga",
                seminar_days[2],
            ),
        ]
    ]


def build_events(home: HomePage, today: datetime.date | None = None) -> EventIndexPage:
    """The events index in both languages with the demo events."""
    today = today or datetime.datetime.now(RIGA).date()
    english = Locale.objects.get(language_code="en")
    index = ensure_child(home, EventIndexPage, {**EVENTS_INDEX["lv"], "show_in_menus": True})
    ensure_translation(index, english, EVENTS_INDEX["en"])
    categories = build_categories()
    for spec in event_specs(today):
        texts = {"lv": spec.pop("lv"), "en": spec.pop("en")}
        chosen = [categories[spec.pop("category")]] if "category" in spec else []
        event = ensure_child(index, EventPage, {**spec, **texts["lv"], "categories": chosen})
        translation = ensure_translation(
            event,
            english,
            texts["en"],
            # Each language keeps its own categories (see EventPage.categories).
            before_publish=lambda page, chosen=chosen: page.categories.set(
                [category.get_translation(english) for category in chosen]
            ),
        )
        redirect_latvian_slug(event, translation)
    return index
