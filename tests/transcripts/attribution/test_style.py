"""Likeness: a turn sounds like the turns a person surely spoke; asking sounds unlike
those who only answer."""

from transcripts.attribution.style import UNLIKE_AN_ANSWERER, asking_unlike, likeness
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


ANSWER = "The statute was written to reach exactly this case, as the history of the clause shows."
QUESTION = "But why should the history of the provision matter at all when the text is so plain?"


def test_a_question_is_unlike_someone_whose_sure_turns_only_answer():
    """Counsel (0) answers the bench (1) eight times and never asks: the unsure
    turn that asks is unlikely to be counsel's, and nobody else's is touched."""
    turns = [QUESTION, ANSWER] * 8 + [QUESTION, ANSWER]
    sure = [1, 0] * 8 + [None, None]
    rows = asking_unlike(turns, sure, 2)
    assert rows[16] == [UNLIKE_AN_ANSWERER, 0.0]
    assert rows[17] == [0.0, 0.0]


def test_people_who_ask_or_are_seldom_sure_are_no_answerers():
    # Person 0 asks in 2 of 8 sure turns; person 1 is sure of 7 turns only.
    turns = [ANSWER] * 6 + [QUESTION] * 2 + [ANSWER] * 7 + [QUESTION, "Why?"]
    sure = [0] * 8 + [1] * 7 + [None, None]
    rows = asking_unlike(turns, sure, 2)
    assert all(value == 0.0 for row in rows for value in row)


def test_a_short_check_may_be_the_answerers():
    """ "For burial services?" is counsel making sure of the question, not asking one."""
    turns = [QUESTION, ANSWER] * 8 + ["For burial services?"]
    rows = asking_unlike(turns, [1, 0] * 8 + [None], 2)
    assert rows[16] == [0.0, 0.0]


def test_a_long_answer_ending_by_handing_over_is_no_asking():
    """ "... Robert, do you want to add anything?" after a long answer is still the
    answerer's: a turn that talks at length before its ending does not count as asking."""
    handing_over = ANSWER + " " + ANSWER + " " + ANSWER + " Robert, do you want to add anything?"
    turns = [QUESTION, ANSWER] * 8 + [handing_over, QUESTION]
    talks = [False] * 16 + [True, False]
    rows = asking_unlike(turns, [1, 0] * 8 + [None, None], 2, talks=talks)
    assert rows[16] == [0.0, 0.0]
    assert rows[17] == [UNLIKE_AN_ANSWERER, 0.0]  # a plain question still is
