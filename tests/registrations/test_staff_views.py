"""The staff screens of an event's registrations, in the Latvian admin."""

import datetime
import io

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from registrations import attendance
from registrations.dashboard import upcoming_with_registrations
from registrations.models import Attendance, Registration
from tests.support.admin import (
    LITERAL_IN_WAGTAIL_TEMPLATES,
    SAME_IN_LATVIAN,
    visible_strings,
    wagtail_messages,
)
from tests.support.factories import ProjectPageFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def latvian(user):
    user.wagtail_userprofile.preferred_language = "lv"
    user.wagtail_userprofile.save()
    return user


@pytest.fixture
def ilze(client):
    """An editor (Redaktori): may edit every event, so looks after its sign-ups."""
    user = latvian(UserFactory(groups=["Redaktori"]))
    client.force_login(user)
    return user


@pytest.fixture
def outsider():
    """Staff who may enter the admin but edit no page."""
    group = Group.objects.create(name="Tikai ieeja")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return latvian(UserFactory(groups=["Tikai ieeja"]))


@pytest.fixture
def training(make_event):
    """Two monthly sessions of three academic hours, the first today."""
    return make_event(
        start=timezone.now() + datetime.timedelta(hours=1),
        recurrence="monthly",
        repeat_count=2,
        academic_hours=3,
        capacity=2,
    )


def person(event, n, status=Status.CONFIRMED, **fields):
    return RegistrationFactory(
        event=event,
        status=status,
        registered_at=timezone.now() - datetime.timedelta(hours=10 - n),
        **fields,
    )


@pytest.fixture
def full(training):
    """Two seated (Bauska and Tukums) and one waiting."""
    return [
        person(training, 1, name="Ilze Ozoliņa", email="ilze@example.lv"),
        person(training, 2, name="Pēteris Kalniņš", organisation="Tukuma novada dome"),
        person(training, 3, Status.WAITLISTED, name="Gaida Rinda", email="gaida@example.lv"),
    ]


def url(name, event, *args):
    return reverse(f"registrations:{name}", args=[event.pk, *args])


def final_status(client, address: str) -> int:
    """The status at the end of redirects: Django's LocaleMiddleware first sends a
    404 outside the language prefixes to /lv/..., where it is a 404 again."""
    return client.get(address, follow=True).status_code


