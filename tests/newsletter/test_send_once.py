"""An issue goes to a list once, even when two sends start at the same moment.

A double click on "Confirm and send", or the command run twice at once: each
request checks that the list has not had the issue, and before the database
guarded it both checks passed and both made a dispatch. The tests hold every
sender at the point where it has checked and is rendering the issue, then let
them all insert at once, from threads with their own database connections (on
PostgreSQL truly concurrent). Exactly one dispatch may come out; the others
get the clear refusal, never a 500.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from demo.newsletter import build_newsletter
from newsletter import sending
from newsletter.models import Delivery, Dispatch, MailingList, NewsletterIssuePage, Subscriber
from tests.support.factories import UserFactory

SENDERS = 4


@pytest.fixture
def issue(committed_home) -> NewsletterIssuePage:
    """The demo issue, committed so that every thread's connection sees it."""
    build_newsletter(committed_home)
    return NewsletterIssuePage.objects.get(locale__language_code="lv")


@pytest.fixture
def small_list(issue) -> MailingList:
    """Three confirmed people: enough to count copies, quick to send eagerly."""
    small = MailingList.objects.create(name="Trīs partneri", slug="tris-partneri")
    small.subscribers.set(Subscriber.objects.filter(status="confirmed").order_by("pk")[:3])
    return small


@pytest.fixture
def all_at_once(monkeypatch) -> None:
    """Every sender waits, having passed the "already sent?" check, until all have."""
    barrier = threading.Barrier(SENDERS, timeout=60)
    render = sending.render_issue

    def render_when_all_have_checked(page):
        barrier.wait()
        return render(page)

    monkeypatch.setattr(sending, "render_issue", render_when_all_have_checked)


def in_parallel(send: Callable[[int], object]) -> list[object]:
    """Run `send` in SENDERS threads at once; each answer, or the exception raised."""

    def one(number: int) -> object:
        try:
            return send(number)
        except Exception as error:  # noqa: BLE001 – the test looks at what each one got
            return error
        finally:
            connection.close()  # the thread's own connection

    with ThreadPoolExecutor(SENDERS) as pool:
        return list(pool.map(one, range(SENDERS)))


@pytest.mark.django_db(transaction=True)
class TestOneDispatchPerIssueAndList:
    def test_concurrent_dispatches_make_one_and_refuse_the_rest(
        self, issue, small_list, all_at_once
    ):
        results = in_parallel(lambda _n: sending.create_dispatch(issue, [small_list]))

        made = [result for result in results if isinstance(result, Dispatch)]
        refused = [result for result in results if isinstance(result, sending.SendRefused)]
        assert len(made) == 1 and len(refused) == SENDERS - 1, results
        assert all("Trīs partneri" in str(error) for error in refused)
        assert Dispatch.objects.count() == 1
        assert Delivery.objects.count() == 3

    def test_a_double_click_in_the_admin_sends_once_and_answers_the_second_with_a_refusal(
        self, issue, small_list, all_at_once, mailoutbox
    ):
        # A superuser: an earlier transactional test's flush took the managers' group.
        manager = UserFactory(is_superuser=True, email="liga@example.org")
        url = reverse("dispatches:send", args=[issue.pk])
        data = {"action": "confirm", "step": "review", "lists": [small_list.pk]}

        # One browser session each, logged in before the clicks.
        clients = [Client() for _ in range(SENDERS)]
        for client in clients:
            client.force_login(manager)

        responses = in_parallel(lambda number: clients[number].post(url, data))

        statuses = sorted(getattr(response, "status_code", response) for response in responses)
        assert statuses == [302] + [400] * (SENDERS - 1), responses
        refusal = next(response for response in responses if response.status_code == 400)
        assert "Trīs partneri" in refusal.content.decode()
        assert Dispatch.objects.count() == 1
        # Sent eagerly once the dispatch committed: one copy each.
        assert sorted(message.to[0] for message in mailoutbox) == sorted(
            small_list.subscribers.values_list("email", flat=True)
        )

    def test_the_command_run_twice_at_once_sends_once(self, issue, all_at_once):
        results = in_parallel(lambda _n: call_command("newsletter_send", str(issue.pk)))

        refused = [result for result in results if isinstance(result, CommandError)]
        assert len(refused) == SENDERS - 1, results
        assert all("already been sent" in str(error) for error in refused)
        assert Dispatch.objects.count() == 1

    def test_a_cancelled_send_frees_the_list_for_a_new_one(self, issue, small_list):
        first = sending.create_dispatch(issue, [small_list])
        with pytest.raises(sending.SendRefused):
            sending.create_dispatch(issue, [small_list])
        sending.cancel(first)
        second = sending.create_dispatch(issue, [small_list])
        assert second.pk != first.pk
