"""Search every word: the query, its filters and facets, safe snippets, feeds, bad input."""

from datetime import date

import pytest
from django.http import QueryDict
from django.urls import reverse

from episodes.models import Appearance, SpeakerAlias
from tests.factories import (
    EpisodeFactory,
    SegmentFactory,
    ShowFactory,
    SpeakerFactory,
    TopicFactory,
    TranscriptFactory,
)
from transcripts.filters import SearchForm
from transcripts.search import (
    NOTHING_TO_FIND,
    STOP_WORDS_ONLY,
    newest_hits,
    search,
    search_episode,
    suggestions,
    websearch,
)
from transcripts.search import candidates as search_candidates
from transcripts.search import results as search_results

pytestmark = pytest.mark.django_db
SEARCH = "/search/"


def episode_with(*paragraphs, **episode_fields):
    """An episode whose current transcript says ``paragraphs`` (text or (text, speaker))."""
    episode = EpisodeFactory(**episode_fields)
    transcript = TranscriptFactory(episode=episode)
    for position, paragraph in enumerate(paragraphs, start=1):
        text, speaker = paragraph if isinstance(paragraph, tuple) else (paragraph, None)
        if speaker is not None:  # as an import records who speaks in the episode
            Appearance.objects.get_or_create(episode=episode, speaker=speaker)
        SegmentFactory(
            transcript=transcript,
            position=position,
            start_ms=position * 60_000,
            end_ms=position * 60_000 + 30_000,
            speaker=speaker,
            speaker_label=speaker.name if speaker else "",
            text=text,
        )
    return episode


def found(query="", **filters):
    """Run the search as the page does; return the results."""
    params = QueryDict(mutable=True)
    params["q"] = query
    for name, value in filters.items():
        if isinstance(value, list):
            params.setlist(name, value)
        else:
            params[name] = value
    form = SearchForm(params)
    assert form.is_valid(), form.errors
    return search(form.criteria())


def titles(results):
    return [result.episode.title for result in results.page]


# --- What matches, and in which order ------------------------------------------------


def test_a_paragraph_saying_the_word_more_often_ranks_first():
    episode_with("The drought came once.", title="Once", air_date=date(2025, 1, 1))
    episode_with(
        "Drought, drought and more drought all summer.", title="Thrice", air_date=date(2024, 1, 1)
    )
    episode_with("Nothing about the weather.", title="Never")
    assert titles(found("drought")) == ["Thrice", "Once"]


def test_a_quoted_phrase_needs_the_words_together_but_bare_words_do_not():
    episode_with("We need rent control now.", title="Together")
    episode_with("Control of the budget, and the rent.", title="Apart")
    assert titles(found('"rent control"')) == ["Together"]
    assert sorted(titles(found("rent control"))) == ["Apart", "Together"]


def test_or_finds_either_word_and_a_minus_leaves_a_word_out():
    episode_with("Wildfire season and smoke.", title="Smoky")
    episode_with("Wildfire season, clear skies.", title="Clear")
    episode_with("Flooding downtown.", title="Flood")
    assert sorted(titles(found("wildfire OR flooding"))) == ["Clear", "Flood", "Smoky"]
    assert titles(found("wildfire -smoke")) == ["Clear"]


def test_english_stemming_matches_other_forms_of_a_word():
    episode_with("Three new houses were built.", title="Houses")
    assert titles(found("housing")) == ["Houses"]


def test_accents_are_ignored_both_ways():
    episode_with("Meet me at the café on Main.", title="Accented")
    episode_with("The cafe closed early.", title="Plain")
    assert sorted(titles(found("cafe"))) == ["Accented", "Plain"]
    assert sorted(titles(found("café"))) == ["Accented", "Plain"]


def test_unpublished_episodes_and_replaced_transcripts_never_appear():
    episode_with("Secret drought plans.", title="Draft", is_published=False)
    replaced = episode_with("Old drought wording.", title="Replaced")
    replaced.transcripts.update(is_current=False)
    current = TranscriptFactory(episode=replaced, version=2, original=b"v2")
    SegmentFactory(transcript=current, position=1, text="New wording about rain.")
    episode_with("Public drought talk.", title="Public")
    assert titles(found("drought")) == ["Public"]
    assert titles(found("rain")) == ["Replaced"]


