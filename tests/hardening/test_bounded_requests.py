"""Finding 1: no anonymous address can stall the archive.

A list of ~40 speakers took 10.8 s (a join per speaker, facets on top); now the
number of speakers is capped with a 400 that names the limit, the speaker filter
is one grouped subquery whatever the number of speakers, and every statement of a
public page is cancelled past PUBLIC_STATEMENT_TIMEOUT_MS with a friendly 503.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path

from episodes.filters import MAX_SPEAKERS
from forum_archive.urls import handler500
from forum_archive.urls import urlpatterns as site_urlpatterns
from tests.factories import AppearanceFactory, EpisodeFactory, SpeakerFactory


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


@pytest.fixture
def ensemble(db):
    """Twelve speakers; episode "All" has all of them, "Some" the first three."""
    speakers = [SpeakerFactory(name=f"Speaker Number{n}") for n in range(12)]
    every = EpisodeFactory(title="All")
    some = EpisodeFactory(title="Some")
    for speaker in speakers:
        AppearanceFactory(episode=every, speaker=speaker)
    for speaker in speakers[:3]:
        AppearanceFactory(episode=some, speaker=speaker)
    return speakers


def speakers_query(speakers):
    return "&".join(f"speaker={speaker.slug}" for speaker in speakers)


@pytest.mark.parametrize("url", ["/episodes/", "/search/", "/search/feed/rss/"])
def test_forty_speakers_are_refused_with_a_400_that_names_the_limit(client, ensemble, url):
    slugs = "&".join(f"speaker=someone-{n}" for n in range(40))
    response = client.get(f"{url}?q=word&{slugs}")
    assert response.status_code == 400
    assert f"at most {MAX_SPEAKERS} speakers" in response.content.decode()


def test_the_limit_is_counted_before_any_lookup(client, ensemble):
    slugs = "&".join(f"speaker=someone-{n}" for n in range(5000))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/episodes/?{slugs}")
    assert response.status_code == 400
    assert not any("someone-1" in query["sql"] for query in queries.captured_queries)


def test_episodes_where_all_the_chosen_speakers_speak(client, ensemble):
    page = client.get(f"/episodes/?{speakers_query(ensemble[:3])}").content.decode()
    assert ">All</a>" in page and ">Some</a>" in page
    page = client.get(f"/episodes/?{speakers_query(ensemble[:MAX_SPEAKERS])}").content.decode()
    assert ">All</a>" in page and ">Some</a>" not in page


def test_the_speaker_filter_costs_the_same_queries_for_two_speakers_or_ten(client, ensemble):
    shapes = []
    for chosen in (ensemble[:2], ensemble[:MAX_SPEAKERS]):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/episodes/?{speakers_query(chosen)}").status_code == 200
        # Each query mentions the appearance table as often whatever the number of
        # speakers: no join per speaker.
        shapes.append([query["sql"].count("episodes_appearance") for query in queries])
    assert shapes[0] == shapes[1]


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
