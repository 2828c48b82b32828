"""The demo results page: the main project's indicators, planned and achieved."""

import datetime
from decimal import Decimal

from blog.models import BlogCategory
from core import live_figures
from home.models import HomePage, ResultsPage

from .tree import ensure_child, ensure_translation, locales

AS_OF = datetime.date(2015, 3, 1)
# (label lv, unit lv, label en, unit en, target, achieved, key figure)
INDICATORS = [
    (
        "Apmācīti sociālie darbinieki",
        "sociālie darbinieki",
        "Social workers trained",
        "social workers",
        14,
        12,
        True,
    ),
    (
        "Ģimenes, kas saņem jauno pakalpojumu",
        "ģimenes",
        "Families receiving the new service",
        "families",
        48,
        41,
        True,
    ),
    (
        "Izdota metodoloģijas rokasgrāmata",
        "eksemplāri",
        "Methodology handbook printed",
        "copies",
        200,
        200,
        False,
    ),
    (
        "Reģionālie prezentācijas semināri",
        "semināri",
        "Regional presentation seminars",
        "seminars",
        3,
        2,
        False,
    ),
    ("Semināru dalībnieki", "cilvēki", "Seminar participants", "people", 100, 71, True),
    (
        "E-apkārtraksta saņēmēji",
        "pakalpojumu sniedzēji",
        "E-bulletin recipients",
        "service providers",
        80,
        80,
        True,
    ),
    (
        "Partneru organizācijas, kas izmanto aprobēto praksi",
        "organizācijas",
        "Partner organisations using the tested practice",
        "organisations",
        7,
        7,
        False,
    ),
]

RESULTS = {
    "lv": {
        "title": "Rezultāti",
        "slug": "rezultati",
        "intro": "<p>Projekta „Cilvēks: izmaiņu veicinātājs!” plānotie rezultāti un paveiktais.</p>",
        "source": "Mērķis: projekta apraksts; sasniegtais: demonstrācijas dati",
        "narrative": "Sistēmiskā psihosociālā pieeja ir aprobēta septiņos sociālajos dienestos. Rokasgrāmata ir pieejama sadaļā „Dokumenti”.",
    },
    "en": {
        "title": "Results",
        "slug": "results",
        "intro": "<p>What the project “Human: an Agent of Change!” planned, and what it has achieved.</p>",
        "source": "Target: project description; achieved: demonstration data",
        "narrative": "The systemic psychosocial approach has been tested in seven social services. The handbook is available under “Documents”.",
    },
}


# Counted by the site from the seminars' attendance (registrations/results.py):
# the people present at events of the category "Semināri".
COUNTED = {"Semināru dalībnieki": ("attendance", "seminari")}


def counted_from(lv_label: str) -> str:
    """The indicator's binding (core/live_figures.py), or "" for a typed figure."""
    if lv_label not in COUNTED:
        return ""
    kind, slug = COUNTED[lv_label]
    category = BlogCategory.objects.get(locale__language_code="lv", slug=slug)
    return live_figures.binding(kind, str(category.translation_key))


def indicator_blocks(language: str) -> list[tuple[str, dict]]:
    texts = RESULTS[language]
    blocks = []
    for lv_label, lv_unit, en_label, en_unit, target, achieved, key in INDICATORS:
        label, unit = (lv_label, lv_unit) if language == "lv" else (en_label, en_unit)
        blocks.append(
            (
                "indicator",
                {
                    "label": label,
                    "unit": unit,
                    "target": Decimal(target),
                    "achieved": Decimal(achieved),
                    "as_of": AS_OF,
                    "counted_from": counted_from(lv_label),
                    "source": texts["source"],
                    "key_figure": key,
                },
            )
        )
    return blocks


# The seven regional partners of the seed 000 project: (Latvian, English).


def build_results(home: HomePage) -> None:
    _, english = locales()
    fields = {
        language: {
            "title": RESULTS[language]["title"],
            "slug": RESULTS[language]["slug"],
            "intro": RESULTS[language]["intro"],
            "indicators": indicator_blocks(language),
            "body": [("paragraph", f"<p>{RESULTS[language]['narrative']}</p>")],
        }
        for language in ("lv", "en")
    }
    results = ensure_child(home, ResultsPage, {**fields["lv"], "show_in_menus": True})
    ensure_translation(results, english, fields["en"])
