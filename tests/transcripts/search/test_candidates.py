"""Candidates: the newest episodes first, in growing windows, find what the whole archive finds."""

from datetime import date

import pytest
from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import F
from django.http import QueryDict

from tests.factories import (
    SegmentFactory,
    ShowFactory,
    SpeakerFactory,
    TopicFactory,
    TranscriptFactory,
    episode_with,
)
from transcripts.filters import SearchForm
from transcripts.search import candidates as search_candidates
from transcripts.search import websearch

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("first_window,max_window", [(1, 2), (1, 3), (2, 8), (16, 400)])
def test_the_newest_episode_windows_find_what_one_whole_archive_query_finds(
    monkeypatch, first_window, max_window
):
    for day in range(1, 9):
        words = "kelp " * (day % 3) + "forest"
        episode_with(words, "kelp again", title=f"Kelp {day}", air_date=date(2025, 2, day))
    form = SearchForm(QueryDict("q=kelp"))
    assert form.is_valid()
    criteria = form.criteria()
    query = websearch("kelp")
    expected = search_candidates._archive_matches(criteria, query, limit=6)
    monkeypatch.setattr(search_candidates, "FIRST_WINDOW", first_window)
    monkeypatch.setattr(search_candidates, "MAX_WINDOW", max_window)
    got = search_candidates.newest_matches(criteria, query, limit=6)
    assert [c.segment_id for c in got] == [c.segment_id for c in expected]


def test_a_window_stops_at_the_limit_in_window_order_not_in_transcript_order():
    """A window lists its transcripts newest first (here the highest ids first) and is
    searched one transcript at a time: the limit is reached inside the second episode,
    whose matches come in transcript order, and nothing of the third is taken."""
    for day in range(1, 4):
        episode_with("kelp one", "no match", "kelp two", "kelp three", air_date=date(2025, 2, day))
    form = SearchForm(QueryDict("q=kelp"))
    assert form.is_valid()
    criteria = form.criteria()
    window = search_candidates._newest_transcripts(criteria)
    got = search_candidates._window_matches(criteria, websearch("kelp"), window, limit=5)
    assert [(c.air_date.day, c.position) for c in got] == [
        (3, 1),
        (3, 3),
        (3, 4),
        (2, 1),
        (2, 3),
    ]


def test_the_whole_archive_query_finds_what_the_criterias_paragraphs_say_in_order():
    rosa, sam = SpeakerFactory(name="Rosa"), SpeakerFactory(name="Sam")
    forum, other = ShowFactory(name="Forum"), ShowFactory(name="Other")
    kelp, tides = TopicFactory(name="Kelp"), TopicFactory(name="Tides")
    for day in range(1, 7):
        episode = episode_with(
            ("Kelp forest " * day, rosa),
            ("kelp and tides", sam),
            "Kelp, said a caller.",
            title=f"Kelp {day}",
            show=forum if day % 2 else other,
            air_date=date(2024 + day % 2, 3, day),
            is_published=day != 5,
        )
        episode.topics.add(kelp if day % 3 else tides)
        if day == 4:  # an older version, no longer current
            old = TranscriptFactory(episode=episode, version=9, is_current=False)
            SegmentFactory(transcript=old, text="Kelp long ago.", speaker=rosa)
    episode.transcripts.get(is_current=True).segments.filter(position=3).update(kind="stage")
    for params in (
        "q=kelp",
        "q=kelp+-tides",
        "",
        f"speaker={sam.slug}",
        f"q=kelp&speaker={rosa.slug}&speaker={sam.slug}",
        "q=kelp&show=forum",
        "q=kelp&topic=kelp",
        "q=forest&date_from=2025-01-01&date_to=2025-03-04",
        "topic=kelp&show=other&date_from=2024-03-02",
    ):
        form = SearchForm(QueryDict(params))
        assert form.is_valid(), form.errors
        criteria = form.criteria()
        query = websearch(criteria.words) if criteria.words else None
        expected = criteria.segments().order_by(
            "-transcript__episode__air_date", "-transcript__episode_id", "position"
        )
        if query is not None:
            expected = expected.filter(search_vector=query)
        got = search_candidates._archive_matches(criteria, query, limit=100)
        assert [c.segment_id for c in got] == list(expected.values_list("pk", flat=True))
        assert got, params
        if query is not None:  # ranked as PostgreSQL ranks them
            ranks = expected.annotate(r=SearchRank(F("search_vector"), query))
            assert [c.rank for c in got] == list(ranks.values_list("r", flat=True))


def test_the_search_index_holds_the_speaker_and_the_transcript_beside_the_words():
    """One scan of the words' index then ANDs the word and the speaker: at 1M paragraphs
    PostgreSQL prefers it to the word's bitmap ANDed with segment_speaker's (a host's
    90,000 entries), 45 -> ~20 ms; and a window's transcript with the words, one scan per
    transcript. A test archive is too small to be planned that way, so this checks the
    index that makes the plans possible."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'segment_search_vector'")
        (definition,) = cursor.fetchone()
    assert definition.endswith("USING gin (search_vector, speaker_id, transcript_id)")
