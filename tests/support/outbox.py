"""The e-mails the journeys' site has written with Django's file backend.

The browser journeys' site (tests/e2e/conftest.py) sends through a real Celery
worker into the folder named by ``E2E_OUTBOX``; a journey waits there for the
e-mail a person would open next.
"""

from __future__ import annotations

import email
import email.policy
import os
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

from tests.support.workers import wait_until

# The file backend writes each message followed by a line of 79 dashes.
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def messages_to(address: str) -> list[EmailMessage]:
    """Every e-mail in the outbox to ``address``, oldest file first."""
    found = []
    for log in sorted(Path(os.environ["E2E_OUTBOX"]).glob("*.log")):
        for raw in log.read_bytes().split(SEPARATOR):
            if raw.strip():
                message = email.message_from_bytes(raw.strip(), policy=email.policy.default)
                if message["To"] == address:
                    found.append(message)
    return found


def mail_to(
    address: str,
    where: Callable[[EmailMessage], bool] = lambda message: True,
    timeout: float = 60,
) -> EmailMessage:
    """The first e-mail to ``address`` that ``where`` accepts, once the worker has sent it."""
    found: list[EmailMessage] = []

    def arrived() -> bool:
        found[:] = [message for message in messages_to(address) if where(message)]
        return bool(found)

    try:
        wait_until(arrived, timeout=timeout, every=0.2)
    except AssertionError:
        raise AssertionError(f"no such e-mail to {address} within {timeout} s") from None
    return found[0]


def subject_starts(start: str) -> Callable[[EmailMessage], bool]:
    """A ``where`` for ``mail_to``: the subject begins with ``start``."""
    # A folded, encoded subject can come back with the fold's leading space.
    return lambda message: str(message["Subject"]).strip().startswith(start)


def attaches(content_type: str) -> Callable[[EmailMessage], bool]:
    """A ``where`` for ``mail_to``: the e-mail carries a part of ``content_type``."""
    return lambda message: any(part.get_content_type() == content_type for part in message.walk())


def text_of(message: EmailMessage) -> str:
    """The plain-text body a reader sees (not an attachment)."""
    return message.get_body(preferencelist=("plain",)).get_content()


def part_of(message: EmailMessage, content_type: str) -> str:
    """The decoded text of the message's first part of ``content_type``."""
    for part in message.walk():
        if part.get_content_type() == content_type:
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError(f"no {content_type} part")
