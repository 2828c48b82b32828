"""Template filters for numbers, money and file sizes, the active language's way.

Shared by every app's templates: ``{% load number_formats %}``.
"""

from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import get_language

register = template.Library()


@register.filter
def grouped(number: int | Decimal | None) -> str:
    """A number with thousands grouped the active language's way ("3 099" in Latvian)."""
    if number is None:
        return ""
    number = Decimal(number)
    if number == number.to_integral_value():
        number = number.to_integral_value()
    return formats.number_format(number, use_l10n=True, force_grouping=True)


@register.filter
def money(amount: Decimal | int | None, currency: str = "EUR") -> str:
    """Money in the active language's convention: "12 470 000 EUR" in Latvian."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    places = 0 if amount == amount.to_integral_value() else 2
    number = formats.number_format(amount, places, use_l10n=True, force_grouping=True)
    if get_language() == "lv":
        return f"{number}\xa0{currency}"
    return f"{currency}\xa0{number}"


@register.filter
def file_size(size: int | None) -> str:
    """ "147,7 KB": Django's filesizeformat gets Latvian plurals wrong ("335 baits")."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size}\xa0B"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            break
    return f"{formats.number_format(round(size, 1), 1, use_l10n=True)}\xa0{unit}"