def test_sort_by_date_puts_the_newest_episode_first_whatever_its_rank():
    episode_with("Drought drought drought.", title="Old", air_date=date(2020, 1, 1))
    episode_with("A drought.", title="New", air_date=date(2025, 1, 1))
    assert titles(found("drought")) == ["Old", "New"]
    assert titles(found("drought", sort="date")) == ["New", "Old"]


# --- Filters and facets --------------------------------------------------------------


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


def test_each_filter_narrows_the_matches(archive):
    assert sorted(titles(found("transit", speaker=archive["rosa"].slug))) == ["First", "Second"]
    assert titles(found("transit", show="forum", sort="date")) == ["Third", "First"]
    assert titles(found("transit", topic=archive["housing"].slug)) == ["First"]
    assert titles(found("transit", date_from="2025-01-01", sort="date")) == ["Third", "Second"]
    assert titles(found("transit", date_to="2024-12-31")) == ["First"]


def test_several_speakers_match_any_of_them_and_filters_combine(archive):
    both = [archive["rosa"].slug, archive["sam"].slug]
    assert len(titles(found("transit", speaker=both))) == 3
    combined = found("transit", speaker=archive["sam"].slug, show="forum", date_from="2025-01-01")
    assert titles(combined) == ["Third"]


def test_facets_count_speakers_shows_and_years_among_the_matches(archive):
    results = found("transit")
    assert {speaker.name: count for speaker, count in results.speakers} == {
        "Rosa Delgado": 2,
        "Sam Ortiz": 2,
    }
    assert {show.name: count for show, count in results.shows} == {"Forum": 3, "Other Show": 1}
    assert results.years == [(2025, 2), (2024, 2)]
    assert (results.paragraph_count, results.episode_count) == (4, 3)


def test_facets_are_filter_links_on_the_page(client, archive):
    page = client.get(SEARCH, {"q": "transit"}).content.decode()
    assert f"speaker={archive['rosa'].slug}" in page
    assert "show=forum" in page
    assert "date_from=2025-01-01&amp;date_to=2025-12-31" in page


def test_filters_alone_list_what_a_speaker_said_newest_first(client, archive):
    results = found("", speaker=archive["sam"].slug)
    assert titles(results) == ["Third", "First"]
    response = client.get(SEARCH, {"speaker": archive["sam"].slug})
    assert response.status_code == 200
    assert "Transit strike news." in response.content.decode()


# --- Grouping and pages --------------------------------------------------------------


def test_results_are_grouped_by_episode_with_three_best_paragraphs_and_a_link_to_more(client):
    episode = episode_with(*[f"Budget talk number {n}." for n in range(1, 6)], title="Budget")
    results = found("budget")
    [result] = list(results.page)
    assert (len(result.hits), result.match_count, result.more) == (3, 5, 2)
    page = client.get(SEARCH, {"q": "budget"}).content.decode()
    assert f'href="{episode.get_absolute_url()}?q=budget#search">2 more in this episode' in page
    first = episode.transcripts.get().segments.get(position=1)
    # One link to the moment, which marks the words in the transcript.
    assert f'href="{episode.get_absolute_url()}?q=budget#{first.anchor}"' in page


def test_results_are_paginated_by_episode(client):
    for number in range(12):
        episode_with(
            "Salmon season.", title=f"Salmon {number:02d}", air_date=date(2025, 1, 1 + number)
        )
    first, second = found("salmon", sort="date"), None
    assert len(list(first.page)) == 10 and first.page.has_next()
    response = client.get(SEARCH, {"q": "salmon", "sort": "date", "page": 2})
    second = response.content.decode()
    assert "Salmon 01" in second and "Salmon 00" in second and "Salmon 11" not in second
    assert 'rel="prev"' in second
    assert client.get(SEARCH, {"q": "salmon", "page": "nonsense"}).status_code == 200
    assert client.get(SEARCH, {"q": "salmon", "page": 99}).status_code == 200


