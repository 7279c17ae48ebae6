"""RSS and Atom feeds of the latest episodes, overall and per show: published episodes
only, newest first, each naming its transcript for podcast apps."""

from datetime import date
from xml.etree import ElementTree

import pytest

from episodes.feeds import FEED_SIZE
from tests.factories import EpisodeFactory, TranscriptFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
PODCAST_TRANSCRIPT = "{https://podcastindex.org/namespace/1.0}transcript"


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ElementTree.fromstring(response.content)


def rss_titles(root):
    return [item.findtext("title") for item in root.findall("./channel/item")]


def test_the_rss_feed_lists_published_episodes_newest_first(client, archive):
    assert rss_titles(feed(client, "/episodes/feed.rss")) == [
        "Aquifers (Field Notes, Mar 14, 2026)",
        "Soft Secession (Forum, Nov 14, 2025)",
        "Groundwater Blues (Forum, Jun 1, 2025)",
    ]


def test_a_shows_feed_lists_its_own_episodes_under_its_name(client, archive):
    root = feed(client, "/shows/forum/feed.rss")
    assert root.findtext("./channel/title") == "Forum: latest episodes"
    assert root.findtext("./channel/description") == "The newest episodes of Forum."
    assert rss_titles(root) == [
        "Soft Secession (Forum, Nov 14, 2025)",
        "Groundwater Blues (Forum, Jun 1, 2025)",
    ]


def test_a_show_with_a_description_describes_its_feed_with_it(client, archive):
    archive["forum"].description = "Conversations about California."
    archive["forum"].save()
    root = feed(client, "/shows/forum/feed.rss")
    assert root.findtext("./channel/description") == "Conversations about California."


@pytest.mark.parametrize("url", ["/episodes/feed.rss", "/shows/forum/feed.rss"])
def test_rss_items_with_a_transcript_name_it_with_a_podcast_transcript_element(
    client, archive, url
):
    transcripts = feed(client, url).findall(f".//{PODCAST_TRANSCRIPT}")
    assert [element.attrib for element in transcripts] == [
        {
            "url": "http://testserver/episodes/2025/11/14/soft-secession/transcript.vtt",
            "type": "text/vtt",
            "language": "en",
        }
    ]


@pytest.mark.parametrize("url", ["/episodes/feed.atom", "/shows/forum/feed.atom"])
def test_atom_feeds_list_the_same_episodes_and_transcripts(client, archive, url):
    root = feed(client, url)
    entries = root.findall(f"{ATOM}entry")
    expected = 3 if url.startswith("/episodes/") else 2
    assert len(entries) == expected
    assert "Soft Secession (Forum, Nov 14, 2025)" in [e.findtext(f"{ATOM}title") for e in entries]
    assert len(root.findall(f".//{PODCAST_TRANSCRIPT}")) == 1


def test_an_item_says_its_summary_or_else_its_description(client, archive):
    archive["first"].summary = "States that leave without leaving."
    archive["first"].description = "A long description."
    archive["first"].save()
    archive["second"].description = "Wells run dry."
    archive["second"].save()
    items = feed(client, "/shows/forum/feed.rss").findall("./channel/item")
    assert [item.findtext("description") for item in items] == [
        "States that leave without leaving.",
        "Wells run dry.",
    ]


def test_only_the_current_transcript_counts(client, archive):
    TranscriptFactory(episode=archive["second"], is_current=False)
    transcripts = feed(client, "/episodes/feed.rss").findall(f".//{PODCAST_TRANSCRIPT}")
    assert len(transcripts) == 1


def test_a_feed_holds_the_newest_episodes_only(client, archive):
    EpisodeFactory.create_batch(FEED_SIZE, show=archive["other"], air_date=date(2024, 1, 1))
    titles = rss_titles(feed(client, "/episodes/feed.rss"))
    assert len(titles) == FEED_SIZE
    assert titles[:2] == [
        "Aquifers (Field Notes, Mar 14, 2026)",
        "Soft Secession (Forum, Nov 14, 2025)",
    ]


def test_a_show_of_drafts_only_has_no_feed(client, archive):
    draft = EpisodeFactory(show__name="Unaired", is_published=False)
    for url in (f"/shows/{draft.show.slug}/feed.rss", f"/shows/{draft.show.slug}/feed.atom"):
        assert client.get(url).status_code == 404, url
