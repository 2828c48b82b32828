"""The demo documents page and its files, made locally: the methodology
handbook as a PDF drawn with Pillow, and the results as a CSV table. Nothing is
downloaded."""

import csv
import io
import textwrap
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.documents.models import Document

from home.models import ContentPage, HomePage

from .results import INDICATORS
from .tree import ensure_child, ensure_translation, locales

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

HANDBOOK_PAGES = [
    (
        "Sistēmiskā psihosociālā pieeja darbā ar ģimenēm",
        "Metodoloģijas rokasgrāmata sociālajiem darbiniekiem. Projekts „Cilvēks: izmaiņu "
        "veicinātājs!”, Nr. 2012.EEZ/PP/1/MEC/132. Nodibinājums „C Modulis”, 2015.",
    ),
    (
        "1. Pieejas pamati",
        "Sistēmiskā pieeja skata ģimeni kā veselumu: klienta grūtības saprot viņa attiecību "
        "un vides kontekstā. Sociālais darbinieks kopā ar ģimeni meklē resursus un izmaiņu "
        "iespējas, nevis tikai kontrolē un pamāca.",
    ),
    (
        "2. Darbs praksē un supervīzija",
        "Pieeja aprobēta septiņos Kurzemes un Zemgales sociālajos dienestos ar 48 ģimenēm. "
        "Regulāras supervīzijas palīdz sociālajam darbiniekam reflektēt par savu darbu un "
        "mazina profesionālās izdegšanas risku.",
    ),
]


def font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    if (DEJAVU / name).exists():
        return ImageFont.truetype(str(DEJAVU / name), size)
    return ImageFont.load_default(size=size)


def handbook_pdf() -> bytes:
    """An A5-sized PDF of a few pages, each a heading and a paragraph."""
    pages = []
    for heading, text in HANDBOOK_PAGES:
        page = Image.new("RGB", (874, 1240), "white")  # A5 at 150 dpi
        draw = ImageDraw.Draw(page)
        draw.rectangle([0, 0, 874, 24], fill=(122, 31, 43))
        y = 120
        for line in textwrap.wrap(heading, 28):
            draw.text((80, y), line, font=font(40, bold=True), fill=(90, 22, 32))
            y += 56
        y += 30
        for line in textwrap.wrap(text, 44):
            draw.text((80, y), line, font=font(26), fill=(27, 31, 35))
            y += 40
        pages.append(page)
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        "PDF",
        resolution=150,
        save_all=True,
        append_images=pages[1:],
        title="Sistēmiskā psihosociālā pieeja darbā ar ģimenēm",
        author="Nodibinājums C Modulis",
    )
    return buffer.getvalue()


def results_csv(rows: list[tuple[str, int, int]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["indikators", "mērķis", "sasniegts"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")  # with a BOM, so Excel reads UTF-8


def demo_document(title: str, filename: str, content: bytes) -> Document:
    """A Wagtail document, created once per title."""
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = Document(title=title)
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


def build_documents(home: HomePage) -> ContentPage:
    _, english = locales()
    handbook = demo_document(
        "Metodoloģijas rokasgrāmata", "metodologijas-rokasgramata.pdf", handbook_pdf()
    )
    table = demo_document(
        "Projekta rezultāti (tabula)",
        "projekta-rezultati.csv",
        results_csv(
            [(lv_label, target, achieved) for lv_label, _, _, _, target, achieved, _ in INDICATORS]
        ),
    )
    texts = {
        "lv": (
            "Dokumenti",
            "dokumenti",
            "Projekta publikācijas un dati lejupielādei.",
            "Sistēmiskā psihosociālā pieeja darbā ar ģimenēm: metodoloģijas rokasgrāmata",
            "Projekta rezultāti tabulā",
        ),
        "en": (
            "Documents",
            "documents",
            "The project's publications and data to download.",
            "The systemic psychosocial approach to work with families: methodology handbook (in Latvian)",
            "The project's results as a table (in Latvian)",
        ),
    }
    fields = {
        language: {
            "title": title,
            "slug": slug,
            "lead": lead,
            "body": [
                ("document", {"document": handbook, "title": handbook_text}),
                ("document", {"document": table, "title": table_text}),
            ],
        }
        for language, (title, slug, lead, handbook_text, table_text) in texts.items()
    }
    documents = ensure_child(home, ContentPage, {**fields["lv"], "show_in_menus": True})
    ensure_translation(documents, english, fields["en"])
    return documents