class TestTheList:
    def test_counts_people_and_links(self, client, ilze, training, full):
        response = client.get(url("index", training))
        assert response.status_code == 200
        seen = visible_strings(response.content.decode())
        assert "Vietas: 2 · aizņemtas: 2 · gaida: 1" in seen
        for name in ("Ilze Ozoliņa", "Pēteris Kalniņš", "Gaida Rinda"):
            assert name in seen
        assert "gaidīšanas sarakstā (nr. 1)" in {s.lower() for s in seen}
        assert "Pievienot dalībnieku" in seen
        assert "Ierašanās" in seen and "Parakstu lapa" in seen
        html = response.content.decode()
        day = attendance.sessions(training)[0].isoformat()
        assert url("check_in", training, day) in html
        assert url("export", training, "xlsx") in html

    def test_filters_by_status_and_organisation_and_searches(self, client, ilze, training, full):
        def names(**query):
            response = client.get(url("index_results", training), query)
            assert response.status_code == 200
            seen = visible_strings(response.content.decode())
            return {p.name for p in full if p.name in seen}

        assert names(status="waitlisted") == {"Gaida Rinda"}
        assert names(organisation="Tukuma novada dome") == {"Pēteris Kalniņš"}
        assert names(q="gaida@example") == {"Gaida Rinda"}
        assert names(q="ozoliņa") == {"Ilze Ozoliņa"}

    def test_the_queries_do_not_grow_with_the_waiting_list(self, client, ilze, training, full):
        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url("index", training)).status_code == 200
            return len(captured)

        before = queries()
        for n in range(10):
            person(training, 4 + n, Status.WAITLISTED)
        assert queries() == before

    def test_wagtails_generic_export_is_not_a_way_round_the_files(
        self, client, ilze, training, full
    ):
        response = client.get(url("index", training), {"export": "csv"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")

    def test_an_english_pages_id_shows_the_shared_list(self, client, ilze, english_event):
        person(english_event.seat_page(), 1, name="Anna Bērziņa")
        response = client.get(url("index", english_event))
        assert "Anna Bērziņa" in response.content.decode()

    def test_the_events_list_and_the_menu(self, client, ilze, training, full):
        response = client.get(reverse("registrations:events"))
        assert response.status_code == 200
        seen = visible_strings(response.content.decode())
        assert training.title in seen
        assert "Reģistrācijas" in seen
        assert url("index", training) in response.content.decode()

    def test_the_explorer_offers_registrations_on_an_event(self, client, ilze, training):
        response = client.get(reverse("wagtailadmin_explore", args=[training.get_parent().pk]))
        assert url("index", training) in response.content.decode()
        response = client.get(reverse("wagtailadmin_pages:edit", args=[training.pk]))
        assert url("index", training) in response.content.decode()


class TestPermissions:
    @pytest.mark.parametrize(
        "name,args",
        [
            ("index", []),
            ("index_results", []),
            ("add", []),
            ("export", ["csv"]),
            ("export", ["xlsx"]),
            ("certificates", []),
        ],
    )
    def test_staff_who_may_not_edit_the_event_get_403(self, client, outsider, training, name, args):
        client.force_login(outsider)
        assert client.get(url(name, training, *args)).status_code == 403

    def test_not_even_the_check_in_or_a_move(self, client, outsider, training, full):
        client.force_login(outsider)
        day = attendance.sessions(training)[0].isoformat()
        assert client.get(url("check_in", training, day)).status_code == 403
        response = client.post(
            url("check_in", training, day), {"registration": full[0].pk, "present": "1"}
        )
        assert response.status_code == 403
        assert client.post(url("move", training, full[2].pk)).status_code == 403
        assert not Attendance.objects.exists()
        assert Registration.objects.get(pk=full[2].pk).status == Status.WAITLISTED

    def test_a_registrations_permission_is_enough(self, client, outsider, training):
        outsider.user_permissions.add(Permission.objects.get(codename="change_registration"))
        client.force_login(outsider)
        assert client.get(url("index", training)).status_code == 200

    def test_no_menu_item_for_the_outsider(self, client, outsider, training):
        client.force_login(outsider)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("registrations:events") not in html

    def test_anonymous_visitors_go_to_the_login(self, client, training):
        response = client.get(url("index", training))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_an_unknown_event_is_404(self, client, ilze):
        assert final_status(client, reverse("registrations:index", args=[999999])) == 404


class TestAddByHand:
    def test_a_phone_sign_up_takes_a_seat_and_is_mailed(
        self, client, ilze, training, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url("add", training),
                {
                    "name": "Jānis Zariņš",
                    "email": "janis@example.lv",
                    "organisation": "",
                    "needs": "",
                    "language": "en",
                },
            )
        assert response.status_code == 302
        registration = Registration.objects.get()
        assert registration.status == Status.CONFIRMED
        assert registration.language == "en"
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["janis@example.lv"]
        assert mail.outbox[0].attachments  # the calendar file, as after a web sign-up

    def test_beyond_the_seats_the_waiting_list(self, client, ilze, training, full):
        client.post(
            url("add", training),
            {"name": "Vēl Viens", "email": "vel@example.lv", "language": "lv"},
        )
        assert Registration.objects.get(email="vel@example.lv").status == Status.WAITLISTED

    def test_bad_input_is_a_400_and_stores_nothing(self, client, ilze, training):
        response = client.post(
            url("add", training), {"name": "x" * 5000, "email": "nav-adrese", "language": "de"}
        )
        assert response.status_code == 400
        assert not Registration.objects.exists()
        seen = visible_strings(response.content.decode())
        assert "Jāievada derīga e-pasta adrese." in seen
        assert any("5000" in s for s in seen)

    def test_the_same_address_again_is_refused_with_a_message(self, client, ilze, training, full):
        response = client.post(
            url("add", training),
            {"name": "Ilze", "email": "ILZE@example.lv", "language": "lv"},
        )
        assert response.status_code == 409
        assert Registration.objects.filter(email_key="ilze@example.lv").count() == 1


class TestMoves:
    def test_get_asks_and_post_moves_to_the_waiting_list(self, client, ilze, training, full):
        seated, _, waiting = full
        response = client.get(url("move", training, seated.pk))
        assert response.status_code == 200
        assert "Pārcelt uz gaidīšanas sarakstu" in visible_strings(response.content.decode())
        assert Registration.objects.get(pk=seated.pk).status == Status.CONFIRMED
        response = client.post(url("move", training, seated.pk))
        assert response.status_code == 303
        assert Registration.objects.get(pk=seated.pk).status == Status.WAITLISTED
        assert Registration.objects.get(pk=waiting.pk).status == Status.CONFIRMED

    def test_no_seat_free_is_a_message_not_an_oversell(self, client, ilze, training, full):
        response = client.post(url("move", training, full[2].pk), follow=True)
        assert Registration.objects.get(pk=full[2].pk).status == Status.WAITLISTED
        assert any("aizņemtas" in s for s in visible_strings(response.content.decode()))

    def test_another_events_registration_is_404(self, client, ilze, training, make_event):
        other = make_event(slug="cits")
        stranger = person(other, 1)
        response = client.post(url("move", training, stranger.pk), follow=True)
        assert response.status_code == 404
        assert Registration.objects.get(pk=stranger.pk).status == Status.CONFIRMED


class TestCheckIn:
    def test_the_screen_lists_the_seated_with_their_state(self, client, ilze, training, full):
        day = attendance.sessions(training)[0]
        attendance.mark(full[0], day)
        response = client.get(url("check_in", training, day.isoformat()))
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count('aria-pressed="true"') == 1
        assert html.count('aria-pressed="false"') == 1
        assert "Gaida Rinda" not in html  # waiting: no seat, not on the door's list
        assert "Ieradušies: 1 no 2" in visible_strings(html)

    def test_a_fetch_post_marks_present_and_answers_json(self, client, ilze, training, full):
        day = attendance.sessions(training)[0].isoformat()
        response = client.post(
            url("check_in", training, day),
            {"registration": full[1].pk, "present": "1"},
            headers={"accept": "application/json"},
        )
        assert response.status_code == 200
        assert response.json() == {"present": True, "count": 1, "text": "Ieradušies: 1 no 2"}
        assert Attendance.objects.get().registration == full[1]
        response = client.post(
            url("check_in", training, day),
            {"registration": full[1].pk, "present": "0"},
            headers={"accept": "application/json"},
        )
        assert response.json()["count"] == 0
        assert not Attendance.objects.exists()

    def test_without_javascript_a_plain_post_comes_back_to_the_name(
        self, client, ilze, training, full
    ):
        day = attendance.sessions(training)[1].isoformat()
        response = client.post(
            url("check_in", training, day), {"registration": full[0].pk, "present": "1"}
        )
        assert response.status_code == 303
        assert response["Location"].endswith(f"#person-{full[0].pk}")
        assert Attendance.objects.get().session.isoformat() == day

    @pytest.mark.parametrize(
        "data", [{}, {"registration": "x", "present": "1"}, {"registration": "1", "present": "2"}]
    )
    def test_bad_input_is_a_400(self, client, ilze, training, full, data):
        day = attendance.sessions(training)[0].isoformat()
        assert client.post(url("check_in", training, day), data).status_code == 400
        assert not Attendance.objects.exists()

    def test_a_cancelled_or_another_events_registrant_is_refused(
        self, client, ilze, training, make_event
    ):
        day = attendance.sessions(training)[0].isoformat()
        cancelled = person(training, 1, Status.CANCELLED)
        stranger = person(make_event(slug="cits"), 2)
        for registration in (cancelled, stranger):
            response = client.post(
                url("check_in", training, day), {"registration": registration.pk, "present": "1"}
            )
            assert response.status_code == 400
        assert not Attendance.objects.exists()

    @pytest.mark.parametrize("day", ["2020-01-01", "vakar", "2026-02-30"])
    def test_a_day_without_a_session_is_404(self, client, ilze, training, day):
        assert final_status(client, url("check_in", training, day)) == 404
        assert final_status(client, url("sign_in_sheet", training, day)) == 404


class TestFiles:
    def test_xlsx_and_csv_downloads(self, client, ilze, training, full):
        attendance.mark(full[0], attendance.sessions(training)[0])
        response = client.get(url("export", training, "xlsx"))
        assert response.status_code == 200
        assert "regionalais-seminars.xlsx" in response["Content-Disposition"]
        sheet = load_workbook(io.BytesIO(response.content))["Dalībnieki"]
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0] == (
            "name",
            "email",
            "organisation",
            "status",
            "registered_at",
            "sessions_attended",
            "academic_hours",
        )
        assert rows[1][0] == "Ilze Ozoliņa" and rows[1][5:] == (1, 3)
        response = client.get(url("export", training, "csv") + "?part=municipalities")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "regionalais-seminars-municipalities.csv" in response["Content-Disposition"]

    @pytest.mark.parametrize("path", ["export.pdf", "export.csv?part=nav"])
    def test_an_unknown_format_or_part_is_400(self, client, ilze, training, path):
        base = url("index", training)
        assert client.get(base + path).status_code == 400

    def test_the_sign_in_sheet(self, client, ilze, training, full):
        day = attendance.sessions(training)[0]
        response = client.get(url("sign_in_sheet", training, day.isoformat()))
        assert response.status_code == 200
        html = response.content.decode()
        seen = visible_strings(html)
        assert "Parakstu lapa" in seen and "Paraksts" in seen
        assert training.title in seen
        assert "Ilze Ozoliņa" in seen and "Tukuma novada dome" in seen
        assert "Gaida Rinda" not in html
        assert "sign-in-sheet.css" in html
        assert '<html lang="lv">' in html

    def test_the_sign_in_sheet_carries_the_featured_projects_acknowledgement(
        self, client, ilze, training, home
    ):
        project = ProjectPageFactory(parent=home, title="Cilvēks: izmaiņu veicinātājs!")
        home.featured_project = project
        home.save()
        day = attendance.sessions(training)[0].isoformat()
        html = client.get(url("sign_in_sheet", training, day)).content.decode()
        assert project.acknowledgement
        assert project.acknowledgement in visible_strings(html)


class TestDashboard:
    def test_upcoming_events_with_seats_taken_and_waiting(self, client, ilze, training, full):
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert url("index", training) in html
        seen = visible_strings(html)
        assert "Reģistrācijas" in seen
        assert "Gaida" in seen

    def test_the_counts_are_per_event(self, ilze, training, full, make_event):
        other = make_event(slug="cits", start=training.start + datetime.timedelta(days=1))
        person(other, 1)
        person(training, 9, Status.CANCELLED)
        shown = {event.pk: event for event in upcoming_with_registrations(ilze)}
        assert (shown[training.pk].taken, shown[training.pk].waiting) == (2, 1)
        assert (shown[other.pk].taken, shown[other.pk].waiting) == (1, 0)
        assert list(shown) == [training.pk, other.pk]

    def test_nothing_for_the_outsider(self, client, outsider, training, full):
        client.force_login(outsider)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert url("index", training) not in html


def english_left(html: str) -> set[str]:
    """Visible strings that are still an English message of Wagtail or of the project."""
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale/lv/LC_MESSAGES/django.po"))
    ours = {entry.msgid for entry in catalogue if entry.msgstr and entry.msgstr != entry.msgid}
    english = (wagtail_messages() | ours) - SAME_IN_LATVIAN - LITERAL_IN_WAGTAIL_TEMPLATES
    # The e-mail language's choices name each language in itself (settings.LANGUAGES).
    english -= {name for _, name in settings.LANGUAGES}
    return visible_strings(html) & english


def test_every_screen_speaks_latvian(client, ilze, training, full):
    day = attendance.sessions(training)[0].isoformat()
    screens = [
        reverse("registrations:events"),
        url("index", training),
        url("add", training),
        url("move", training, full[0].pk),
        url("move", training, full[2].pk),
        url("check_in", training, day),
        url("sign_in_sheet", training, day),
        url("certificates", training),
        reverse("wagtailadmin_home"),
    ]
    for address in screens:
        response = client.get(address)
        assert response.status_code == 200, address
        assert not english_left(response.content.decode()), address


class TestIssuingCertificates:
    """Ilze issues the certificates from the admin, not from a command line."""

    def test_the_screen_lists_who_qualifies_and_post_issues_and_mails_once(
        self, client, ilze, training, full, django_capture_on_commit_callbacks
    ):
        for day in attendance.sessions(training):
            attendance.mark(full[0], day)
        attendance.mark(full[1], attendance.sessions(training)[0])
        page = client.get(url("certificates", training))
        assert page.status_code == 200
        seen = visible_strings(page.content.decode())
        assert "Ilze Ozoliņa" in seen and "Pēteris Kalniņš" not in seen
        assert "Izsniegt 1 sertifikātu un nosūtīt to" in seen

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("certificates", training), follow=True)
        assert "Tagad izsniegti sertifikāti: 1 (agrāk: 0). Nosūtāmie e-pasti: 1." in (
            visible_strings(response.content.decode())
        )
        assert [message.to for message in mail.outbox] == [["ilze@example.lv"]]
        assert mail.outbox[0].attachments[0][2] == "application/pdf"

        with django_capture_on_commit_callbacks(execute=True):
            client.post(url("certificates", training))
        assert len(mail.outbox) == 1
        assert "Nosūtīt vēl nenosūtītos sertifikātus" in visible_strings(
            client.get(url("certificates", training)).content.decode()
        )

    def test_nobody_present_issues_nothing(self, client, ilze, training, full):
        seen = visible_strings(client.get(url("certificates", training)).content.decode())
        assert any(text.startswith("Sertifikāts vēl nepienākas nevienam") for text in seen)
        client.post(url("certificates", training))
        assert not mail.outbox
