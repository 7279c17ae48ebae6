"""Likeness: a turn sounds like the turns a person surely spoke."""

from transcripts.attribution.style import likeness
from transcripts.sentences import word_count

RIVER = (
    "The river compact sets the shares of water for each state, and the river master "
    "measures the flow at the gauge every spring before the shares are released downstream."
)
TAXES = (
    "The penalty is collected with income taxes, so the revenue code and its assessment "
    "rules decide when a taxpayer may sue over the penalty and when the suit must wait."
)


def test_a_turn_is_nearer_the_person_who_talks_about_its_subject():
    turns = [RIVER, TAXES, RIVER.replace("every spring", "each year"), TAXES.upper()]
    sure = [0, 1, None, None]
    words = [word_count(text) for text in turns]
    # Profiles need this many sure words; the made-up turns are short.
    rows = likeness(turns, sure, 2, words, least_profile_words=20)
    assert rows[2][0] > 0 > rows[2][1]
    assert rows[3][1] > 0 > rows[3][0]


def test_short_turns_and_a_single_profile_say_nothing():
    turns = [RIVER, TAXES, "Yes, the river."]
    words = [word_count(text) for text in turns]
    assert likeness(turns, [0, 1, None], 2, words, least_profile_words=20)[2] == [0.0, 0.0]
    assert all(
        value == 0.0
        for row in likeness(turns, [0, 0, None], 2, words, least_profile_words=20)
        for value in row
    )
