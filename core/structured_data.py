"""schema.org JSON-LD for search engines, written into a page's <head>."""

import json
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString

# json.dumps leaves these as they are; inside <script> they could end it early.
_UNSAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict[str, Any]) -> SafeString:
    """A <script type="application/ld+json"> element holding data."""
    payload = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>', SafeString(payload.translate(_UNSAFE))
    )
