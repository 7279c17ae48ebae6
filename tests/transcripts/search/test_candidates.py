"""Candidates: the newest episodes first, in growing windows, find what the whole archive finds."""

from datetime import date

import pytest
from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import F
from django.http import QueryDict

from episodes.cached import start_new_generation
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


def _kelp_archive():
    for day in range(1, 9):
        words = "kelp " * (day % 3) + "forest"
        episode_with(words, "kelp again", title=f"Kelp {day}", air_date=date(2025, 2, day))
    form = SearchForm(QueryDict("q=kelp"))
    assert form.is_valid()
    return form.criteria()


@pytest.mark.parametrize("entries_above", [-1, 10**9])
def test_a_first_window_read_or_left_to_the_planner_finds_the_same(monkeypatch, entries_above):
    criteria = _kelp_archive()
    query = websearch("kelp")
    expected = search_candidates._archive_matches(criteria, query, limit=6)
    monkeypatch.setattr(search_candidates, "FIRST_WINDOW", 2)
    monkeypatch.setattr(search_candidates, "WINDOW_SCAN_ENTRIES", entries_above)
    got = search_candidates.newest_matches(criteria, query, limit=6)
    assert [c.segment_id for c in got] == [c.segment_id for c in expected]


def test_a_words_index_entries_are_estimated_from_postgresql_statistics():
    _kelp_archive()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE transcripts_segment")
    start_new_generation()  # statistics are read again once per generation
    kelp = search_candidates.index_entries("kelp")
    assert kelp > 0
    assert search_candidates.index_entries("Kelp forests") > kelp  # "forest" counts too
    assert search_candidates.index_entries("-kelp") == 0  # left out: not read
    assert search_candidates.index_entries("zebra") == 0  # not among the common lexemes


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


def test_the_search_index_holds_the_speaker_beside_the_words_for_a_search_by_speaker():
    """One scan of the words' index then ANDs the word and the speaker: at 1M paragraphs
    PostgreSQL prefers it to the word's bitmap ANDed with segment_speaker's (a host's
    90,000 entries), 45 -> ~20 ms. A test archive is too small to be planned that way, so
    this checks the index that makes the plan possible."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'segment_search_vector'")
        (definition,) = cursor.fetchone()
    assert definition.endswith("USING gin (search_vector, speaker_id)")
