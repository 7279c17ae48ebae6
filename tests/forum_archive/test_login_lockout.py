"""Password guessing on the admin login is stopped (django-axes), then lifted after the cool-off."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone

from forum_archive.client_ip import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-test-password"  # the factories' password


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Every attempt hashes a password; the production hasher takes ~0.3 s each time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": "staff", "password": password}, REMOTE_ADDR=address)


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


def guess_until_locked_out(client, address="203.0.113.7"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, "wrong-guess", address)
    return response


def test_a_few_wrong_passwords_only_show_the_form_again(client, staff_user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "wrong-guess")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    assert log_in(client, PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_after_the_failure_limit_even_the_right_password_is_refused(client, staff_user):
    locked = guess_until_locked_out(client)
    assert locked.status_code == 429
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert not is_signed_in(client)


def test_the_lockout_page_is_the_sites_own_and_shows_no_inline_code(client, staff_user):
    response = guess_until_locked_out(client)
    assert "Forum Archive" in response.content.decode()
    assert "<script>" not in response.content.decode()
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_lockout_is_lifted_after_the_cool_off(client, staff_user):
    guess_until_locked_out(client)
    assert log_in(client, PASSWORD).status_code == 429
    # Let the cool-off pass: move the recorded failures back in time.
    past = timezone.now() - settings.AXES_COOLOFF_TIME - timezone.timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=past)
    assert log_in(client, PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_a_lockout_holds_one_client_address_not_everyone(client, staff_user):
    guess_until_locked_out(client, address="203.0.113.7")
    assert log_in(client, PASSWORD, address="198.51.100.20").status_code == 302


def test_behind_proxies_the_client_address_comes_from_x_forwarded_for(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    # The client may have written 6.6.6.6 itself; our one proxy appended 203.0.113.7.
    assert client_ip(request) == "203.0.113.7"


def test_without_trusted_proxies_a_forged_x_forwarded_for_is_ignored(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "203.0.113.7"


def test_a_request_that_bypassed_the_proxies_is_judged_by_its_own_address(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "203.0.113.7"
