"""Candidates: the newest episodes first, in growing windows, find what the whole archive finds."""

from datetime import date

import pytest
from django.db import connection
from django.http import QueryDict

from episodes.cached import start_new_generation
from tests.factories import episode_with
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
