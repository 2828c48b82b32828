import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from icalendar import Calendar

from blog import calendar
from blog.models import EventPage
from tests.support.factories import EventIndexPageFactory, EventPageFactory

RIGA = ZoneInfo("Europe/Riga")


def riga(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=RIGA)


@pytest.fixture
def events(home):
    return EventIndexPageFactory(slug="pasakumi")


def unsaved_event(**fields) -> EventPage:
    defaults = {"title": "x", "start": riga(2025, 3, 7, 17), "end": riga(2025, 3, 7, 18, 30)}
    return EventPage(**{**defaults, **fields})


@pytest.mark.django_db  # building an unsaved page looks up the default locale
class TestRecurrence:
    def test_weekly_until_a_date_keeps_the_wall_clock_hour_across_dst(self):
        # Riga moves to summer time on 30 March 2025.
        event = unsaved_event(recurrence="weekly", repeat_until=datetime.date(2025, 4, 4))
        starts = calendar.occurrence_starts(event)
        assert [s.date() for s in starts] == [
            datetime.date(2025, 3, 7),
            datetime.date(2025, 3, 14),
            datetime.date(2025, 3, 21),
            datetime.date(2025, 3, 28),
            datetime.date(2025, 4, 4),
        ]
        assert {s.hour for s in starts} == {17}
        assert starts[0].utcoffset() == datetime.timedelta(hours=2)
        assert starts[-1].utcoffset() == datetime.timedelta(hours=3)

    def test_monthly_by_count_with_two_day_sittings(self):
        event = unsaved_event(
            start=riga(2019, 5, 16, 10),
            end=riga(2019, 5, 17, 16),
            recurrence="monthly",
            repeat_count=6,
        )
        sittings = calendar.occurrences([event])
        assert len(sittings) == 6
        assert sittings[-1].start == riga(2019, 10, 16, 10)
        assert sittings[-1].end == riga(2019, 10, 17, 16)

    def test_upcoming_and_past_split_at_now_in_order(self):
        weekly = unsaved_event(recurrence="weekly", repeat_count=4)
        now = riga(2025, 3, 20, 12)
        assert [o.start.day for o in calendar.upcoming([weekly], now)] == [21, 28]
        assert [o.start.day for o in calendar.past([weekly], now)] == [14, 7]

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"end": riga(2025, 3, 7, 16)}, "end"),
            ({"recurrence": "weekly"}, "repeat_until"),
            (
                {
                    "recurrence": "weekly",
                    "repeat_count": 3,
                    "repeat_until": datetime.date(2025, 5, 1),
                },
                "repeat_count",
            ),
        ],
    )
    def test_invalid_schedules_are_refused_with_a_message(self, fields, field):
        with pytest.raises(ValidationError) as error:
            unsaved_event(**fields).clean()
        assert field in error.value.message_dict


@pytest.mark.django_db
class TestCalendarFiles:
    def test_event_ics_has_a_stable_uid_time_zone_and_rule(self, client, events):
        event = EventPageFactory(
            parent=events,
            slug="atbalsta-grupa",
            start=riga(2025, 3, 7, 17),
            end=riga(2025, 3, 7, 18, 30),
            recurrence="weekly",
            repeat_until=datetime.date(2025, 5, 30),
        )
        response = client.get(event.url + "calendar/")
        assert response["Content-Type"].startswith("text/calendar")
        entry = Calendar.from_ical(response.content).walk("VEVENT")[0]
        assert entry["DTSTART"].dt == riga(2025, 3, 7, 17)
        assert entry["DTSTART"].params["TZID"] == "Europe/Riga"
        assert entry["RRULE"]["FREQ"] == ["WEEKLY"]
        uid = str(entry["UID"])
        assert "atbalsta-grupa" not in uid

        event.slug = "grupa-sievietem"
        event.save_revision().publish()
        event.refresh_from_db()
        assert event.url.endswith("/grupa-sievietem/")
        again = Calendar.from_ical(client.get(event.url + "calendar/").content).walk("VEVENT")[0]
        assert str(again["UID"]) == uid

    def test_calendar_feed_lists_every_event_and_is_announced(self, client, events):
        for day in (1, 2, 3):
            EventPageFactory(parent=events, start=riga(2025, 6, day, 10))
        feed = Calendar.from_ical(client.get(events.url + "calendar/").content)
        assert len(list(feed.walk("VEVENT"))) == 3
        assert list(feed.walk("VTIMEZONE"))
        html = client.get(events.url).content.decode()
        link = (
            '<link rel="alternate" type="text/calendar" title="Pasākumi" '
            f'href="{events.url}calendar/">'
        )
        assert link in html


