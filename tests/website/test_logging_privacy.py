"""No e-mail address, IP address or link token reaches a log line."""

import json
import logging
import sys

from website.logging_privacy import JsonLinesFormatter, PlainFormatter, mask


def record(message: str, *args, **extra) -> logging.LogRecord:
    made = logging.LogRecord("newsletter", logging.WARNING, __file__, 1, message, args, None)
    made.__dict__.update(extra)
    return made


def test_mask_replaces_personal_data_and_keeps_the_rest():
    assert mask("Bounce for anna.berzina@example.org from 203.0.113.7 and 2001:db8::1") == (
        "Bounce for [e-mail] from [ip] and [ip]"
    )
    assert mask("Not Found: /lv/newsletter/unsubscribe/eyJzIjoxMn0:1vXyZa:Abc123def456/") == (
        "Not Found: /lv/newsletter/unsubscribe/[token]/"
    )


def test_mask_leaves_slugs_times_and_class_names_alone():
    text = "12:30:45 /lv/jaunumi/cesu-gimenu-stiprinasanas-projekta-gada-parskats/ OperationalError"
    assert mask(text) == text


def test_plain_formatter_masks_arguments_and_exceptions():
    try:
        raise ValueError("duplicate key anna@example.org")
    except ValueError:
        failed = record("Import of %s failed", "anna@example.org")
        failed.exc_info = sys.exc_info()
    line = PlainFormatter("%(message)s").format(failed)
    assert "anna@example.org" not in line
    assert line.startswith("Import of [e-mail] failed")
    assert "ValueError: duplicate key [e-mail]" in line


def test_json_formatter_writes_one_object_per_line_without_the_request():
    formatter = JsonLinesFormatter("%(levelname)s %(name)s %(message)s")
    line = formatter.format(
        record(
            "Not Found: %s",
            "/lv/newsletter/confirm/eyJzIjoxMn0:1vXyZa:Abc123def456/",
            request="<WSGIRequest: GET '/lv/newsletter/confirm/eyJzIjoxMn0:1vXyZa:Abc123def456/'>",
            status_code=404,
        )
    )
    assert "\n" not in line
    data = json.loads(line)
    assert data["message"] == "Not Found: /lv/newsletter/confirm/[token]/"
    assert data["status_code"] == 404
    assert "request" not in data
