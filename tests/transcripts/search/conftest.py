"""What the search tests share: the search as the page runs it, and a small archive."""

from datetime import date

import pytest
from django.http import QueryDict

from tests.factories import ShowFactory, SpeakerFactory, TopicFactory, episode_with
from transcripts.filters import SearchForm
from transcripts.search import search

SEARCH = "/search/"


def found(query="", plain=False, **filters):
    """Run the search as the API does (as the page does with ``plain``); return the results."""
    params = QueryDict(mutable=True)
    params["q"] = query
    for name, value in filters.items():
        if isinstance(value, list):
            params.setlist(name, value)
        else:
            params[name] = value
    form = SearchForm(params)
    assert form.is_valid(), form.errors
    return search(form.criteria(), plain=plain)


def titles(results):
    return [result.episode.title for result in results.page]


@pytest.fixture
def archive():
    rosa = SpeakerFactory(name="Rosa Delgado")
    sam = SpeakerFactory(name="Sam Ortiz")
    forum = ShowFactory(name="Forum")
    other = ShowFactory(name="Other Show")
    housing = TopicFactory(name="Housing")
    first = episode_with(
        ("Transit funding matters.", rosa),
        ("Transit is late again.", sam),
        title="First",
        show=forum,
        air_date=date(2024, 3, 1),
    )
    first.topics.add(housing)
    episode_with(
        ("More transit buses.", rosa), title="Second", show=other, air_date=date(2025, 6, 1)
    )
    episode_with(
        ("Transit strike news.", sam), title="Third", show=forum, air_date=date(2025, 9, 1)
    )
    return {"rosa": rosa, "sam": sam, "forum": forum, "housing": housing}
