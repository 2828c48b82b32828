"""The results page's indicators as open data: CSV for spreadsheets, JSON for programs.

Both carry the same columns; figures are plain numbers with a decimal point
(machine formats, not the Latvian decimal comma), dates in ISO 8601.
"""

import csv
import io
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.http import HttpResponse

COLUMNS = ("label", "unit", "target", "achieved", "as_of", "source")


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def rows(indicators: Iterable[Mapping]) -> list[dict]:
    """One dict per indicator with the open-data columns."""
    return [
        {
            "label": indicator.get("label", ""),
            "unit": indicator.get("unit", ""),
            "target": _number(indicator.get("target")),
            "achieved": _number(indicator.get("achieved")),
            "as_of": indicator["as_of"].isoformat() if indicator.get("as_of") else None,
            "source": indicator.get("source", ""),
        }
        for indicator in indicators
    ]


def csv_response(indicators: Iterable[Mapping], filename: str) -> HttpResponse:
    """UTF-8 with a byte-order mark, so Excel shows the Latvian letters right."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows(indicators))
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(indicators: Iterable[Mapping], page_url: str, language: str) -> HttpResponse:
    data = {"page": page_url, "language": language, "indicators": rows(indicators)}
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
