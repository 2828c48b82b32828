import datetime
import re
from decimal import Decimal

import pytest
from django.utils import translation

from core.templatetags.number_formats import file_size
from home.models import ResultsPage
from tests.support.factories import latvian_home


def indicator(label: str, target: int, achieved: int, key: bool = False) -> tuple[str, dict]:
    return (
        "indicator",
        {
            "label": label,
            "unit": "ģimenes",
            "target": Decimal(target),
            "achieved": Decimal(achieved),
            "as_of": datetime.date(2015, 3, 1),
            "source": "",
            "key_figure": key,
        },
    )


@pytest.fixture
def results(home):
    page = ResultsPage(
        title="Rezultāti",
        slug="rezultati",
        indicators=[
            indicator("Apmācīti sociālie darbinieki", 14, 12, key=True),
            indicator("Pārsniegts mērķis", 10, 15),
        ],
    )
    latvian_home().add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
class TestResults:
    def test_chart_is_a_table_with_bars_hidden_from_screen_readers(self, client, results):
        html = client.get(results.url).content.decode()
        row = re.search(
            r"<tr>\s*<th scope=\"row\">Apmācīti sociālie darbinieki.*?</tr>", html, re.S
        ).group(0)
        assert "12 ģimenes" in row and "14 ģimenes" in row and "86&nbsp;%" in row
        assert '<svg class="bar"' in row and 'aria-hidden="true"' in row
        assert '<rect width="86" height="12" class="bar-fill"/>' in row

    def test_bar_never_overflows_when_the_target_is_exceeded(self, results):
        shares = [value.share() for value in results.indicator_values()]
        assert shares == [86, 100]

    def test_home_page_shows_key_figures_and_follows_a_publish(self, client, results):
        html = client.get("/lv/").content.decode()
        assert "<strong>12</strong> <span>Apmācīti sociālie darbinieki</span>" in html
        assert "Pārsniegts mērķis" not in html

        results.indicators = [indicator("Apmācīti sociālie darbinieki", 14, 13, key=True)]
        results.save_revision().publish()
        assert "<strong>13</strong>" in client.get("/lv/").content.decode()

    def test_demo_results_exist_in_both_languages_with_the_same_numbers(self, demo):
        latvian = ResultsPage.objects.get(locale__language_code="lv")
        english = ResultsPage.objects.get(locale__language_code="en")
        numbers = lambda page: [(v["target"], v["achieved"]) for v in page.indicator_values()]  # noqa: E731
        assert numbers(latvian) == numbers(english)
        assert (Decimal(14), Decimal(12)) in numbers(latvian)
        assert [v["label"] for v in english.indicator_values()][0] == "Social workers trained"


@pytest.mark.django_db
def test_documents_are_listed_with_type_and_size_and_download(client, demo):
    html = client.get("/lv/dokumenti/").content.decode()
    link = re.search(r'<a href="(/documents/\d+/[^"]+\.pdf)">', html).group(1)
    assert re.search(r"\(PDF, \d+,\d\xa0KB\)", html)
    response = client.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_file_sizes_in_latvian():
    with translation.override("lv"):
        assert file_size(335) == "335\xa0B"
        assert file_size(151288) == "147,7\xa0KB"
        assert file_size(3 * 1024 * 1024) == "3,0\xa0MB"
