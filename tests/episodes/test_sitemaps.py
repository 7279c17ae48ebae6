"""The sitemap: every public page a search engine may index, and nothing of a draft."""

from xml.etree import ElementTree

import pytest
from django.utils import timezone

from tests.factories import AppearanceFactory, EpisodeFactory, SpeakerFactory, TopicFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc").removeprefix("http://testserver"): url.findtext(
            f"{SITEMAP}lastmod"
        )
        for url in root.findall(f"{SITEMAP}url")
    }


def test_the_sitemap_lists_exactly_the_public_pages(client, archive):
    assert set(locations(client)) == {
        "/",
        "/episodes/",
        "/speakers/",
        "/topics/",
        "/shows/",
        "/episodes/2026/03/14/aquifers/",
        "/episodes/2025/11/14/soft-secession/",
        "/episodes/2025/06/01/groundwater-blues/",
        "/speakers/alexis-madrigal/",
        "/speakers/eleni-kounalakis/",
        "/topics/water/",
        "/topics/housing/",
        "/shows/forum/",
        "/shows/field-notes/",
    }


def test_nothing_only_a_draft_has_is_listed(client, archive):
    draft = EpisodeFactory(title="Unaired", show__name="Secret Show", is_published=False)
    draft.topics.add(TopicFactory(name="Secret Topic"))
    AppearanceFactory(episode=draft, speaker=SpeakerFactory(name="Private Caller"))
    listed = " ".join(locations(client))
    for slug in ("unaired", "secret-draft", "secret-show", "secret-topic", "private-caller"):
        assert slug not in listed


def test_an_episode_says_when_it_last_changed(client, archive):
    # The sitemap writes the archive's own calendar date (TIME_ZONE), which for
    # eight hours of every day is not the date in UTC.
    episode = archive["first"]
    changed = timezone.localtime(episode.updated_at)
    assert locations(client)[episode.get_absolute_url()] == f"{changed:%Y-%m-%d}"
