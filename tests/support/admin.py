"""Reading the Wagtail admin's screens in tests: what a person sees on them."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import wagtail
import wagtail_localize
from django.http import HttpResponse

LABEL_ATTRIBUTES = ("aria-label", "title", "placeholder")
# The sidebar menu is drawn by JavaScript from this JSON; its labels are visible.
SIDEBAR_PROPS = "wagtail-sidebar-props"
# So is wagtail-localize's translation editor, from this element's data-props.
TRANSLATION_EDITOR = "js-translation-editor"


class VisibleStrings(HTMLParser):
    """Text nodes, the labels assistive technology reads out and the labels of
    the sidebar menu and the translation editor, whitespace collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden_depth = 0
        self.in_sidebar_props = False
        self.sidebar_props: list[str] = []
        self.strings: set[str] = set()

    def add(self, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.strings.add(text)

    def add_labels(self, data: object) -> None:
        if isinstance(data, dict):
            for key, value in data.items():
                if key == "label" and isinstance(value, str):
                    self.add(value)
                else:
                    self.add_labels(value)
        elif isinstance(data, list):
            for value in data:
                self.add_labels(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("script", "style"):
            self.hidden_depth += 1
            self.in_sidebar_props = attributes.get("id") == SIDEBAR_PROPS
        for name in LABEL_ATTRIBUTES:
            self.add(attributes.get(name) or "")
        is_button = tag == "button" or attributes.get("type") in ("submit", "button")
        if is_button:
            self.add(attributes.get("value") or "")
        if TRANSLATION_EDITOR in (attributes.get("class") or "").split():
            self.add_labels(json.loads(attributes.get("data-props") or "{}"))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.hidden_depth:
            self.hidden_depth -= 1
            if self.in_sidebar_props:
                self.add_labels(json.loads("".join(self.sidebar_props)))
                self.in_sidebar_props = False

    def handle_data(self, data: str) -> None:
        if self.in_sidebar_props:
            self.sidebar_props.append(data)
        elif not self.hidden_depth:
            self.add(data)


def visible_strings(html: str) -> set[str]:
    """Every text a person sees or hears read out on the admin screen `html`."""
    parser = VisibleStrings()
    parser.feed(html)
    return parser.strings


def admin_menu(response: HttpResponse) -> str:
    """The admin's sidebar menu (JSON in the page), as readable text."""
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.text,
        re.DOTALL,
    )
    return json.dumps(json.loads(props.group(1)), ensure_ascii=False)


# Words that read the same in Latvian or are names, not English left behind.
SAME_IN_LATVIAN = {"Wagtail", "URL", "ID", "CSV", "XLSX", "JSON"}
# Written literally in Wagtail 8.0's templates, not through gettext, so no
# catalogue can translate them: the header's `<nav aria-label="Actions">`,
# the search forms' hidden `<input type="submit" value="Search">` and the side
# panel toggle's hidden comment counter, which prints Python's None.
LITERAL_IN_WAGTAIL_TEMPLATES = {"Actions", "Search", "None"}


def english_messages(package: object, domain: str = "django") -> set[str]:
    """Every English message (singular and plural) of a package's catalogues."""
    messages: set[str] = set()
    pattern = f"**/locale/en/LC_MESSAGES/{domain}.po"
    for catalogue in Path(package.__file__).parent.glob(pattern):
        current: list[str] | None = None
        for line in catalogue.read_text(encoding="utf-8").splitlines():
            if line.startswith(("msgid ", "msgid_plural ")):
                if current:
                    messages.add(" ".join("".join(current).split()))
                current = [line.split(" ", 1)[1].strip()[1:-1]]
            elif line.startswith('"') and current is not None:
                current.append(line.strip()[1:-1])
            else:
                if current:
                    messages.add(" ".join("".join(current).split()))
                current = None
    return {re.sub(r'\\(["\\])', r"\1", message) for message in messages if message}


def wagtail_messages() -> set[str]:
    """Every English message of Wagtail's and wagtail-localize's catalogues."""
    return english_messages(wagtail) | english_messages(wagtail_localize)
