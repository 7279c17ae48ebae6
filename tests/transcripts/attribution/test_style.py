"""Likeness: a turn sounds like the turns a person surely spoke; asking sounds unlike
those who only answer."""

from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.style import (
    HABIT,
    UNLIKE_AN_ANSWERER,
    asking_unlike,
    courtesy_habit,
    likeness,
)
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


def test_opening_with_sir_or_maam_is_the_habit_of_the_one_whose_sure_turns_do():
    turns = [
        "Sir, yes.",
        "Yes, ma'am. It is.",
        "Ma'am, no.",
        "Thanks.",
        "Sir, we think so.",
        "Why?",
    ]
    rows = courtesy_habit(turns, [1, 1, 1, 0, None, 0], 2)
    assert [row[1] for row in rows] == [HABIT, HABIT, HABIT, 0.0, HABIT, 0.0]
    assert all(row[0] == 0.0 for row in rows)
    # One sure turn of someone else's opening so (maybe wrongly sure) leaves the habit.
    rows = courtesy_habit(turns, [1, 1, 1, 0, 0, 0], 2)
    assert [row[1] for row in rows] == [HABIT, HABIT, HABIT, 0.0, HABIT, 0.0]


def test_no_habit_when_others_open_so_too_or_it_is_too_seldom():
    turns = ["Sir, yes.", "Ma'am, no.", "Sir, it is.", "Sir, my question is this.", "Sir, why?"]
    # Two of five sure turns opening so are someone else's: a manner several share.
    assert not any(any(row) for row in courtesy_habit(turns, [1, 1, 1, 0, 0], 2))
    # Twice is no habit.
    assert not any(any(row) for row in courtesy_habit(turns, [1, 1, None, None, None], 2))


BRIEFING = [
    "Good evening, and thank you for joining this call. Our briefers tonight are Ana Ruiz "
    "of the National Security Council and Colonel Dan Park. For our first question we'll go "
    "to Lee Chan with the Ledger.",
    "Thanks. Ms. Ruiz, what does the White House want them to take from tonight?",
    "The message is simple: the attacks on our people have to stop. Colonel, do you want to "
    "add anything on the operation?",
    "Yes, ma'am. Every aircraft came back safely, and we are still assessing the damage at "
    "each site.",
    "Thank you. For our next question we'll go to Omar Bell with the Courier.",
    "Thanks. Colonel Park, were the targets hit in one wave or in several?",
    "Sir, they were hit in one wave over about thirty minutes. We picked that timing for the "
    "weather.",
    "Thank you. For our next question we'll go to Nick Shaw with the Post.",
    "Colonel Park, did any of the sites fire back at the aircraft?",
    "Sir, none that we saw. The crews reported no fire from the ground at any of the sites.",
    "Thank you. For our next question we'll go to Rita Gomez with the Tribune.",
    "Thank you. Ms. Ruiz, will there be more strikes this week?",
    "We're not going to telegraph what comes next, but the President has been clear about "
    "what he wants.",
    "Thank you. For our next question we'll go to Sam Ortiz with the Herald.",
    "Hi. Were the allies told before the first aircraft took off, and did any of them take part?",
    "Sir, they were told, and they were with us throughout the planning, though the strikes "
    "were ours.",
    "Thank you. That concludes tonight's call.",
]


def test_an_answer_put_to_nobody_by_name_opening_with_sir_is_the_briefer_who_always_does():
    """The colonel answers "Yes, ma'am." and "Sir, ..." whenever he is asked by name; the
    last question is put to nobody by name, and its answer opens "Sir, ...": his."""
    labels = attribute_turns(BRIEFING).labels
    assert labels[3] == labels[6] == labels[9] == "Colonel Park"
    assert labels[12] == "Ms. Ruiz"
    assert labels[15] == "Colonel Park"
