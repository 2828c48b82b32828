"""StreamField blocks shared by every page type.

Each block carries its template and a preview value, so editors see block
previews in the admin's block chooser.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


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


class BaseStreamBlock(blocks.StreamBlock):
    """The body of content pages: text, headings, images and quotes."""

    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="blocks/paragraph.html",
        preview_value="<p>Projekts attīsta sistēmisku psihosociālo pieeju darbā ar ģimenēm.</p>",
        description=_("Text with links and lists"),
    )
    heading = HeadingBlock()
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
