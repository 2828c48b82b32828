"""Admin login throttling: 10 wrong passwords lock the username, and the address they came from."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.utils import timezone

RIGHT = "Pareiza-parole-42"
LOGIN = "/admin/login/"


@pytest.fixture
def editor(db) -> User:
    return User.objects.create_user("ilze", password=RIGHT, is_staff=True)


def log_in(password: str, address: str = "198.51.100.7", username: str = "ilze", **headers: str):
    return Client(REMOTE_ADDR=address, **headers).post(
        LOGIN, {"username": username, "password": password}
    )


def fail(times: int, address: str = "198.51.100.7", **headers: str) -> None:
    for _ in range(times):
        response = log_in("nepareiza", address, **headers)
        assert response.status_code in (200, 429)


def test_right_password_logs_in(editor):
    response = log_in(RIGHT)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_nine_wrong_passwords_do_not_lock(editor):
    fail(9)
    assert log_in(RIGHT).status_code == 302


def test_after_ten_wrong_passwords_even_the_right_one_is_refused(editor):
    fail(10)
    response = log_in(RIGHT)
    assert response.status_code == 429
    assert "_auth_user_id" not in response.client.session


def test_lockout_page_speaks_latvian(editor):
    fail(10)
    response = log_in(RIGHT)
    page = response.content.decode()
    assert '<html lang="lv">' in page
    assert "Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu" in page
    assert "uz 15 minūtēm" in page


def test_a_right_password_before_the_limit_starts_the_count_again(editor):
    fail(9)
    assert log_in(RIGHT).status_code == 302
    fail(9)
    assert log_in(RIGHT).status_code == 302
    fail(10)
    assert log_in(RIGHT).status_code == 429


def test_a_locked_username_stays_locked_from_another_address(editor):
    fail(10, address="198.51.100.7")
    assert log_in(RIGHT, address="203.0.113.9").status_code == 429


def test_a_locked_address_does_not_lock_a_colleague_elsewhere(editor):
    User.objects.create_user("janis", password=RIGHT, is_staff=True)
    fail(10, address="198.51.100.7")
    assert log_in(RIGHT, address="203.0.113.9", username="janis").status_code == 302
    assert log_in(RIGHT, address="198.51.100.7", username="janis").status_code == 429


def test_wrong_passwords_spread_over_usernames_lock_the_address(editor):
    # 36 wrong passwords over 4 usernames from one address all went through before.
    answers = [
        log_in("nepareiza", username=name).status_code
        for _ in range(9)
        for name in ("ilze", "janis", "admin", "redaktors")
    ]
    assert answers[:9] == [200] * 9
    assert set(answers[10:]) == {429}
    assert log_in(RIGHT).status_code == 429


def test_wrong_passwords_spread_over_addresses_lock_the_username(editor):
    for n in range(10):
        assert log_in("nepareiza", address=f"198.51.100.{n}").status_code in (200, 429)
    assert log_in(RIGHT, address="203.0.113.9").status_code == 429


def test_logging_in_to_ones_own_account_does_not_clear_guesses_at_another(editor):
    User.objects.create_user("janis", password=RIGHT, is_staff=True)
    fail(9)
    assert log_in(RIGHT, username="janis").status_code == 302
    assert log_in("nepareiza").status_code == 429


def test_the_lock_ends_after_fifteen_minutes(editor):
    fail(10)
    assert log_in(RIGHT).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(RIGHT).status_code == 302


def test_without_trusted_proxies_a_forged_forwarded_header_changes_nothing(editor):
    fail(10, HTTP_X_FORWARDED_FOR="192.0.2.1")
    # A new forged address does not escape the lock: the connecting address counts.
    assert log_in(RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_address_it_forwards_is_locked(editor):
    proxy = "127.0.0.1"
    fail(10, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    locked = log_in(RIGHT, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert locked.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"
    # A colleague behind the same proxy can still log in.
    User.objects.create_user("janis", password=RIGHT, is_staff=True)
    colleague = log_in(RIGHT, address=proxy, username="janis", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert colleague.status_code == 302
