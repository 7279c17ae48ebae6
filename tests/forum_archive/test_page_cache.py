"""The page cache for anonymous visitors: what it keeps, and what it never keeps."""

import pytest
from django.core.cache import cache

from tests.factories import SegmentFactory

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


def test_cached_pages_may_be_kept_by_a_shared_cache_for_the_same_time(client, episode_url):
    response = client.get(episode_url)
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]


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
    from forum_archive.middleware import AnonymousPageCacheMiddleware

    response = client.get("/admin/login/")
    assert response.cookies
    assert not AnonymousPageCacheMiddleware._is_cacheable_response(response)


def test_the_cache_is_off_with_zero_seconds(client, settings, episode_url):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(episode_url)
    assert "X-Cache" not in client.get(episode_url)


def test_unpublishing_takes_the_episode_out_of_cached_pages_at_once(client, episode_url):
    from django.test import TestCase

    from episodes.models import Episode
    from episodes.services import set_published

    assert client.get(episode_url).status_code == 200
    assert client.get(episode_url)["X-Cache"] == "hit"
    with TestCase.captureOnCommitCallbacks(execute=True):
        set_published(Episode.objects.all(), published=False)
    assert client.get(episode_url).status_code == 404


def test_an_edited_paragraph_shows_at_once_on_cached_pages(client, episode_url):
    from django.test import TestCase

    from transcripts.models import Segment

    client.get(episode_url)
    segment = Segment.objects.get()
    with TestCase.captureOnCommitCallbacks(execute=True):
        segment.text = "A corrected paragraph."
        segment.save()
    assert "A corrected paragraph." in client.get(episode_url).content.decode()
