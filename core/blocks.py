"""StreamField blocks shared by every page type.

Each block carries its template and a preview value, so editors see block
previews in the admin's block chooser.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from . import live_figures
from .forms import DecimalCommaField

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class TranslatableTableBlock(TableBlock):
    """Wagtail's table, whose caption and cells wagtail-localize offers for translation.

    wagtail-localize skips block types it does not know, so a plain
    TableBlock would carry the Latvian cells into every translation.
    """

    def get_translatable_segments(self, value) -> list:
        from wagtail_localize.segments import StringSegmentValue

        if not value:
            return []
        segments = []
        if value.get("table_caption"):
            segments.append(StringSegmentValue("caption", value["table_caption"]))
        for row_number, row in enumerate(value.get("data") or []):
            for column_number, cell in enumerate(row):
                if cell:
                    segments.append(
                        StringSegmentValue(f"cell-{row_number}-{column_number}", str(cell))
                    )
        return segments

    def restore_translated_segments(self, value, segments) -> dict:
        value = {**value, "data": [list(row) for row in value.get("data") or []]}
        for segment in segments:
            text = segment.render_text()
            if segment.path == "caption":
                value["table_caption"] = text
            else:
                _, row_number, column_number = segment.path.split("-")
                value["data"][int(row_number)][int(column_number)] = text
        return value


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"
        preview_value = {"text": "Projekta mērķis", "level": "h2"}
        description = _("A section heading")


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/image.html"
        description = _("A photo or illustration with alternative text and an optional caption")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        preview_value = {
            "text": "Sociālais darbinieks ir izmaiņu veicinātājs.",
            "attribution": "Projekta komanda",
        }
        description = _("A quotation with its source")


class DecimalCommaBlock(blocks.DecimalBlock):
    """A number block that takes "3,5" as well as "3.5" (see DecimalCommaField)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.field
        self.field = DecimalCommaField(
            required=field.required,
            help_text=field.help_text,
            max_value=field.max_value,
            min_value=field.min_value,
            max_digits=field.max_digits,
            decimal_places=field.decimal_places,
            validators=field.validators,
        )


class FigureBlock(blocks.StructBlock):
    value = DecimalCommaBlock(
        label=_("Number"),
        decimal_places=1,
        help_text=_("Set on the Latvian page: publishing it updates the translations at once."),
    )
    label = blocks.CharBlock(label=_("What was counted"), help_text=_("e.g. “ģimenes”"))


class FiguresBlock(blocks.StructBlock):
    """Key numbers shown large, such as "177 psihologa konsultācijas"."""

    heading = blocks.CharBlock(required=False, label=_("Heading"))
    figures = blocks.ListBlock(FigureBlock(), label=_("Figures"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Figures")
        template = "blocks/figures.html"
        preview_value = {
            "heading": "Atbalsts ģimenēm",
            "figures": [
                {"value": 49, "label": "ģimenes"},
                {"value": 193, "label": "cilvēki"},
                {"value": 103, "label": "bērni"},
            ],
        }
        description = _("Numbers shown large, each with what was counted")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, label=_("Link text"))

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document.html"
        description = _("A download link with the file's type and size")


class BaseStreamBlock(blocks.StreamBlock):
    """The body of content pages: text, headings, images and quotes."""

    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICH_TEXT_FEATURES,
        template="blocks/paragraph.html",
        preview_value="<p>Projekts attīsta sistēmisku psihosociālo pieeju darbā ar ģimenēm.</p>",
        description=_("Text with links and lists"),
    )
    heading = HeadingBlock()
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    table = TranslatableTableBlock(
        label=_("Table"),
        template="blocks/table.html",
        description=_("A simple table; mark the first row as its header"),
    )


class ArticleStreamBlock(BaseStreamBlock):
    """The body of news posts: the base blocks plus embeds and figures."""

    embed = EmbedBlock(
        label=_("Embedded media"),
        template="blocks/embed.html",
        description=_("A video or post from YouTube, Vimeo and the like, by its URL"),
    )
    figures = FiguresBlock()


class IndicatorValue(blocks.StructValue):
    """An indicator with its progress worked out for the chart."""

    def share(self) -> int:
        """Achieved as a percentage of the target, 0–100, for the bar's length."""
        target = self.get("target") or 0
        if not target:
            return 0
        return min(100, round(100 * (self.get("achieved") or 0) / target))

    def current(self) -> "IndicatorValue":
        """The indicator as shown: a bound one carries its counted figure and date.

        Every place that shows indicators (results page, home page, open
        data) goes through here, so they all show the same figure.
        """
        key = self.get("counted_from")
        counted = live_figures.figure(key) if key else None
        if counted is None:
            return self
        values = dict(self)
        values["achieved"] = Decimal(counted.value)
        values["as_of"] = counted.as_of or self.get("as_of")
        return IndicatorValue(self.block, values)


class BindingChoiceBlock(blocks.ChoiceBlock):
    """The choice of a live figure's source (core/live_figures.py).

    Wagtail's ChoiceBlock maps each stored value back to its choice when a
    page loads, which would ask every source for its subjects (queries)
    once per indicator on every render. A binding's key is a plain string
    and stays one, so loading keeps it as stored; the editor's select still
    lists the current choices.
    """

    def normalize_choice(self, value: object) -> object:
        return value


class IndicatorBlock(blocks.StructBlock):
    """One result indicator. Its numbers and date are the Latvian page's: a
    publish of the source carries them into the translations (see
    home.translation.follow_source); only the label, unit and source note
    are translated."""

    label = blocks.CharBlock(label=_("Indicator"))
    unit = blocks.CharBlock(required=False, label=_("Unit"), help_text=_("e.g. “ģimenes”"))
    target = DecimalCommaBlock(
        label=_("Target"),
        min_value=0,
        help_text=_("Set on the Latvian page: publishing it updates the translations at once."),
    )
    achieved = DecimalCommaBlock(
        required=False,
        label=_("Achieved"),
        min_value=0,
        help_text=_("Set on the Latvian page: publishing it updates the translations at once."),
    )
    as_of = blocks.DateBlock(
        required=False,
        label=_("As of"),
        help_text=_("Set on the Latvian page: publishing it updates the translations at once."),
    )
    # A choice, not a chooser: the key names no page or snippet of one
    # language, so wagtail-localize copies it to the translations as it is.
    counted_from = BindingChoiceBlock(
        choices=live_figures.choices,
        required=False,
        label=_("Counted from"),
        help_text=_(
            "Leave empty to type the achieved value. Chosen: the site counts it itself "
            "(e.g. people present at events of a category) and the date follows."
        ),
    )
    source = blocks.CharBlock(required=False, label=_("Source note"))
    key_figure = blocks.BooleanBlock(
        required=False, label=_("Key figure"), help_text=_("Also shown on the home page.")
    )

    class Meta:
        icon = "table"
        label = _("Indicator")
        value_class = IndicatorValue

    def clean(self, value: IndicatorValue) -> IndicatorValue:
        """A typed indicator needs its number and date; a counted one brings its own."""
        value = super().clean(value)
        if value.get("counted_from"):
            return value
        errors = {
            name: ValidationError(_("Type the figure, or choose what it is counted from."))
            for name in ("achieved", "as_of")
            if value.get(name) is None
        }
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value
