"""Template filters for wagtail-localize's translation editor."""

import json

from django import template

register = template.Library()


@register.filter
def without_alias_conversion(props: str) -> str:
    """The editor's props without "Convert to alias page" in its action menu.

    For a translator who cannot publish, the editor makes its last action the
    big button, and that was the conversion, which throws the translation
    away. The page offers it beside the editor instead, named for what it does.
    """
    data = json.loads(props)
    data["links"]["convertToAliasUrl"] = None
    return json.dumps(data)


@register.filter
def alias_conversion_url(props: str) -> str | None:
    """Where wagtail-localize's own "Convert to alias page" confirmation lives, if offered."""
    return json.loads(props)["links"]["convertToAliasUrl"]
