"""Reading, round two, through Django's test client: exact moments, marks in the
transcript, readable hits, a helpful empty search, speaker pages, one search box."""

from datetime import date

import pytest

from tests.episodes.conftest import page
from tests.factories import EpisodeFactory, TopicFactory
from transcripts.search import refresh_search_words
from transcripts.services import import_transcript

VTT = b"""WEBVTT

00:00:00.500 --> 00:00:42.000
<v Rosa Delgado>Welcome to the program about the levee and the river that runs past the town.

00:00:42.651 --> 00:01:10.000
<v Sam Ortiz>The levee held through the storm, and the farmers along the river were relieved
to see it still standing there in the grey light of the morning.

00:01:10.000 --> 00:01:10.400
<v Rosa Delgado>Right.

00:01:10.400 --> 00:01:30.000
<v Sam Ortiz>The next storm will test it again, and nobody in the valley wants to wait and see.
"""


@pytest.fixture
def episode(db):
    episode = EpisodeFactory(title="Levee Night", air_date=date(2025, 11, 14))
    episode.topics.add(TopicFactory(name="Water"))
    import_transcript(VTT, filename="levee.vtt", episode=episode)
    return episode


def test_every_time_link_on_the_page_redirects_to_its_own_paragraph(client, episode):
    html = page(client, episode.get_absolute_url())
    for segment in episode.transcripts.get().segments.all():
        start = html.index(f'id="{segment.anchor}"')
        moment = html[start:].split('href="?t=', 1)[1].split('"', 1)[0]
        response = client.get(episode.get_absolute_url(), {"t": moment})
        assert response["Location"].endswith(f"#{segment.anchor}"), (segment.position, moment)


def test_the_transcript_comes_before_the_description_and_participants(client, episode):
    html = page(client, episode.get_absolute_url())
    # Description, participants and talk time are folded (beside the transcript when wide).
    folds = html.split('<details class="fold', 4)
    assert len(folds) == 4 and "Participants (2)" in folds[2] and "Who spoke" in folds[3]
    assert html.index("<h1>") < html.index('class="with"') < html.index('class="transcript"')
    assert "Who spoke how much" in html and 'class="timeline-name">Sam Ortiz' in html


def test_a_search_in_the_episode_marks_the_words_with_next_and_previous(client, episode):
    html = page(client, episode.get_absolute_url(), q="levee")
    first, second = episode.transcripts.get().segments.order_by("position")[:2]
    transcript = html[html.index('class="transcript"') :]
    assert transcript.count('class="segment match"') == 2
    assert "<mark>levee</mark>" in transcript
    assert f'href="#{second.anchor}" rel="next"' in transcript
    assert f'href="#{first.anchor}" rel="prev"' in transcript


def test_search_hits_name_speaker_time_and_episode_with_one_link_to_the_moment(client, episode):
    html = page(client, "/search/", q="storm")
    assert '<p class="hit-meta">' in html and "Sam Ortiz" in html and "Levee Night" in html
    assert '<a class="snippet"' not in html  # the passage is text, not a link
    assert html.count('class="hit-link"') == 2


def test_a_search_without_results_suggests_spellings_and_how_to_broaden(client, episode):
    refresh_search_words()
    html = page(client, "/search/", q="leeve")
    assert "Did you mean" in html and "?q=levee" in html
    assert "Among these matches" not in html and "RSS feed" not in html
    assert "try fewer words" in html


def test_spelling_suggestions_never_offer_words_only_drafts_say(client, episode):
    draft = EpisodeFactory(title="Draft", is_published=False)
    import_transcript(
        b"Host: The zeppelinist spoke.", filename="d.txt", episode=draft, publish=False
    )
    refresh_search_words()
    assert "zeppelinist" not in page(client, "/search/", q="zeppelinst")


def test_the_speaker_page_shows_role_remarks_topics_talk_time_and_a_feed(client, episode):
    html = page(client, "/speakers/sam-ortiz/")
    assert "The levee held through the storm" in html  # a remark, linked to its moment
    segment = episode.transcripts.get().segments.get(position=2)
    assert f'href="{segment.get_absolute_url()}"' in html
    assert "/topics/water/" in html
    assert "of talk" in html and "/search/feed/rss/?speaker=sam-ortiz" in html
    assert 'name="speaker" value="sam-ortiz"' in html  # the search limited to them


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
