"""The feedback form (SPEC 9): messages reach staff by e-mail from a task, are
listed in the admin, guarded against bots and kept for a limited time."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from home import feedback, tasks
from home.models import FeedbackFormField, FeedbackFormPage
from tests.support.factories import PageFactory, UserFactory


class FeedbackFormPageFactory(PageFactory):
    class Meta:
        model = FeedbackFormPage

    title = "Atsauksmes"
    to_address = "info@example.org"


@pytest.fixture
def form_page(home):
    page = FeedbackFormPageFactory(parent=home)
    for order, (label, kind, required) in enumerate(
        [("Ziņa", "multiline", True), ("Vārds", "singleline", False), ("E-pasts", "email", False)]
    ):
        FeedbackFormField.objects.create(
            page=page, sort_order=order, label=label, field_type=kind, required=required
        )
    return page


def test_the_form_has_its_id_and_takes_the_page_it_is_about(client, form_page):
    html = client.get(form_page.url, {"about": "/lv/par-mums/"}).content.decode()
    assert '<form id="feedback-form"' in html
    assert 'value="/lv/par-mums/"' in html
    assert "Lapa, par kuru rakstāt" in html


def test_a_message_is_stored_and_mailed_to_staff_after_the_answer(
    client, form_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            form_page.url,
            {"zina": "Attēlam trūkst apraksta.", "vards": "Anna", "about": "/lv/par-mums/"},
        )
        assert response.status_code == 200
        assert "Paldies! Jūsu ziņa ir saņemta." in response.content.decode()
        assert mail.outbox == []  # nothing is sent inside the request
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.form_data["zina"] == "Attēlam trūkst apraksta."
    assert "website" not in submission.form_data
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == ["info@example.org"]
    assert "Ziņa: Attēlam trūkst apraksta." in message.body
    assert "Lapa / Page: /lv/par-mums/" in message.body


def test_a_message_without_its_text_is_refused_and_nothing_stored(client, form_page):
    response = client.post(form_page.url, {"vards": "Anna"})
    assert response.status_code == 400
    assert "Lūdzu, izlabojiet" in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_a_bot_filling_the_trap_is_thanked_and_forgotten(client, form_page):
    response = client.post(form_page.url, {"zina": "Buy now", "website": "http://spam"})
    assert response.status_code == 200
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_many_messages_from_one_address_are_limited(client, form_page):
    for _ in range(feedback.SUBMISSION_LIMIT):
        assert client.post(form_page.url, {"zina": "Sveiki"}).status_code == 200
    assert client.post(form_page.url, {"zina": "Sveiki"}).status_code == 429
    assert FormSubmission.objects.count() == feedback.SUBMISSION_LIMIT


def test_old_messages_are_deleted_after_the_retention_period(form_page, settings):
    settings.FEEDBACK_RETENTION_DAYS = 365
    old = FormSubmission.objects.create(page=form_page, form_data={"zina": "vecs"})
    new = FormSubmission.objects.create(page=form_page, form_data={"zina": "jauns"})
    FormSubmission.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=366)
    )
    assert feedback.purge_old_submissions() == 1
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [new.pk]


def test_staff_read_the_messages_in_the_admin(client, form_page):
    FormSubmission.objects.create(
        page=form_page, form_data={"zina": "Attēlam trūkst apraksta.", "about": "/lv/par-mums/"}
    )
    staff = UserFactory(groups=["Redaktori"])
    client.force_login(staff)
    html = client.get(f"/admin/forms/submissions/{form_page.pk}/").content.decode()
    assert "Attēlam trūkst apraksta." in html


def test_old_messages_are_deleted_every_night_by_beat(form_page, settings):
    jobs = [job["task"] for job in settings.CELERY_BEAT_SCHEDULE.values()]
    assert tasks.purge_old_form_submissions.name in jobs
    old = FormSubmission.objects.create(page=form_page, form_data={"zina": "vecs"})
    FormSubmission.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=settings.FEEDBACK_RETENTION_DAYS + 1)
    )
    tasks.purge_old_form_submissions()
    assert not FormSubmission.objects.exists()


def test_the_privacy_page_states_the_retention_period_the_site_keeps(client, demo, settings):
    assert settings.FEEDBACK_RETENTION_DAYS == 365  # twelve months, as the page says
    html = client.get("/lv/privatuma-politika/").content.decode()
    assert "atsauksmju veidlapu, dzēšam pēc 12 mēnešiem" in html
