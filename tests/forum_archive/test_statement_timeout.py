"""No anonymous address can stall the archive (issue 13, finding 1): every statement
of a public page is cancelled past PUBLIC_STATEMENT_TIMEOUT_MS with a friendly 503.

(The cap on the number of speakers a list may ask for is tested with the filters,
tests/episodes/test_filters.py.)
"""

import pytest
from django.db import connection
from django.urls import path

from forum_archive.urls import handler500
from forum_archive.urls import urlpatterns as site_urlpatterns


def sleeping_view(request):
    """A page whose one query runs for two seconds."""
    from django.http import HttpResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(2)")
    return HttpResponse("slept")


def timeout_setting_view(request):
    from django.http import HttpResponse

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return HttpResponse(cursor.fetchone()[0])


def iterating_view(request):
    """A page that reads rows through a server-side cursor (QuerySet.iterator())."""
    from django.contrib.auth.models import Group
    from django.http import HttpResponse

    names = [group.name for group in Group.objects.iterator(chunk_size=10)]
    return timeout_setting_view(request) if not names else HttpResponse("groups")


# This module is also the URLconf of the tests marked with it: the site plus two views.
urlpatterns = [
    path("sleep/", sleeping_view),
    path("timeout-setting/", timeout_setting_view),
    path("iterate/", iterating_view),
    *site_urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]


@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_a_public_query_past_the_statement_timeout_is_a_friendly_503(client, settings):
    settings.PUBLIC_STATEMENT_TIMEOUT_MS = 200
    client.raise_request_exception = False
    response = client.get("/sleep/")
    assert response.status_code == 503
    assert "took too long" in response.content.decode()
    assert response["Retry-After"]
    # The connection goes on serving, without the public limit outside public requests.
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_public_pages_run_under_the_timeout_and_staff_screens_do_not(client, settings):
    settings.PUBLIC_STATEMENT_TIMEOUT_MS = 3000
    assert client.get("/timeout-setting/").content.decode() == "3s"
    assert client.post("/timeout-setting/").content.decode() == "0"


@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_one_kept_connection_switches_between_public_and_staff_limits(client, settings):
    # Outside a test transaction the session keeps the timeout between public pages
    # (no set and reset around each); whatever asks next gets its own limit.
    settings.PUBLIC_STATEMENT_TIMEOUT_MS = 3000
    assert client.get("/timeout-setting/").content.decode() == "3s"
    assert client.get("/timeout-setting/").content.decode() == "3s"
    assert client.post("/timeout-setting/").content.decode() == "0"
    assert client.get("/timeout-setting/").content.decode() == "3s"
    settings.PUBLIC_STATEMENT_TIMEOUT_MS = 200
    assert client.get("/timeout-setting/").content.decode() == "200ms"
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_a_server_side_cursor_after_a_public_page_runs_without_the_limit(client, settings):
    settings.PUBLIC_STATEMENT_TIMEOUT_MS = 3000
    assert client.get("/iterate/").content.decode() == "3s"
    assert client.post("/iterate/").content.decode() == "0"
    assert client.get("/iterate/").content.decode() == "3s"
