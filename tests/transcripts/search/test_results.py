"""Search results: what matches and in which order, filters and facets, grouping, pages, cost."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import (
    EpisodeFactory,
    SegmentFactory,
    ShowFactory,
    SpeakerFactory,
    TranscriptFactory,
    episode_with,
    transcript_saying,
)
from tests.transcripts.search.conftest import SEARCH, found, titles
from transcripts.reading import display_name
from transcripts.search import STOP_WORDS_ONLY, search_episode
from transcripts.search import results as search_results

pytestmark = pytest.mark.django_db


# --- What matches, and in which order -------------------------------------------------


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


# --- Filters and facets ---------------------------------------------------------------


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


# --- Grouping and pages ---------------------------------------------------------------


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


def test_the_pages_plain_hits_show_what_the_apis_model_hits_show():
    sam = SpeakerFactory(name="Sam <Jr> & O'Neil")
    show = ShowFactory(name="Forum & Co")
    episode = EpisodeFactory(title="Levee <Night>", show=show, air_date=date(2025, 11, 14))
    said = transcript_saying(
        episode,
        ("The storm & <b>the</b> levee \ue000: a storm > a flood, storms.", sam),
        "A storm, said a caller.",
        " ".join(["Storm, said somebody never named:"] + ["words"] * 80),  # a cut passage
        timing="estimated",
    )
    said.segments.filter(position=2).update(speaker_label="Caller <1>")
    episode_with(("Storm at dawn.", sam), title="Dawn")  # exact times, a second episode
    for query, filters in (("storm", {}), ('"storm at" OR flood', {}), ("", {"speaker": sam.slug})):
        api, page = found(query, **filters), found(query, plain=True, **filters)
        assert len(page.page) == len(api.page) == 2
        for by_api, on_page in zip(api.page, page.page, strict=True):
            episode = by_api.episode
            assert on_page.episode == (
                episode.title,
                episode.get_absolute_url(),
                episode.air_date,
                episode.air_date.isoformat(),
                episode.show.name,
                reverse("episodes:show_detail", args=[episode.show.slug]),
            )
            # The episode's hits share one (made once a page).
            assert all(hit.episode is on_page.episode for hit in on_page.hits)
            assert on_page.match_count == by_api.match_count
            for hit, shown in zip(by_api.hits, on_page.hits, strict=True):
                segment = hit.segment
                assert shown.snippet == hit.snippet and "<b>" not in shown.snippet
                assert (shown.anchor, shown.start_ms) == (segment.anchor, segment.start_ms)
                assert shown.estimated == segment.transcript.is_estimated
                assert shown.name == display_name(segment)
                assert shown.speaker_url == (
                    reverse("episodes:speaker_detail", args=[segment.speaker.slug])
                    if segment.speaker_id
                    else ""
                )
    names = {hit.name for result in found("storm", plain=True).page for hit in result.hits}
    assert names == {sam.name, "Caller <1>", "Unknown Speaker"}


# --- Search this episode --------------------------------------------------------------


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


# --- Cost -----------------------------------------------------------------------------


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
