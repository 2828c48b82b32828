"""The results page offers its indicators as open data, CSV and JSON (SPEC 9)."""

import csv
import io
import json

from home.models import ResultsPage


def results_page(language: str) -> ResultsPage:
    return ResultsPage.objects.live().get(locale__language_code=language)


def test_results_page_links_its_downloads(client, demo):
    page = results_page("lv")
    html = client.get(page.url).content.decode()
    assert f'href="{page.url}indicators/csv/"' in html
    assert f'href="{page.url}indicators/json/"' in html


def test_csv_holds_every_indicator_with_its_figures(client, demo):
    page = results_page("lv")
    response = client.get(f"{page.url}indicators/csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["label", "unit", "target", "achieved", "as_of", "source"]
    expected = page.indicator_values()
    assert len(rows) == len(expected) > 0
    for row, value in zip(rows, expected, strict=True):
        assert row["label"] == value["label"]
        assert float(row["target"]) == float(value["target"])
        assert float(row["achieved"]) == float(value["achieved"])
        assert row["as_of"] == value["as_of"].isoformat()


def test_json_holds_the_same_in_english(client, demo):
    page = results_page("en")
    response = client.get(f"{page.url}indicators/json/")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["language"] == "en"
    assert data["page"].endswith(page.url)
    first = page.indicator_values()[0]
    assert data["indicators"][0]["label"] == first["label"]
    assert data["indicators"][0]["achieved"] == float(first["achieved"])
    assert isinstance(data["indicators"][0]["target"], int | float)
