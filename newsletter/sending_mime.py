"""Each language's e-mail encoded once; each recipient's parts put into the bytes.

Django builds and encodes a whole MIME message per recipient: for an issue
whose HTML has lines too long for 8bit that is a quoted-printable encoding of
the whole page in pure Python, per recipient, and most of a send's CPU
(docs/benchmarks.md). Here Django builds the message once per language with
the placeholders of newsletter/rendering.py left in; for each recipient the
per-recipient headers (To, Date, Message-ID, List-Unsubscribe) are written
anew and the placeholders in the encoded parts are replaced by the
recipient's values, encoded as that part is:

- 7bit/8bit parts get the UTF-8 bytes (a 7bit part becomes 8bit when a value
  is not ASCII, as Django would label it);
- quoted-printable parts get the value quoted-printable encoded between two
  soft line breaks, so no line grows past 76 characters (a placeholder the
  encoder split with a soft break is found too).

The decoded message is the one Django would build for the recipient
(tests/newsletter/test_sending_mime.py compares them). Anything this does not
handle (another encoding, a line that would pass 998 bytes, a boundary in a
value) returns None, and the caller builds the message the Django way.
Only for Django's SMTP backend: an ESP's API backend (anymail) wants the
message object, not bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import quoprimime
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import forbid_multi_line_headers, sanitize_address
from django.utils.html import escape

from .rendering import NAME, PREFERENCES_URL, UNSUBSCRIBE_URL

CRLF = b"\r\n"
MAX_LINE = 998  # RFC 5322; Django switches a part to quoted-printable beyond it
PER_RECIPIENT = ("to", "date", "message-id", "list-unsubscribe")
MARKERS = (UNSUBSCRIBE_URL, PREFERENCES_URL, NAME)  # in rendering.fill's order
TEMPLATE_ADDRESS = "recipient@template.invalid"


# An address made of a dot-atom local part and an ASCII domain: what
# sanitize_address gives back unchanged. Checked first, since Python's address
# parser behind sanitize_address costs about 0.3 ms a message (issue 16).
PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
)


def envelope_address(address: str) -> str:
    """The address as Django's SMTP backend gives it to the server (sanitize_address)."""
    if PLAIN_ADDRESS.fullmatch(address):
        return address
    return sanitize_address(address, settings.DEFAULT_CHARSET)


def _split_by_soft_breaks(marker: str) -> re.Pattern[bytes]:
    """The marker in quoted-printable bytes, also when a soft line break cuts it."""
    return re.compile(b"(?:=\r\n)?".join(re.escape(bytes([c])) for c in marker.encode()))


QP_MARKERS = {marker: _split_by_soft_breaks(marker) for marker in MARKERS}


@dataclass
class _Part:
    head: bytes  # the part's header block, CRLF-terminated lines
    body: bytes
    encoding: str  # 7bit, 8bit or quoted-printable
    html: bool


@dataclass
class EncodedIssue:
    """One language version of a dispatch as bytes, the recipient's parts left open."""

    from_email: str
    headers: list[tuple[str, bytes]]  # (lower-case name, the header's bytes with folding)
    preamble: bytes  # between the header block and the first part
    boundary: bytes
    parts: list[_Part]
    epilogue: bytes

    def for_recipient(self, *, email: str, message_id: str, values: dict[str, str]) -> bytes | None:
        """The recipient's message as the SMTP server gets it, or None (build it the Django way).

        values: the rendering placeholders' values, as for rendering.personalise.
        """
        plain = {UNSUBSCRIBE_URL: values["unsubscribe_url"]}
        plain[PREFERENCES_URL] = values["preferences_url"]
        plain[NAME] = values["name"]
        if any(self.boundary in value.encode() for value in plain.values()):
            return None
        fresh = {
            "to": _header("To", email),
            "date": _header("Date", formatdate(localtime=settings.EMAIL_USE_LOCALTIME)),
            "message-id": _header("Message-ID", message_id),
            "list-unsubscribe": _header("List-Unsubscribe", f"<{values['unsubscribe_url']}>"),
        }
        if any(len(line) > MAX_LINE for line in fresh.values()):
            return None
        out = [fresh.get(name, raw) for name, raw in self.headers]
        out += [CRLF, self.preamble]
        for part in self.parts:
            filled = _filled(part, plain)
            if filled is None:
                return None
            out += [b"--", self.boundary, CRLF, *filled, CRLF]
        out += [b"--", self.boundary, b"--", self.epilogue]
        return b"".join(out)