@pytest.mark.django_db
class TestEventPages:
    def test_latvian_page_writes_times_with_a_dot(self, client, events):
        event = EventPageFactory(
            parent=events, start=riga(2030, 12, 15, 10), end=riga(2030, 12, 15, 14)
        )
        html = client.get(event.url).content.decode()
        assert "2030. gada 15. decembris, 10.00–14.00" in html

    def test_event_structured_data(self, client, events):
        event = EventPageFactory(
            parent=events,
            title="Supervīzija",
            start=riga(2030, 12, 15, 10),
            end=riga(2030, 12, 15, 14),
            organiser="SOS Bērnu ciemati",
        )
        html = client.get(event.url).content.decode()
        payload = re.search(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        ).group(1)
        data = json.loads(payload)
        assert data["@type"] == "Event"
        assert data["startDate"] == "2030-12-15T10:00:00+02:00"
        assert data["location"]["name"] == "Bauskas novada Sociālais dienests"
        assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"

    def test_index_lists_upcoming_soonest_first_and_past_latest_first(self, client, events):
        EventPageFactory(parent=events, title="Nākotnē vēlāk", start=riga(2031, 2, 1, 10))
        EventPageFactory(parent=events, title="Nākotnē drīz", start=riga(2031, 1, 1, 10))
        EventPageFactory(parent=events, title="Pagātnē sen", start=riga(2001, 1, 1, 10))
        EventPageFactory(parent=events, title="Pagātnē nesen", start=riga(2002, 1, 1, 10))
        html = client.get(events.url).content.decode()
        order = [
            html.index(t) for t in ["Nākotnē drīz", "Nākotnē vēlāk", "Pagātnē nesen", "Pagātnē sen"]
        ]
        assert order == sorted(order)


@pytest.mark.django_db
def test_demo_has_upcoming_and_past_events_in_both_languages(demo):
    latvian = list(EventPage.objects.filter(locale__language_code="lv").live())
    english = list(EventPage.objects.filter(locale__language_code="en").live())
    assert len(latvian) >= 5 and len(english) == len(latvian)
    assert calendar.upcoming(latvian) and calendar.past(latvian)
    supervision = EventPage.objects.get(
        slug="supervizija-gimenu-grupu-konference", locale__language_code="lv"
    )
    start = supervision.start.astimezone(RIGA)
    assert (start.month, start.day, start.hour) == (12, 15, 10)
    assert supervision.start > datetime.datetime.now(RIGA)


@pytest.mark.django_db
class TestNthWeekdayOfTheMonth:
    """ "Katru mēnesi" by date turned a Thursday group into a Sunday one (issue 12)."""

    def test_the_second_thursday_stays_a_thursday(self):
        # 11 December 2025 is the second Thursday of its month.
        event = unsaved_event(
            start=riga(2025, 12, 11, 17),
            end=riga(2025, 12, 11, 19),
            recurrence="monthly_weekday",
            repeat_count=4,
        )
        starts = calendar.occurrence_starts(event)
        assert [s.date() for s in starts] == [
            datetime.date(2025, 12, 11),
            datetime.date(2026, 1, 8),
            datetime.date(2026, 2, 12),
            datetime.date(2026, 3, 12),
        ]
        assert {s.weekday() for s in starts} == {3}
        assert {s.hour for s in starts} == {17}

    def test_a_fifth_weekday_means_the_last_one(self):
        # 29 January 2026 is the fifth (and last) Thursday; February has four.
        event = unsaved_event(
            start=riga(2026, 1, 29, 10),
            end=riga(2026, 1, 29, 12),
            recurrence="monthly_weekday",
            repeat_count=2,
        )
        assert [s.date() for s in calendar.occurrence_starts(event)] == [
            datetime.date(2026, 1, 29),
            datetime.date(2026, 2, 26),
        ]

    def test_the_calendar_file_carries_the_weekday_rule(self, client, events):
        event = EventPageFactory(
            parent=events,
            start=riga(2030, 1, 10, 17),
            end=riga(2030, 1, 10, 19),
            recurrence="monthly_weekday",
            repeat_count=5,
        )
        entry = Calendar.from_ical(client.get(f"{event.url}calendar/").content).walk("VEVENT")[0]
        assert entry["RRULE"]["FREQ"] == ["MONTHLY"]
        assert entry["RRULE"]["BYDAY"] == ["+2TH"]

    def test_the_choice_names_the_weekday_rule_in_latvian(self):
        field = EventPage._meta.get_field("recurrence")
        with translation.override("lv"):
            labels = {value: str(label) for value, label in field.choices}
        assert labels["monthly"] == "Katru mēnesi tajā pašā datumā"
        assert (
            labels["monthly_weekday"]
            == "Katru mēnesi tajā pašā nedēļas dienā (piem., 2. ceturtdienā)"
        )

    def test_the_event_page_says_which_weekday_and_lists_dates_with_weekdays(self, client, events):
        event = EventPageFactory(
            parent=events,
            start=riga(2030, 1, 10, 17),
            end=riga(2030, 1, 10, 19),
            recurrence="monthly_weekday",
            repeat_count=3,
        )
        html = re.sub(r"\s+", " ", client.get(event.url).content.decode())
        assert "Katra mēneša otrajā ceturtdienā" in html
        assert "ceturtdiena, 2030. gada 14. februāris, 17.00–19.00" in html
        assert "ceturtdiena, 2030. gada 14. marts, 17.00–19.00" in html
