"""Keep personal data out of the logs.

Log lines travel to places with other rules (a hosting provider's log
store, an error tracker), so they must not carry a subscriber's e-mail
address, a visitor's IP address or the secret tokens in confirmation,
preferences and unsubscribe links (``django.request`` logs every 404 with its
path). The formatters mask them in the finished line, whatever logger or
library wrote it, exception text included.
"""

import logging
import re

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
# Full (eight groups) or shortened with "::"; a time such as 12:30:45 is neither.
IPV6 = re.compile(
    r"(?<![\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}"
    r"|(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4}::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4})(?![\w:])",
    re.IGNORECASE,
)
# Signed or random tokens: long runs of URL-safe characters with a capital
# letter and a digit in them. Page slugs are lower case and stay readable.
TOKEN = re.compile(r"(?=[\w:-]*[A-Z])(?=[\w:-]*\d)[\w:-]{20,}")


def mask(text: str) -> str:
    """The text with e-mail addresses, IP addresses and tokens replaced by placeholders."""
    text = EMAIL.sub("[e-mail]", text)
    text = TOKEN.sub("[token]", text)
    text = IPV4.sub("[ip]", text)
    return IPV6.sub("[ip]", text)


class PlainFormatter(logging.Formatter):
    """Django's usual one-line format, masked (development and tests)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


class JsonLinesFormatter(JsonFormatter):
    """One JSON object per line (production), every text field masked.

    The ``request`` that Django attaches to its request log records is left
    out: its text holds the path, which may carry a token.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request"])
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data: dict) -> dict:
        return {
            key: mask(value) if isinstance(value, str) else value
            for key, value in super().process_log_record(log_data).items()
        }
