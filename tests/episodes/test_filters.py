"""The episode list's FilterSet on its own: what each filter keeps, what it refuses, and
how many episodes each option would give (the counts beside the choices)."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from episodes import filters
from episodes.filters import MAX_SPEAKERS, EpisodeFilter
from episodes.models import Episode
from tests.factories import AppearanceFactory, EpisodeFactory, SpeakerFactory, TopicFactory
from tests.python_calls import python_calls

pytestmark = pytest.mark.django_db


def filtered(data):
    """The FilterSet bound as the list page binds it: to the query string's values."""
    query = QueryDict(urlencode(data, doseq=True))
    return EpisodeFilter(query, queryset=Episode.objects.published())


def titles(data):
    filterset = filtered(data)
    assert filterset.is_valid(), filterset.errors
    return [episode.title for episode in filterset.qs]


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        ({}, ["Aquifers", "Soft Secession", "Groundwater Blues"]),
        ({"show": "forum"}, ["Soft Secession", "Groundwater Blues"]),
        ({"speaker": "eleni-kounalakis"}, ["Soft Secession"]),
        ({"speaker": "alexis-madrigal"}, ["Soft Secession", "Groundwater Blues"]),
        ({"topic": "housing"}, ["Groundwater Blues"]),
        ({"date_from": "2025-07-01", "date_to": "2025-12-31"}, ["Soft Secession"]),
        ({"date_from": "2025-11-14"}, ["Aquifers", "Soft Secession"]),  # the bounds count
        ({"date_to": "2025-11-14"}, ["Soft Secession", "Groundwater Blues"]),
        ({"has_transcript": "true"}, ["Soft Secession"]),
        ({"has_transcript": "false"}, ["Aquifers", "Groundwater Blues"]),
        ({"q": "secession"}, ["Soft Secession"]),
        ({"q": "GROUND blues"}, ["Groundwater Blues"]),  # every word, any case
        ({"q": "ground secession"}, []),
        (
            {"show": "forum", "topic": "water", "speaker": "alexis-madrigal"},
            ["Soft Secession", "Groundwater Blues"],
        ),
    ],
)
def test_each_filter_and_their_combination_keep_exactly_the_matching_episodes(archive, data, shown):
    assert titles(data) == shown


def test_words_match_the_description_and_summary_ignoring_accents(archive):
    archive["third"].description = "Where the café owners get their water."
    archive["third"].save()
    archive["second"].summary = "Wells run dry."
    archive["second"].save()
    assert titles({"q": "cafe"}) == ["Aquifers"]
    assert titles({"q": "wells"}) == ["Groundwater Blues"]


def test_several_speakers_keep_the_episodes_where_all_of_them_speak(archive):
    both = ["alexis-madrigal", "eleni-kounalakis"]
    assert titles({"speaker": both}) == ["Soft Secession"]
    AppearanceFactory(episode=archive["second"], speaker=archive["guest"])
    assert titles({"speaker": both}) == ["Soft Secession", "Groundwater Blues"]


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("newest", ["Aquifers", "Soft Secession", "Groundwater Blues"]),
        ("oldest", ["Groundwater Blues", "Soft Secession", "Aquifers"]),
        ("title", ["Aquifers", "Groundwater Blues", "Soft Secession"]),
    ],
)
def test_sorts(archive, sort, order):
    assert titles({"sort": sort}) == order


def test_one_day_sorts_by_title_whatever_the_order(archive):
    EpisodeFactory(show=archive["forum"], title="Another Take", air_date=archive["first"].air_date)
    assert titles({"sort": "newest"})[1:3] == ["Another Take", "Soft Secession"]
    assert titles({"sort": "oldest"})[1:3] == ["Another Take", "Soft Secession"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"show": "no-such-show"}, "show"),
        ({"speaker": "nobody"}, "speaker"),
        ({"topic": "<script>"}, "topic"),
        ({"date_from": "2025-13-45"}, "date_from"),
        ({"has_transcript": "maybe"}, "has_transcript"),
        ({"sort": "sideways"}, "sort"),
    ],
)
def test_unknown_values_are_errors_of_their_field(archive, data, field):
    filterset = filtered(data)
    assert not filterset.is_valid()
    assert list(filterset.errors) == [field]


