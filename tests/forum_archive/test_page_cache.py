"""The page cache for anonymous visitors: what it keeps, and what it never keeps."""

import contextlib
import secrets

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, TestCase

from episodes.cached import GENERATION_KEY
from episodes.models import Episode
from episodes.services import set_published
from forum_archive.page_cache import forget_cached_pages
from staff.uploads import keep_upload
from tests.factories import SegmentFactory
from transcripts.models import Segment
from transcripts.pipeline import prepare_transcript
from transcripts.services import edit_segment, import_transcript

TEXT = b"Rosa Delgado: Welcome to the programme.\n\nSam Ortiz: Thanks for having me.\n"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def episode_url():
    return SegmentFactory().transcript.episode.get_absolute_url()


def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, episode_url, django_assert_num_queries
):
    first = client.get(episode_url)
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(episode_url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


def test_browsers_and_cdns_may_keep_a_page_a_minute_at_most(client, settings, episode_url):
    settings.PAGE_CACHE_SECONDS = 300
    for response in (client.get(episode_url), client.get(episode_url)):  # a miss, then a hit
        assert "public" in response["Cache-Control"]
        assert "max-age=60" in response["Cache-Control"]


def test_a_browser_revalidating_its_copy_gets_a_304_without_the_body(client, episode_url):
    first = client.get(episode_url)
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(episode_url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    since = client.get(episode_url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304


def test_a_copy_from_before_a_change_is_sent_again_in_full(client, episode_url):
    first = client.get(episode_url)
    with TestCase.captureOnCommitCallbacks(execute=True):
        edit_segment(Segment.objects.get(), text="A corrected paragraph.")
    again = client.get(episode_url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert "A corrected paragraph." in again.content.decode()


def test_each_query_string_is_a_page_of_its_own(client):
    client.get("/episodes/", {"sort": "oldest"})
    assert client.get("/episodes/", {"sort": "title"})["X-Cache"] == "miss"
    assert client.get("/episodes/", {"sort": "oldest"})["X-Cache"] == "hit"


def test_signed_in_visitors_neither_read_nor_fill_the_cache(client, staff_user, episode_url):
    client.get(episode_url)  # anonymous: cached
    client.force_login(staff_user)
    response = client.get(episode_url)
    assert "X-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/healthz", "/no-such-page/", "/admin/login/"])
def test_health_checks_errors_and_the_admin_are_never_cached(client, url):
    client.get(url)
    assert "X-Cache" not in client.get(url)


def test_a_response_that_sets_a_cookie_is_not_cached(client):
    # The admin login sets the CSRF cookie; even outside /admin/ such a page is personal.
    from forum_archive.page_cache import AnonymousPageCacheMiddleware

    response = client.get("/admin/login/")
    assert response.cookies
    assert not AnonymousPageCacheMiddleware._is_cacheable_response(response)


def test_the_cache_is_off_with_zero_seconds(client, settings, episode_url):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(episode_url)
    assert "X-Cache" not in client.get(episode_url)


def test_unpublishing_takes_the_episode_out_of_cached_pages_at_once(client, episode_url):
    assert client.get(episode_url).status_code == 200
    assert client.get(episode_url)["X-Cache"] == "hit"
    with TestCase.captureOnCommitCallbacks(execute=True):
        set_published(Episode.objects.all(), published=False)  # an .update(): no save signal
    assert client.get(episode_url).status_code == 404


def test_an_edited_paragraph_shows_at_once_on_cached_pages(client, episode_url):
    client.get(episode_url)
    with TestCase.captureOnCommitCallbacks(execute=True):
        edit_segment(Segment.objects.get(), text="A corrected paragraph.")
    assert "A corrected paragraph." in client.get(episode_url).content.decode()


def test_a_new_version_of_the_transcript_shows_at_once_on_cached_pages(client):
    episode = import_transcript(TEXT, filename="2025-11-14-water-week.txt", show="Forum").episode
    url = episode.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    with TestCase.captureOnCommitCallbacks(execute=True):
        import_transcript(b"Rosa Delgado: A new version.\n", episode=episode, replace=True)
    page = client.get(url)
    assert page["X-Cache"] == "miss"
    assert "A new version." in page.content.decode()


def test_a_write_rolled_back_leaves_cached_pages_as_they_were(client, episode_url):
    before = client.get(episode_url).content
    with (
        TestCase.captureOnCommitCallbacks(execute=True) as announced,
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        edit_segment(Segment.objects.get(), text="A paragraph that never was.")
        raise RuntimeError("something failed later in the same transaction")
    assert announced == []
    again = client.get(episode_url)
    assert again["X-Cache"] == "hit"
    assert again.content == before


def test_starting_an_upload_leaves_cached_pages_as_they_were(client, episode_url, staff_user):
    client.get(episode_url)
    with TestCase.captureOnCommitCallbacks(execute=True) as announced:
        keep_upload(
            user=staff_user,
            file_name="upload.txt",
            data=TEXT,
            prepared=prepare_transcript(TEXT, filename="upload.txt"),
        )
    assert announced == []
    assert client.get(episode_url)["X-Cache"] == "hit"


def test_one_forget_makes_cached_fragments_stale_too(client, staff_user, episode_url):
    client.force_login(staff_user)  # signed in: no whole-page cache, the fragments only
    client.get(episode_url)
    Segment.objects.update(text="Changed behind the services' backs.")
    assert "Changed behind" not in client.get(episode_url).content.decode()  # a cached fragment
    forget_cached_pages()
    assert "Changed behind" in client.get(episode_url).content.decode()


def test_an_episode_deleted_in_the_admin_leaves_cached_pages_at_once(
    client, staff_user, episode_url
):
    episode = Episode.objects.get()
    client.get(episode_url)
    staff = Client()
    staff.force_login(staff_user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        staff.post(f"/admin/episodes/episode/{episode.pk}/delete/", {"post": "yes"})
    assert not Episode.objects.exists()
    assert client.get(episode_url).status_code == 404


def test_a_cache_that_evicts_the_generation_never_brings_back_older_pages(client, episode_url):
    """File and locmem caches cull entries at random when full, the generation among them."""
    assert client.get(episode_url).status_code == 200  # cached under the first generation
    with TestCase.captureOnCommitCallbacks(execute=True):
        set_published(Episode.objects.all(), published=False)
    cache.delete(GENERATION_KEY)
    assert client.get(episode_url).status_code == 404


@pytest.mark.parametrize(
    ("environment", "backend"),
    [
        ({"DEBUG": "0"}, "FileBasedCache"),
        ({"DEBUG": "0", "CACHE_URL": "memcached://cache.example.org:11211"}, "PyMemcacheCache"),
        ({"DEBUG": "1"}, "LocMemCache"),
    ],
)
def test_production_shares_one_cache_between_workers_by_default(environment, backend):
    import os
    import subprocess
    import sys

    from tests.shared_files import REPO

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "archive.example.org",
        **environment,
    }
    printed = subprocess.run(
        [sys.executable, "-c", "from forum_archive import settings; print(settings.CACHES)"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert backend in printed
    if backend == "FileBasedCache":
        assert str(REPO / "var" / "cache") in printed