def test_a_common_word_is_capped_whole_days_and_the_page_offers_earlier_episodes(
    client, monkeypatch
):
    monkeypatch.setattr(search_results, "CANDIDATE_LIMIT", 4)
    for day in range(1, 5):
        episode_with("Fog today.", "More fog.", title=f"Fog {day}", air_date=date(2025, 5, day))
    results = found("fog")
    assert results.capped
    assert results.since == date(2025, 5, 4)  # May 3 was cut short, so it is left out whole
    assert (results.paragraph_count, titles(results)) == (2, ["Fog 4"])
    page = client.get(SEARCH, {"q": "fog"}).content.decode()
    assert "More than 4 paragraphs match" in page
    assert "date_to=2025-05-03" in page


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


# --- Safe highlighting ---------------------------------------------------------------


def test_snippets_mark_the_words_and_show_markup_in_the_transcript_as_text(client):
    episode_with("<script>alert(1)</script> the drought & the <b>dam</b>", title="Tags")
    [result] = list(found("drought").page)
    snippet = str(result.hits[0].snippet)
    assert "<mark>drought</mark>" in snippet
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet and "<script>" not in snippet
    page = client.get(SEARCH, {"q": "drought"}).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_a_transcript_cannot_forge_highlighting_with_the_private_markers():
    episode_with("\ue000fake\ue001 drought", title="Forged")
    [result] = list(found("drought").page)
    assert str(result.hits[0].snippet).count("<mark>") == 1


# --- Bad queries ---------------------------------------------------------------------


def test_an_empty_search_shows_help_with_examples(client):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert "How to search" in response.content.decode()
    assert "wildfire -smoke" in response.content.decode()
    assert client.get(SEARCH, {"q": "   "}).status_code == 200


def test_only_stop_words_or_only_excluded_words_say_why_nothing_was_searched(client):
    episode_with("The and of it.")
    assert found("the and of").message == STOP_WORDS_ONLY
    assert found("-drought").message == NOTHING_TO_FIND
    page = client.get(SEARCH, {"q": "the of"}).content.decode()
    assert "only very common words" in page


def test_a_very_long_query_is_cut_with_a_notice(client):
    episode_with("Drought talk.")
    response = client.get(SEARCH, {"q": "drought " + "word " * 200})
    assert response.status_code == 200
    assert "longer than 200 characters" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', '""', "OR", "- -", "&&& ||| !!! :* <> ()", "a:*", "\x07drought", "'\\", "🙂"],
)
def test_punctuation_quotes_and_control_characters_never_break_the_page(client, query):
    episode_with("Drought talk.")
    assert client.get(SEARCH, {"q": query}).status_code == 200


def test_a_nul_character_is_refused_not_an_error(client):
    assert client.get(SEARCH, {"q": "\x00drought"}).status_code == 400


@pytest.mark.parametrize(
    "params,message",
    [
        ({"speaker": "nobody"}, "There is no speaker “nobody”"),
        ({"show": "nowhere"}, "There is no show “nowhere”"),
        ({"topic": "nothing"}, "There is no topic “nothing”"),
        ({"date_from": "last week"}, "Enter the start date as YYYY-MM-DD."),
        ({"date_from": "2025-02-01", "date_to": "2025-01-01"}, "end date is before the start"),
    ],
)
def test_unknown_filter_values_get_a_clear_message(client, params, message):
    response = client.get(SEARCH, {"q": "drought", **params})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_unknown_sort_falls_back_to_best_match(client):
    episode_with("Drought.")
    assert client.get(SEARCH, {"q": "drought", "sort": "sideways"}).status_code == 200


# --- Suggestions ---------------------------------------------------------------------


def test_a_misspelt_speaker_name_offers_their_page_and_everything_they_said(client):
    eleni = SpeakerFactory(name="Eleni Kounalakis")
    episode_with(("Kounalakis here.", eleni))
    page = client.get(SEARCH, {"q": "Kunalakis"}).content.decode()
    assert reverse("episodes:speaker_detail", args=[eleni.slug]) in page
    assert f"?speaker={eleni.slug}" in page and "everything said by Eleni Kounalakis" in page