def _header(name: str, value: str) -> bytes:
    name, value = forbid_multi_line_headers(name, value, settings.DEFAULT_CHARSET)
    return f"{name}: {value}".encode("ascii") + CRLF


def _filled(part: _Part, plain: dict[str, str]) -> list[bytes] | None:
    values = {m: escape(v) for m, v in plain.items()} if part.html else plain
    body, head = part.body, part.head
    if part.encoding == "quoted-printable":
        for marker, value in values.items():
            encoded = quoprimime.body_encode(
                value.encode("utf-8").decode("latin-1"), maxlinelen=76, eol="\r\n"
            ).encode("ascii")
            inserted = b"=\r\n" + encoded + b"=\r\n"
            body = QP_MARKERS[marker].sub(lambda _, text=inserted: text, body)
        return [head, CRLF, body]
    for marker, value in values.items():
        body = body.replace(marker.encode(), value.encode("utf-8"))
    if any(len(line) > MAX_LINE for line in body.split(CRLF)):
        return None
    if part.encoding == "7bit" and not body.isascii():
        head = head.replace(b"Content-Transfer-Encoding: 7bit", b"Content-Transfer-Encoding: 8bit")
    return [head, CRLF, body]


def _header_fields(block: bytes) -> list[tuple[str, bytes]]:
    """A header block's fields, each with its continuation lines."""
    fields: list[tuple[str, bytes]] = []
    for line in block.split(CRLF):
        if line[:1] in (b" ", b"\t") and fields:
            name, raw = fields[-1]
            fields[-1] = (name, raw + line + CRLF)
        elif line:
            fields.append((line.split(b":", 1)[0].decode("ascii").lower(), line + CRLF))
    return fields


def encode_issue(
    frozen: dict[str, str], headers: dict[str, str], from_email: str
) -> EncodedIssue | None:
    """A frozen language version as bytes with its placeholders open; None if not possible.

    headers: the message's constant extra headers (List-Id, List-Unsubscribe-Post).
    """
    message = EmailMultiAlternatives(
        subject=frozen["subject"],
        body=frozen["text"],
        from_email=from_email,
        to=[TEMPLATE_ADDRESS],
        headers={
            "List-Unsubscribe": "<>",
            **headers,
            "Message-ID": make_msgid(domain="template.invalid"),
        },
    )
    message.attach_alternative(frozen["html"], "text/html")
    mime = message.message()
    raw = mime.as_bytes(linesep="\r\n")
    boundary = mime.get_boundary()  # chosen while the message is written out
    head, body = raw.split(CRLF + CRLF, 1)
    delimiter = b"--" + boundary.encode()
    preamble, *chunks = body.split(delimiter)
    *parts, closing = chunks
    if not closing.startswith(b"--"):
        return None
    encoded_parts = []
    for chunk, sub in zip(parts, mime.get_payload(), strict=True):
        part_head, part_body = chunk.removeprefix(CRLF).split(CRLF + CRLF, 1)
        encoding = sub["Content-Transfer-Encoding"]
        if encoding not in ("7bit", "8bit", "quoted-printable"):
            return None
        encoded_parts.append(
            _Part(
                head=part_head + CRLF,
                body=part_body.removesuffix(CRLF),
                encoding=encoding,
                html=sub.get_content_type() == "text/html",
            )
        )
    return EncodedIssue(
        from_email=sanitize_address(from_email, settings.DEFAULT_CHARSET),
        headers=_header_fields(head + CRLF),
        preamble=preamble,
        boundary=boundary.encode(),
        parts=encoded_parts,
        epilogue=closing[2:],
    )
