"""Demo registrations and attendance, so every staff screen has something to show.

The two regional seminars already held have their lists and who was present
(the results page counts "Semināru dalībnieki" from these marks); the one to
come is taking registrations; the monthly training is full, with people
waiting, and its sessions so far are marked. Names carry Latvian letters,
organisations are the demo's partner social services. Marks go through
registrations.attendance.mark like the staff's check-in screen; no e-mail is
sent. An event that has any registration is left alone, so loading twice
adds nothing.
"""

import datetime
import itertools
import random

from django.utils import timezone
from django.utils.text import slugify

from blog.calendar import RIGA
from blog.models import EventIndexPage, EventPage
from registrations import attendance
from registrations.models import Registration

from .site import PARTNERS

FIRST_NAMES = [
    ("Anna", "f"),
    ("Jānis", "m"),
    ("Līga", "f"),
    ("Mārtiņš", "m"),
    ("Ilze", "f"),
    ("Kārlis", "m"),
    ("Inese", "f"),
    ("Andris", "m"),
    ("Dace", "f"),
    ("Edgars", "m"),
    ("Ieva", "f"),
    ("Rūta", "f"),
    ("Kristīne", "f"),
    ("Gunta", "f"),
    ("Elīna", "f"),
    ("Zane", "f"),
    ("Māra", "f"),
    ("Baiba", "f"),
]
# (feminine, masculine)
SURNAMES = [
    ("Bērziņa", "Bērziņš"),
    ("Kalniņa", "Kalniņš"),
    ("Ozoliņa", "Ozoliņš"),
    ("Liepiņa", "Liepiņš"),
    ("Krūmiņa", "Krūmiņš"),
    ("Zariņa", "Zariņš"),
    ("Kļaviņa", "Kļaviņš"),
    ("Vītola", "Vītols"),
    ("Siliņa", "Siliņš"),
    ("Ābele", "Ābele"),
    ("Grīnberga", "Grīnbergs"),
    ("Eglīte", "Eglītis"),
]
NEEDS = {
    3: "Pārvietojos ratiņkrēslā – lūdzu telpu bez pakāpieniem.",
    8: "Veģetārs ēdiens.",
}


POOL_SIZE = 72
POOL_SEED = 14  # a fixed shuffle: the same people on every load


def people(count: int, offset: int = 0) -> list[tuple[str, str, str]]:
    """(name, e-mail, organisation) of `count` people from a fixed pool, from `offset`."""
    pairs = random.Random(POOL_SEED).sample(
        list(itertools.product(FIRST_NAMES, SURNAMES)), POOL_SIZE
    )
    pool = []
    for index, ((first, gender), surname) in enumerate(pairs):
        family = surname[0] if gender == "f" else surname[1]
        email = f"{slugify(first)}.{slugify(family)}@example.lv"
        organisation = PARTNERS[index % len(PARTNERS)][0][0]
        pool.append((f"{first} {family}", email, organisation))
    return pool[offset : offset + count]


# slug: (seated, waiting, cancelled, offset in the pool, absent every nth)
PLANS = {
    "regionalais-seminars-kuldiga": (22, 0, 1, 0, 6),
    "regionalais-seminars-tukums": (25, 0, 0, 14, 5),
    "regionalais-seminars-riga": (12, 0, 1, 5, 0),
    "apmacibas-vardarbibas-metodika": (28, 3, 0, 0, 9),
}


def _registrations(event: EventPage, plan: tuple[int, int, int, int, int]) -> list[Registration]:
    seated, waiting, cancelled, offset, _ = plan
    first_session = min(event.start, timezone.now())
    statuses = (
        [Registration.Status.CONFIRMED] * seated
        + [Registration.Status.WAITLISTED] * waiting
        + [Registration.Status.CANCELLED] * cancelled
    )
    registrations = []
    for index, ((name, email, organisation), status) in enumerate(
        zip(people(len(statuses), offset), statuses, strict=True)
    ):
        registrations.append(
            Registration(
                event=event,
                name=name,
                email=email,
                email_key=email,
                organisation=organisation,
                needs=NEEDS.get(index, ""),
                # Every fifth signed up on the English page.
                language="en" if index % 5 == 4 else "lv",
                status=status,
                registered_at=first_session - datetime.timedelta(days=20, hours=-3 * index),
            )
        )
    return Registration.objects.bulk_create(registrations)


def _mark_present(event: EventPage, registrations: list[Registration], absent_every: int) -> None:
    """Everyone seated was present at each session held, but a few each time."""
    today = timezone.now().astimezone(RIGA).date()
    seated = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    for number, session in enumerate(attendance.sessions(event)):
        if session >= today:
            break
        for index, registration in enumerate(seated):
            if absent_every and (index + number) % absent_every == 0:
                continue
            attendance.mark(registration, session)


def build_registrations(events: EventIndexPage) -> None:
    """The lists of the seminars and the training, unless they have any already."""
    for slug, plan in PLANS.items():
        event = EventPage.objects.child_of(events).filter(slug=slug).first()
        if event is None or event.registrations.exists():
            continue
        _mark_present(event, _registrations(event, plan), plan[4])
