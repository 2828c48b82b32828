"""What the newsletter accepts as an address: an internet mailbox, nothing else.

One validator for the subscribe forms, the CSV import and the admin (through
the model field). Django's own check lets through `root@localhost` (it is on
its allow-list), IP literals such as `a@[127.0.0.1]` and names whose last
label is a number; a confirmation e-mail to such an address reaches a machine
on the project's own network, or nobody. email-validator (without DNS
look-ups, which would make the form slow and tell timing) refuses those,
dotless domains and the special-use names of RFC 6761 and its kin
(`.local`, `.localhost`, `.test`, `.invalid`, `.onion`, `.arpa` …).
"""

from __future__ import annotations

import email_validator
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _

NOT_A_MAILBOX_CODE = "not_a_mailbox"
NOT_A_MAILBOX = _(
    "Enter an e-mail address on the internet (name@example.lv): addresses of local "
    "servers and IP addresses cannot receive the e-bulletin."
)


def validate_mailbox(address: str) -> None:
    """Refuse what is not an e-mail address, then what is not an internet mailbox."""
    validate_email(address)  # Django's message for what is no address at all
    try:
        email_validator.validate_email(
            address,
            check_deliverability=False,
            allow_domain_literal=False,
            globally_deliverable=True,
        )
    except email_validator.EmailNotValidError as error:
        raise ValidationError(NOT_A_MAILBOX, code=NOT_A_MAILBOX_CODE) from error


class MailboxFormField(forms.EmailField):
    """A form's e-mail field that takes internet mailboxes only."""

    default_validators = [validate_mailbox]


class MailboxField(models.EmailField):
    """A model's e-mail field that takes internet mailboxes only (so does its form field)."""

    default_validators = [validate_mailbox]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MailboxFormField, **kwargs})
