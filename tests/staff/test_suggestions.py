"""Topic suggestions: topics named in the text, and words distinctive against the archive."""

import pytest

from staff.suggestions import distinctive_terms, topics_named_in
from tests.factories import SegmentFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_topics_are_found_whatever_the_case_accents_or_word_ending():
    housing = TopicFactory(name="Housing")
    cafe = TopicFactory(name="Café Culture")
    TopicFactory(name="Wildfire")
    found = topics_named_in(["The new HOUSES downtown.", "A cafe culture of its own."])
    assert list(found) == [cafe, housing]


def test_a_topic_of_two_words_must_appear_as_that_phrase():
    TopicFactory(name="Public Health")
    assert not topics_named_in(["Public schools and the health of rivers."]).exists()


def test_words_the_archive_rarely_says_rank_above_words_it_always_says():
    for _ in range(30):
        SegmentFactory(text="The budget meeting discussed the budget again.")
    text = ["The budget and secession.", "Secession, secession, budget.", "Budget secession."]
    terms = distinctive_terms(text, limit=2)
    assert terms == ["Secession", "Budget"]


def test_speakers_names_fillers_and_existing_topics_are_not_suggested():
    TopicFactory(name="Groundwater")
    text = ["Yeah, Madrigal, groundwater aquifers."] * 4
    assert distinctive_terms(text, leave_out=["Alexis Madrigal"]) == ["Aquifers"]


def test_a_word_said_once_or_twice_is_not_a_topic():
    assert distinctive_terms(["Aquifers matter.", "Aquifers again."]) == []


def test_the_headline_lifts_the_words_it_shares_with_the_transcript():
    text = ["Wells and rivers."] * 3
    assert distinctive_terms(text, headline=["Rivers in spring"])[0] == "Rivers"