def test_an_alternative_spelling_or_a_name_without_its_accents_finds_the_speaker():
    nunez = SpeakerFactory(name="José Núñez")
    rosa = SpeakerFactory(name="Rosa Delgado")
    SpeakerAlias.objects.create(speaker=rosa, name="Rosie D.")
    episode_with(("Hello.", nunez), ("Hi.", rosa))
    assert suggestions("jose nunez").speakers == [nunez]
    assert suggestions("Rosie D").speakers == [rosa]
    assert suggestions("budget").speakers == []


def test_a_topic_name_offers_the_topic_and_narrowing_to_it(client):
    topic = TopicFactory(name="Wildfire")
    episode_with("Wildfire season.").topics.add(topic)
    page = client.get(SEARCH, {"q": "wildfire"}).content.decode()
    assert reverse("episodes:topic_detail", args=[topic.slug]) in page
    assert f"topic={topic.slug}" in page


# --- Feeds ---------------------------------------------------------------------------


def test_the_rss_and_atom_feeds_list_the_newest_matching_paragraphs_with_filters(client, archive):
    rss = client.get("/search/feed/rss/", {"q": "transit", "speaker": archive["sam"].slug})
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "Transit strike news." in body.replace("&lt;mark&gt;", "").replace("&lt;/mark&gt;", "")
    assert "More transit buses" not in body  # Rosa said that
    assert body.index("Third") < body.index("First")  # newest first
    for said in archive["sam"].segments.all():  # each item links to its paragraph by key
        assert f"{said.get_absolute_url()}</link>" in body
    atom = client.get("/search/feed/atom/", {"q": "transit"})
    assert atom.status_code == 200 and "<feed" in atom.content.decode()


def test_the_results_page_links_its_feeds(client, archive):
    page = client.get(SEARCH, {"q": "transit", "speaker": archive["rosa"].slug}).content.decode()
    assert f"/search/feed/rss/?q=transit&amp;speaker={archive['rosa'].slug}" in page
    assert "/search/feed/atom/?q=transit" in page


def test_a_feed_with_bad_parameters_answers_400_with_the_reason(client):
    response = client.get("/search/feed/rss/", {"q": "x", "speaker": "nobody"})
    assert response.status_code == 400
    assert "There is no speaker" in response.content.decode()
    assert client.get("/search/feed/rss/").status_code == 400


def test_a_feed_of_stop_words_is_empty_not_an_error(client):
    episode_with("The and of.")
    form = SearchForm(QueryDict("q=the"))
    assert form.is_valid()
    assert newest_hits(form.criteria()) == []
    assert client.get("/search/feed/rss/", {"q": "the"}).status_code == 200


# --- Search this episode -------------------------------------------------------------


def test_search_episode_lists_hits_in_transcript_order_with_safe_snippets():
    episode = episode_with("Salmon run <i>early</i>.", "Nothing.", "Salmon again.")
    result = search_episode(episode.transcripts.get(), "salmon")
    assert result.total == 2 and result.message == ""
    assert [hit.segment.position for hit in result.hits] == [1, 3]
    assert "&lt;i&gt;early&lt;/i&gt;" in result.hits[0].snippet
    assert result.hits[0].segment.speaker is None


def test_search_episode_explains_stop_words_and_caps_long_lists(monkeypatch):
    episode = episode_with(*["Tide tables."] * 4)
    transcript = episode.transcripts.get()
    assert search_episode(transcript, "the").message == STOP_WORDS_ONLY
    monkeypatch.setattr(search_results, "EPISODE_HIT_LIMIT", 2)
    capped = search_episode(transcript, "tide")
    assert (len(capped.hits), capped.total) == (2, 4)
    assert "first 2" in capped.message


# --- Cost ----------------------------------------------------------------------------


def test_the_search_page_runs_a_fixed_number_of_queries(
    client, archive, django_assert_max_num_queries
):
    for number in range(15):
        episode_with(("Transit again.", archive["rosa"]), "Transit more.", title=f"Extra {number}")
    with django_assert_max_num_queries(16):
        response = client.get(
            SEARCH, {"q": "transit", "speaker": [archive["rosa"].slug, archive["sam"].slug]}
        )
    assert response.status_code == 200
