"""The public pages through Django's test client: what a reader sees, and what it costs."""

from datetime import date

import pytest

from tests.episodes.conftest import page
from tests.factories import (
    AppearanceFactory,
    EpisodeFactory,
    SegmentFactory,
    SpeakerFactory,
    TranscriptFactory,
)

pytestmark = pytest.mark.django_db


def test_home_shows_latest_episodes_shows_speakers_and_a_search_box(client, archive):
    html = page(client, "/")
    assert "Aquifers" in html and "Soft Secession" in html
    assert "Secret Draft" not in html
    assert 'action="/search/"' in html
    assert "Alexis Madrigal" in html and "2 episodes" in html


def test_episode_list_paginates_newest_first_by_default(client, archive):
    EpisodeFactory.create_batch(25, show=archive["other"], air_date=date(2020, 1, 1))
    html = page(client, "/episodes/")
    assert "28 episodes" in html and "Page 1 of 2" in html
    assert html.index("Aquifers") < html.index("Soft Secession") < html.index("Groundwater Blues")
    assert "Page 2 of 2" in page(client, "/episodes/", page=2)


def test_the_filters_narrow_the_list(client, archive):
    html = page(client, "/episodes/", show="forum", topic="water", speaker="alexis-madrigal")
    results = html[html.index('id="results"') :]
    assert "Soft Secession" in results and "Groundwater Blues" in results
    assert "Aquifers" not in results and "Secret Draft" not in results


def test_the_list_shows_how_many_episodes_each_choice_would_give(client, archive):
    html = page(client, "/episodes/", show="forum")
    assert 'Water <span class="count">(2)</span>' in html
    assert 'Housing <span class="count">(1)</span>' in html
    assert 'Field Notes <span class="count">(1)</span>' in html
    assert 'Alexis Madrigal <span class="count">(2)</span>' in html
    assert "With transcript (1)" in html


@pytest.mark.parametrize(
    "params",
    [
        {"show": "no-such-show"},
        {"speaker": "nobody"},
        {"topic": "<script>"},
        {"date_from": "2025-13-45"},
        {"has_transcript": "maybe"},
        {"sort": "sideways"},
    ],
)
def test_malformed_filters_give_a_clear_message_not_an_error(client, archive, params):
    html = page(client, "/episodes/", status=400, **params)
    assert "Some filters could not be used" in html
    assert "<script>" not in html.split("<main", 1)[1]


@pytest.mark.parametrize("value", ["abc", "999", "-1", ""])
def test_odd_page_numbers_show_the_nearest_page(client, archive, value):
    assert "Soft Secession" in page(client, "/episodes/", page=value)


def test_filters_stay_in_the_url_and_a_shared_link_gives_the_same_page(client, archive):
    first = page(client, "/episodes/?show=forum&topic=water&sort=title")
    second = page(client, "/episodes/?sort=title&topic=water&show=forum")
    assert first == second


def test_episode_page_shows_everything_a_reader_needs(client, archive):
    episode = archive["first"]
    html = page(client, episode.get_absolute_url())
    assert "<h1>Soft Secession</h1>" in html
    assert "Forum" in html and "November 14, 2025" in html and "50m 24s" in html
    assert 'href="/speakers/eleni-kounalakis/"' in html and "Lieutenant Governor" in html
    assert 'href="/topics/water/"' in html
    second = archive["first"].transcripts.get().segments.get(position=2)
    assert f'id="p-{second.key}"' in html and 'href="?t=60"' in html
    assert "~1:00" in html  # estimated times are marked
    assert "(inferred)" in html
    assert "Who spoke how much" in html and "Eleni Kounalakis" in html
    for format in ("vtt", "srt", "json", "html", "txt"):
        assert f"{episode.get_absolute_url()}transcript.{format}" in html
    assert "Secret Draft" not in html


def test_transcript_text_is_escaped(client, archive):
    html = page(client, archive["first"].get_absolute_url())
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_consecutive_paragraphs_of_one_speaker_are_grouped_under_one_name(client, archive):
    transcript = archive["first"].transcripts.get()
    SegmentFactory(
        transcript=transcript,
        position=4,
        start_ms=800_000,
        end_ms=810_000,
        speaker=archive["host"],
        text="Still me.",
    )
    html = page(client, archive["first"].get_absolute_url())
    transcript_html = html[html.index("data-transcript") :]
    assert transcript_html.count('class="speaker-name"') == 3