def test_a_drafts_show_topic_and_speaker_are_not_choices(archive):
    """Only what public pages may name: choosing a draft's show would reveal it exists."""
    private = SpeakerFactory(name="Private Caller")
    draft = EpisodeFactory(title="Only Draft", show__name="Secret Show", is_published=False)
    draft.topics.add(TopicFactory(name="Secret Topic"))
    AppearanceFactory(episode=draft, speaker=private)
    for data in (
        {"show": draft.show.slug},
        {"topic": "secret-topic"},
        {"speaker": private.slug},
    ):
        assert not filtered(data).is_valid(), data


def test_too_many_speakers_are_refused_before_any_lookup(archive, django_assert_num_queries):
    slugs = [f"speaker-{n}" for n in range(filters.MAX_SPEAKERS + 1)]
    filterset = filtered({"speaker": slugs})
    with django_assert_num_queries(0):
        assert not filterset.is_valid()
    assert filterset.errors["speaker"] == [
        f"Choose at most {filters.MAX_SPEAKERS} speakers (this asked for {len(slugs)})."
    ]


def test_the_most_speakers_allowed_are_accepted(archive):
    speakers = [archive["host"], *SpeakerFactory.create_batch(filters.MAX_SPEAKERS - 1)]
    for speaker in speakers[1:]:
        AppearanceFactory(episode=archive["first"], speaker=speaker)
    assert titles({"speaker": [s.slug for s in speakers]}) == ["Soft Secession"]


def facets(data):
    filterset = filtered(data)
    assert filterset.is_valid(), filterset.errors
    return filterset.facets()


def test_each_option_counts_the_episodes_it_would_give_within_the_other_filters(archive):
    counted = facets({"show": "forum"})
    # The show facet ignores its own choice: Field Notes would give its one episode.
    assert [(show.name, n) for show, n in counted["shows"]] == [("Field Notes", 1), ("Forum", 2)]
    assert [(topic.name, n) for topic, n in counted["topics"]] == [("Housing", 1), ("Water", 2)]
    assert counted["speakers"] == [
        ("alexis-madrigal", "Alexis Madrigal", 2, False),
        ("eleni-kounalakis", "Eleni Kounalakis", 1, False),
    ]
    assert counted["transcripts"] == {"with_transcript": 1, "without_transcript": 1}


def test_drafts_count_nowhere(archive):
    counted = facets({})
    assert [(show.name, n) for show, n in counted["shows"]] == [("Field Notes", 1), ("Forum", 2)]
    assert dict((slug, n) for slug, _, n, _ in counted["speakers"]) == {
        "alexis-madrigal": 2,
        "eleni-kounalakis": 1,  # her draft appearance is not counted
    }


def test_chosen_speakers_are_marked(archive):
    counted = facets({"speaker": "eleni-kounalakis"})
    assert [(slug, chosen) for slug, _, _, chosen in counted["speakers"]] == [
        ("alexis-madrigal", False),
        ("eleni-kounalakis", True),
    ]


def test_a_chosen_topic_stays_offered_beyond_the_most_frequent(archive, monkeypatch):
    monkeypatch.setattr(filters, "TOPIC_FACET_SIZE", 1)  # only Water, the most frequent
    assert [topic.name for topic, _ in facets({})["topics"]] == ["Water"]
    counted = facets({"topic": "housing"})
    assert [(topic.name, n) for topic, n in counted["topics"]] == [("Housing", 1), ("Water", 3)]


# --- through the pages: a list of ~40 speakers took 10.8 s (issue 13, finding 1) -------


