"""Candidates: the newest episodes first, in growing windows, find what the whole archive finds."""

from datetime import date

import pytest
from django.http import QueryDict

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
