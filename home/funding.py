"""Funding acknowledgements: what each funder requires a project page to show.

A ProjectPage names its funder by key; the key picks the emblem, the
statement written beside it and the links (COMPLIANCE.md sections 1-2).
Logos are drawn locally as SVG in static/img/funders/.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Funder:
    """A funding programme and the acknowledgement it asks of its projects."""

    key: str
    name: str
    logo: str
    logo_alt: str
    # Formatted with the project's title and number.
    statement: str
    links: list[tuple[str, str]] = field(default_factory=list)

    def statement_for(self, title: str, number: str) -> str:
        return str(self.statement) % {"title": title, "number": number}


FUNDERS: dict[str, Funder] = {
    funder.key: funder
    for funder in [
        Funder(
            key="eea_ngo_2009_2014",
            name=_("EEA Grants: NGO Programme (2009-2014)"),
            logo="img/funders/eea-grants.svg",
            logo_alt=_("EEA Grants logo"),
            statement=_(
                "The project “%(title)s”, No. %(number)s, is financially supported by "
                "Iceland, Liechtenstein and Norway. EEA Grants: NGO Programme."
            ),
            links=[
                (_("EEA Grants"), "https://eeagrants.org/"),
                (_("Society Integration Foundation"), "https://www.sif.gov.lv/"),
            ],
        ),
        Funder(
            key="esf_plus_2021_2027",
            name=_("European Social Fund Plus (2021-2027)"),
            logo="img/funders/eu-emblem.svg",
            logo_alt=_("Emblem of the European Union"),
            statement=pgettext_lazy("EU funding statement", "Co-funded by the European Union"),
            links=[(_("EU funds in Latvia"), "https://www.esfondi.lv/")],
        ),
        Funder(
            key="esf_2014_2020",
            name=_("European Social Fund (2014-2020)"),
            logo="img/funders/eu-emblem.svg",
            logo_alt=_("Emblem of the European Union"),
            statement=_("European Union. European Social Fund. Investing in your future."),
            links=[(_("EU funds in Latvia"), "https://www.esfondi.lv/")],
        ),
    ]
}

FUNDER_CHOICES = [(funder.key, funder.name) for funder in FUNDERS.values()]