def test_a_shared_moment_link_lands_on_the_paragraph_starting_within_that_second(client, archive):
    url = archive["first"].get_absolute_url()
    first, second, third = archive["first"].transcripts.get().segments.order_by("position")
    response = client.get(url, {"t": "754"})  # the third paragraph starts at 754.5 s
    assert response.status_code == 302
    assert response["Location"] == f"{url}#p-{third.key}"
    assert client.get(url, {"t": "755"})["Location"] == f"{url}#p-{third.key}"
    assert client.get(url, {"t": "753"})["Location"] == f"{url}#p-{second.key}"
    assert client.get(url, {"t": "754.4"})["Location"] == f"{url}#p-{second.key}"
    assert client.get(url, {"t": "754.5"})["Location"] == f"{url}#p-{third.key}"
    assert client.get(url, {"t": "0"})["Location"] == f"{url}#p-{first.key}"
    assert client.get(url, {"t": "nonsense"}).status_code == 400


def test_unpublished_episodes_are_not_found(client, archive):
    draft = archive["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("format", "content_type", "start"),
    [
        ("vtt", "text/vtt", "WEBVTT"),
        ("srt", "application/x-subrip", "1\n00:00:00,000"),
        ("json", "application/json", "{"),
        ("html", "text/html", "<!-- Times in this file are estimated"),
        ("txt", "text/plain", "Timing: Times in this file are estimated"),
    ],
)
def test_transcripts_download_in_five_formats(client, archive, format, content_type, start):
    response = client.get(f"{archive['first'].get_absolute_url()}transcript.{format}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert f'filename="2025-11-14-soft-secession.{format}"' in response["Content-Disposition"]
    assert response.content.decode().startswith(start)


def test_unknown_download_format_is_not_found(client, archive):
    assert client.get(f"{archive['first'].get_absolute_url()}transcript.exe").status_code == 404


def test_episode_page_costs_the_same_queries_for_20_or_2000_paragraphs(
    client, django_assert_max_num_queries
):
    def episode_with(count):
        transcript = TranscriptFactory()
        speakers = SpeakerFactory.create_batch(4)
        SegmentFactory.create_batch(count, transcript=transcript, speaker=factory_cycle(speakers))
        AppearanceFactory(episode=transcript.episode, speaker=speakers[0])
        return transcript.episode

    small, large = episode_with(20), episode_with(2000)
    with django_assert_max_num_queries(8) as small_queries:
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(8) as large_queries:
        response = client.get(large.get_absolute_url())
    assert response.content.decode().count('class="segment"') == 2000
    assert len(small_queries.captured_queries) == len(large_queries.captured_queries)


def factory_cycle(items):
    import factory

    return factory.Iterator(items)


LIST_PAGES = [
    "/",
    "/episodes/",
    "/episodes/?show=forum&speaker=alexis-madrigal&topic=water&has_transcript=true",
    "/speakers/",
    "/speakers/?name=kunaki",
    "/topics/",
    "/topics/water/",
    "/shows/",
    "/shows/forum/",
    "/speakers/alexis-madrigal/",
    "/episodes/feed.rss",
    "/sitemap.xml",
]


@pytest.mark.parametrize("url", LIST_PAGES)
def test_list_pages_cost_the_same_queries_as_the_archive_grows(client, archive, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    before = queries()
    for episode in EpisodeFactory.create_batch(30, show=archive["forum"]):
        episode.topics.add(archive["water"])
        AppearanceFactory(episode=episode, speaker=archive["host"])
        AppearanceFactory(episode=episode)
        SegmentFactory(transcript__episode=episode, speaker=archive["host"])
    assert queries() == before
    assert before <= 15


def test_speaker_page_shows_appearances_talk_time_and_said_by_search(client, archive):
    html = page(client, "/speakers/eleni-kounalakis/")
    assert "<h1>Eleni Kounalakis</h1>" in html
    assert "Soft Secession" in html and "Lieutenant Governor" in html
    assert "Secret Draft" not in html
    assert "1 episode with transcripts" in html
    assert "11:34 of talk" in html  # 60 s to 754.5 s
    assert 'name="speaker" value="eleni-kounalakis"' in html


def test_speaker_index_forgives_misspellings(client, archive):
    html = page(client, "/speakers/", name="Kunaki")
    assert "Eleni Kounalakis" in html
    assert "Alexis Madrigal" not in html
    assert "Eleni Kounalakis" in page(client, "/speakers/", name="kounalákis")


def test_topic_index_counts_published_episodes_and_topic_page_lists_them(client, archive):
    html = page(client, "/topics/")
    assert 'Water</a> <span class="count">3 episodes' in html
    topic = page(client, "/topics/housing/")
    assert "Groundwater Blues" in topic and "Soft Secession" not in topic


def test_show_pages_list_their_episodes(client, archive):
    assert "Field Notes" in page(client, "/shows/")
    html = page(client, "/shows/forum/")
    assert "Soft Secession" in html and "Aquifers" not in html and "Secret Draft" not in html


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    text = page(client, "/robots.txt")
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_pages_carry_canonical_url_and_opengraph_tags(client, archive):
    html = page(client, archive["first"].get_absolute_url() + "?utm=x")
    assert (
        '<link rel="canonical" href="http://testserver/episodes/2025/11/14/soft-secession/">'
        in html
    )
    assert '<meta property="og:title" content="Soft Secession">' in html
    assert '<meta property="og:type" content="article">' in html


def test_a_missing_page_is_a_friendly_404(client, settings):
    settings.DEBUG = False
    response = client.get("/episodes/2099/01/01/nothing/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_unknown_speaker_topic_and_show_pages_are_404(client, archive):
    for url in ["/speakers/nobody/", "/topics/nothing/", "/shows/none/", "/shows/none/feed.rss"]:
        assert client.get(url).status_code == 404


def test_pages_have_no_inline_scripts(client, archive):
    html = page(client, archive["first"].get_absolute_url())
    assert "<script>" not in html and "onclick" not in html and " style=" not in html
    assert '<script src="/static/js/episode.js" defer></script>' in html


def test_a_speaker_heard_only_in_drafts_has_no_public_page(client, archive):
    drafted = SpeakerFactory(name="Private Caller")
    AppearanceFactory(episode=archive["draft"], speaker=drafted, role="caller")
    assert client.get(f"/speakers/{drafted.slug}/").status_code == 404
    assert "Private Caller" not in page(client, "/speakers/")
    assert "Private Caller" not in page(client, "/speakers/", name="Private")


def test_the_cached_transcript_fragment_never_outlives_an_edit(client, archive):
    from django.test import TestCase

    from episodes.signals import announce_archive_change
    from transcripts.models import Segment
    from transcripts.services import edit_segment

    url = archive["first"].get_absolute_url()
    assert "take a call." in page(client, url)
    segment = Segment.objects.get(text="Let's take a call.")
    with TestCase.captureOnCommitCallbacks(execute=True):
        edit_segment(segment, text="Let's take another call.")
    html = page(client, url)
    assert "take another call." in html and "take a call." not in html
    with TestCase.captureOnCommitCallbacks(execute=True):
        archive["host"].name = "Alexis M. Madrigal"
        archive["host"].save()
        announce_archive_change()  # as a rename in the admin does (AnnouncedChangesAdmin)
    assert page(client, url).count("Alexis M. Madrigal") >= 2


@pytest.mark.parametrize("moment", ["inf", "-inf", "nan", "1e999999999", "x", "-1", "172801"])
def test_a_moment_that_is_not_a_time_in_the_episode_is_a_400(client, moment):
    episode = EpisodeFactory(is_published=True)
    response = client.get(episode.get_absolute_url(), {"t": moment})
    assert response.status_code == 400
    assert "?t= must be a number of seconds" in response.content.decode()


def test_a_moment_with_a_billion_decimals_is_read_as_the_start_at_once(client):
    episode = EpisodeFactory(is_published=True)
    assert client.get(episode.get_absolute_url(), {"t": "1e-999999999"}).status_code == 302