@pytest.fixture
def ensemble(db):
    """Twelve speakers; episode "All" has all of them, "Some" the first three."""
    speakers = [SpeakerFactory(name=f"Speaker Number{n}") for n in range(12)]
    every = EpisodeFactory(title="All")
    some = EpisodeFactory(title="Some")
    for speaker in speakers:
        AppearanceFactory(episode=every, speaker=speaker)
    for speaker in speakers[:3]:
        AppearanceFactory(episode=some, speaker=speaker)
    return speakers


def speakers_query(speakers):
    return "&".join(f"speaker={speaker.slug}" for speaker in speakers)


@pytest.mark.parametrize("url", ["/episodes/", "/search/", "/search/feed/rss/"])
def test_forty_speakers_are_refused_with_a_400_that_names_the_limit(client, ensemble, url):
    slugs = "&".join(f"speaker=someone-{n}" for n in range(40))
    response = client.get(f"{url}?q=word&{slugs}")
    assert response.status_code == 400
    assert f"at most {MAX_SPEAKERS} speakers" in response.content.decode()


def test_the_limit_is_counted_before_any_lookup(client, ensemble):
    slugs = "&".join(f"speaker=someone-{n}" for n in range(5000))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/episodes/?{slugs}")
    assert response.status_code == 400
    assert not any("someone-1" in query["sql"] for query in queries.captured_queries)


def test_episodes_where_all_the_chosen_speakers_speak(client, ensemble):
    page = client.get(f"/episodes/?{speakers_query(ensemble[:3])}").content.decode()
    assert ">All</a>" in page and ">Some</a>" in page
    page = client.get(f"/episodes/?{speakers_query(ensemble[:MAX_SPEAKERS])}").content.decode()
    assert ">All</a>" in page and ">Some</a>" not in page


def test_the_speaker_filter_costs_the_same_queries_for_two_speakers_or_ten(client, ensemble):
    shapes = []
    for chosen in (ensemble[:2], ensemble[:MAX_SPEAKERS]):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/episodes/?{speakers_query(chosen)}").status_code == 200
        # Each query mentions the appearance table as often whatever the number of
        # speakers: no join per speaker.
        shapes.append([query["sql"].count("episodes_appearance") for query in queries])
    assert shapes[0] == shapes[1]


def test_forty_speakers_are_refused_before_the_cache_the_session_or_the_database(
    client, django_assert_num_queries
):
    slugs = [f"someone-{n}" for n in range(40)]
    with django_assert_num_queries(0):
        response = client.get("/episodes/", {"speaker": slugs, "sort": "oldest"})
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Choose at most {MAX_SPEAKERS} speakers (this asked for 40)." in page
    # A way on: the same address with the first speakers kept.
    fewer = urlencode({"speaker": slugs[:MAX_SPEAKERS], "sort": "oldest"}, doseq=True)
    assert f'href="/episodes/?{fewer.replace("&", "&amp;")}"' in page
    assert "Cookie" not in response.get("Vary", "")
    assert "X-Cache" not in response


def test_the_api_answers_too_many_speakers_in_its_own_words(client):
    slugs = "&".join(f"speaker=someone-{n}" for n in range(40))
    response = client.get(f"/api/v1/episodes/?{slugs}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/")


def test_a_filter_set_is_made_without_deep_copying_its_declared_filters():
    filtered({})  # the first makes the form class the others reuse
    # With deep copies of the eight filters (querysets, widgets, choices): ~2,300 calls.
    assert python_calls(lambda: filtered({"show": "forum"})) < 800


def test_filter_sets_made_together_each_filter_by_their_own_values(archive):
    words, blues = filtered({"q": "secession"}), filtered({"q": "GROUND blues"})
    for filterset in (words, blues):
        assert all(filter_.parent is filterset for filter_ in filterset.filters.values())
    assert [episode.title for episode in blues.qs] == ["Groundwater Blues"]
    assert [episode.title for episode in words.qs] == ["Soft Secession"]
    assert titles({"speaker": "eleni-kounalakis", "sort": "oldest"}) == ["Soft Secession"]
