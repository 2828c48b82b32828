"""Demo pictures drawn with Pillow: nothing is downloaded."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images.models import Image


def demo_image(title: str, colour: tuple[int, int, int]) -> Image:
    """A 1600×900 abstract picture saved as a Wagtail image, created once per title."""
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    width, height = 1600, 900
    picture = PillowImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        shade = int(60 * y / height)
        draw.line([(0, y), (width, y)], fill=tuple(max(0, c - shade) for c in colour))
    rng = random.Random(title)  # the same picture for the same title, run after run
    for _ in range(9):
        radius = rng.randint(80, 260)
        x, y = rng.randint(0, width), rng.randint(0, height)
        tint = tuple(min(255, c + rng.randint(30, 110)) for c in colour)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=tint, width=14)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82)
    filename = f"{title.lower().replace(' ', '-')[:40]}.jpg"
    image = Image(title=title)
    image.file = ImageFile(buffer, name=filename)
    image.save()
    return image
