"""The public pages through Django's test client: what a reader sees, and what it costs."""

from datetime import date

import pytest

from tests.episodes.conftest import page
from tests.factories import AppearanceFactory, EpisodeFactory, SegmentFactory, TopicFactory

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


def test_each_episode_card_links_the_episode_its_show_and_topics(client, archive):
    EpisodeFactory(show=archive["other"], title="Tom & <Jerry>", air_date=date(2024, 2, 3))
    for path in ("/episodes/", "/", "/shows/forum/", "/topics/water/"):
        html = page(client, path)
        assert html.count('<article class="episode-card">') >= 2, path
    html = page(client, "/episodes/")
    card = html[html.index('<a href="/episodes/2025/11/14/soft-secession/">Soft Secession</a>') :]
    card = card[: card.index("</article>")]
    assert '<a href="/shows/forum/">Forum</a>' in card
    assert '<time datetime="2025-11-14">Nov. 14, 2025</time> · 50m 24s' in card
    assert '<p class="tags"><a href="/topics/water/">Water</a></p>' in card
    assert "Tom &amp; &lt;Jerry&gt;" in html and "<Jerry>" not in html


def test_a_cards_topics_are_in_name_order_each_escaped_and_only_its_own(client, archive):
    tom = EpisodeFactory(show=archive["other"], title="Tom", air_date=date(2024, 2, 3))
    tom.topics.add(TopicFactory(name="Zoning & <Law>"), TopicFactory(name="Arts 'n' Crafts"))
    html = page(client, "/episodes/", sort="oldest")
    card = html[html.index(f'<a href="{tom.get_absolute_url()}">Tom</a>') :]
    card = card[: card.index("</article>")]
    assert (
        '<p class="tags"><a href="/topics/arts-n-crafts/">Arts &#x27;n&#x27; Crafts</a> · '
        '<a href="/topics/zoning-law/">Zoning &amp; &lt;Law&gt;</a></p>' in card
    )
    assert html.count('<a href="/topics/zoning-law/">') == 1  # on no other card


def test_a_renamed_episode_shows_its_new_title_on_every_list_of_cards(client, archive):
    # Cards are drawn once per process for their data (render_once): new data, new card.
    episode = EpisodeFactory(show=archive["other"], title="Before", air_date=date(2024, 2, 3))
    for path in ("/episodes/", "/", "/shows/field-notes/"):
        assert "Before" in page(client, path), path
    episode.title = "After & more"
    episode.save()
    for path in ("/episodes/", "/", "/shows/field-notes/"):
        html = page(client, path)
        assert "After &amp; more" in html and "Before" not in html, path


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
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        cache.clear()  # the cost of a page whose cached counts are stale
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


def test_the_episode_list_makes_four_queries_at_most_once_its_counts_are_cached(
    client, archive, django_assert_max_num_queries
):
    cold = page(client, "/episodes/")
    with django_assert_max_num_queries(4):  # the count, the page's episodes, their topics
        warm = page(client, "/episodes/")
    assert warm == cold


def test_a_publish_or_an_edit_shows_in_the_episode_lists_counts_at_once(client, archive):
    from django.test import TestCase

    from episodes.services import merge_speakers, set_published

    def counts(html, name):
        return html.count(f'{name} <span class="count">')

    html = page(client, "/episodes/")
    assert 'Forum <span class="count">(2)</span>' in html
    assert counts(html, "Eleni Kounalakis") == 1
    with TestCase.captureOnCommitCallbacks(execute=True):
        set_published([archive["draft"]], published=True)
    html = page(client, "/episodes/")
    assert 'Forum <span class="count">(3)</span>' in html
    assert 'Eleni Kounalakis <span class="count">(2)</span>' in html
    with TestCase.captureOnCommitCallbacks(execute=True):
        merge_speakers(archive["guest"], into=archive["host"])
    html = page(client, "/episodes/")
    assert counts(html, "Eleni Kounalakis") == 0
    assert 'Alexis Madrigal <span class="count">(3)</span>' in html


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


def test_unknown_speaker_topic_and_show_pages_are_404(client, archive):
    for url in ["/speakers/nobody/", "/topics/nothing/", "/shows/none/", "/shows/none/feed.rss"]:
        assert client.get(url).status_code == 404


def test_the_episode_list_takes_any_speaker_by_name(client, episode):
    html = page(client, "/episodes/", speaker_name="sam ortis")
    assert 'value="sam-ortiz" checked' in html and "Levee Night" in html
    assert '<datalist id="speaker-names">' in html and '<option value="Rosa Delgado">' in html
    assert "No speaker’s name resembles" in page(client, "/episodes/", speaker_name="qqqzzz")


def test_home_and_search_have_one_search_box_and_there_is_a_favicon(client, episode):
    for url in ("/", "/search/"):
        assert page(client, url).count('type="search"') == 1
    assert page(client, episode.get_absolute_url()).count('rel="icon"') == 1
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 301 and favicon["Location"].endswith(".svg")
