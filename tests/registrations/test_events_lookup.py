"""EVENT on the commands' line: a page id or a Latvian slug (registrations.events)."""

import pytest
from django.utils import translation

from registrations.events import EventNotFound, find_event
from tests.support.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def test_by_id_and_by_latvian_slug(event):
    assert find_event(str(event.pk)) == event
    assert find_event(" regionalais-seminars ") == event


def test_the_english_pages_id_gives_the_latvian_page(english_event, event):
    assert find_event(str(english_event.pk)) == event


def test_the_english_slug_is_not_a_latvian_slug(english_event):
    english_event.slug = "regional-seminar"
    english_event.save()
    with pytest.raises(EventNotFound, match="regional-seminar"):
        find_event("regional-seminar")


@pytest.mark.parametrize("value", ["", "999999", "nav-tada"])
def test_nothing_found_says_what_was_tried(event, value):
    with pytest.raises(EventNotFound) as error:
        find_event(value)
    assert str(error.value)
    if value:
        assert value in str(error.value)


def test_a_slug_two_events_share_asks_for_the_id(event, home):
    other_index = EventIndexPageFactory(slug="citi-pasakumi", parent=home)
    EventPageFactory(parent=other_index, slug="regionalais-seminars", start=event.start)
    # The message is in the active language; English here, whatever ran before.
    with translation.override("en"), pytest.raises(EventNotFound, match="page id"):
        find_event("regionalais-seminars")
