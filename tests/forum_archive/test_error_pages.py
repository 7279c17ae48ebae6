"""Friendly 404, 500 and 503 pages; the database-down path and its recovery; no tracebacks."""

import time

import pytest
from django.db import OperationalError, connections
from django.test import RequestFactory
from django.urls import path

from forum_archive.errors import server_error
from forum_archive.urls import handler500
from forum_archive.urls import urlpatterns as site_urlpatterns

SECRET_MARKERS = ("Traceback", "SECRET_KEY", "settings.py", "DATABASES", "File &quot;")


def broken_view(request):
    raise RuntimeError("a bug in a view")


def database_gone_view(request):
    raise OperationalError("connection to server on socket failed: No such file or directory")


# This module is also the URLconf of the tests marked with it: the site plus two bad views.
urlpatterns = [
    path("broken/", broken_view),
    path("database-gone/", database_gone_view),
    *site_urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]


@pytest.fixture
def visitor(client):
    client.raise_request_exception = False  # see what a visitor sees, as in production
    return client


def assert_friendly(response, status, message):
    """The friendly error page: ``status``, saying ``message``, naming nothing internal."""
    assert response.status_code == status
    body = response.content.decode()
    assert message in body
    for marker in SECRET_MARKERS:
        assert marker not in body


@pytest.mark.django_db
def test_an_unknown_page_answers_the_friendly_404(visitor):
    response = visitor.get("/no-such-page/")
    assert_friendly(response, 404, "We couldn’t find that page")


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_bug_answers_the_friendly_500_page_without_a_traceback(visitor):
    response = visitor.get("/broken/")
    assert_friendly(response, 500, "Something went wrong on our side")
    assert "a bug in a view" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_lost_database_connection_in_a_view_answers_503_with_retry_after(visitor):
    response = visitor.get("/database-gone/")
    assert_friendly(response, 503, "The archive is temporarily unavailable")
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


def test_a_database_error_outside_a_view_reaches_the_503_page_through_handler500():
    request = RequestFactory().get("/episodes/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert "temporarily unavailable" in response.content.decode()


def test_handler500_gives_the_500_page_for_other_errors():
    try:
        raise ValueError("not the database")
    except ValueError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.fixture
def unreachable_database(django_db_setup, django_db_blocker):
    """Point the connection at a socket folder that does not exist, as an outage does;
    ``restore()`` brings the real settings back (the server 'comes back')."""
    connection = connections["default"]
    saved = dict(connection.settings_dict)

    def restore():
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)

    with django_db_blocker.unblock():
        connection.close()
        connection.settings_dict.update(HOST="/nonexistent-postgres-socket", PORT="")
        try:
            yield restore
        finally:
            restore()
            connection.close()


@pytest.mark.parametrize("url", ["/", "/episodes/", "/speakers/", "/search/?q=water"])
def test_pages_answer_503_at_once_when_postgresql_is_unreachable(client, unreachable_database, url):
    started = time.monotonic()
    response = client.get(url)
    assert time.monotonic() - started < 2
    assert_friendly(response, 503, "The archive is temporarily unavailable")


def test_healthz_says_unavailable_then_ok_when_postgresql_comes_back(client, unreachable_database):
    assert client.get("/healthz").status_code == 503
    assert client.get("/episodes/").status_code == 503
    unreachable_database()  # the server is back; no restart of anything here
    assert client.get("/episodes/").status_code == 200
    assert client.get("/healthz").json()["status"] == "ok"


def test_during_an_outage_pages_already_cached_are_still_served(
    client, unreachable_database, settings
):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    unreachable_database()  # up while the page is first asked for
    assert client.get("/episodes/")["X-Cache"] == "miss"
    connections["default"].close()
    connections["default"].settings_dict.update(HOST="/nonexistent-postgres-socket", PORT="")
    try:
        assert client.get("/episodes/")["X-Cache"] == "hit"
        assert client.get("/speakers/").status_code == 503
    finally:
        cache.clear()


def test_the_connect_timeout_is_short():
    from django.conf import settings

    assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] <= 3
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/episodes/?show=%00", "/speakers/?name=a%00b", "/%00/"])
def test_a_nul_character_in_an_address_is_a_400_not_a_500(client, url):
    assert client.get(url).status_code == 400
