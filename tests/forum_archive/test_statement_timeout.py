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


# This module is also the URLconf of the tests marked with it: the site plus two views.
urlpatterns = [
    path("sleep/", sleeping_view),
    path("timeout-setting/", timeout_setting_view),
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
