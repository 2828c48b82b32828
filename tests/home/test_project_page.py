from decimal import Decimal

import pytest
from django.utils import translation
from wagtail.models import Locale

from core.templatetags.number_formats import grouped, money
from tests.support.factories import PartnerFactory, ProjectPageFactory


@pytest.mark.django_db
class TestAcknowledgement:
    def test_eea_project_names_itself_and_the_donor_states(self, home):
        project = ProjectPageFactory(
            title="Cilvēks: izmaiņu veicinātājs!",
            number="2012.EEZ/PP/1/MEC/132",
            funder="eea_ngo_2009_2014",
        )
        with translation.override("lv"):
            assert project.acknowledgement == (
                "Projektu „Cilvēks: izmaiņu veicinātājs!”, Nr. 2012.EEZ/PP/1/MEC/132, "
                "finansiāli atbalsta Islande, Lihtenšteina un Norvēģija. "
                "EEA grantu shēma: NVO projektu programma."
            )
        with translation.override("en"):
            assert project.acknowledgement.startswith("The project “Cilvēks")
            assert "Iceland, Liechtenstein and Norway. EEA Grants: NGO Programme." in (
                project.acknowledgement
            )

    def test_esf_plus_project_shows_the_eu_statement(self, home):
        project = ProjectPageFactory(funder="esf_plus_2021_2027")
        with translation.override("lv"):
            assert project.acknowledgement == "Līdzfinansē Eiropas Savienība"
        assert project.funder_info.logo == "img/funders/eu-emblem.svg"

    def test_page_shows_the_funder_logo_above_the_project_card(self, client, home):
        project = ProjectPageFactory(funder="eea_ngo_2009_2014", number="X/1")
        html = client.get(project.url).content.decode()
        logo = html.index('src="/static/img/funders/eea-grants.svg"')
        assert logo < html.index('class="project-card"')
        assert "https://eeagrants.org/" in html


@pytest.mark.django_db
def test_partners_are_listed_in_the_page_language(home):
    english = Locale.objects.get(language_code="en")
    partner = PartnerFactory(name="Tukuma novada sociālais dienests")
    translated = partner.copy_for_translation(english)
    translated.name = "Tukums Municipality Social Service"
    translated.save()
    untranslated = PartnerFactory(name="Rojas novada sociālais dienests")
    project = ProjectPageFactory()
    project.project_partners.create(partner=partner, sort_order=0)
    project.project_partners.create(partner=untranslated, sort_order=1)
    english_project = project.copy_for_translation(english, copy_parents=True)

    assert [p.name for p in project.partners()] == [
        "Tukuma novada sociālais dienests",
        "Rojas novada sociālais dienests",
    ]
    # An untranslated partner keeps its own name rather than disappearing.
    assert [p.name for p in english_project.partners()] == [
        "Tukums Municipality Social Service",
        "Rojas novada sociālais dienests",
    ]


class TestLatvianFormats:
    def test_money_in_latvian_puts_the_currency_after_grouped_digits(self):
        with translation.override("lv"):
            assert money(Decimal("12470000")) == "12\xa0470\xa0000\xa0EUR"
            assert money(Decimal("10.5")) == "10,50\xa0EUR"

    def test_money_in_english(self):
        with translation.override("en"):
            assert money(Decimal("12470000")) == "EUR\xa012,470,000"

    def test_grouped_number(self):
        with translation.override("lv"):
            assert grouped(3099) == "3\xa0099"

    def test_short_date_and_time_have_dots(self):
        import datetime

        from django.utils import formats

        with translation.override("lv"):
            day = datetime.date(2014, 12, 6)
            assert formats.date_format(day, "SHORT_DATE_FORMAT") == "06.12.2014."
            assert formats.date_format(day, "DATE_FORMAT") == "2014. gada 6. decembris"
            assert formats.time_format(datetime.time(9, 5)) == "09.05"
