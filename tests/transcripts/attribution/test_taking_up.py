"""The one two turns before comes back: an asker after a brief answer, a judge of a
brief reply, a host after the reading they called for; and a brief guess put as a
question is an answer, not someone asking."""

import pytest

from tests.transcripts.attribution.test_game import QUIZ as GAME
from tests.transcripts.attribution.test_panel import PANEL
from transcripts.attribution.cast import find_cast
from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.evidence import (
    ASKS,
    gather_evidence,
    host_goes_on,
    takes_up_the_answer,
)
from transcripts.attribution.mentions import describe_turns


def taken_up(turns):
    return takes_up_the_answer(describe_turns(turns, find_cast(turns)))


def host_evidence(turns):
    cast = find_cast(turns)
    return [row[0] for row in gather_evidence(describe_turns(turns, cast), cast)]


OPENING = "This is the news quiz. I'm announcer Rob Vance. And here's your host, Peter Vale!"


@pytest.mark.parametrize(
    ("before", "between", "after"),
    [
        ("So where are you from originally?", "Detroit.", "Detroit. What brought you here?"),
        ("The van will help parents do what?", "Eject the kids?", "I hope they listen to you."),
        (
            "It saves your voice, as a hint.",
            "An intercom?",
            "Yes. It is a new speaker system that helps you yell at your kids.",
        ),
        (
            "Your first piece of good news, from the car world. Rob?",
            "Pipe down back there!",
            "Rob was reading about a van.",
        ),
    ],
)
def test_the_one_two_turns_before_takes_up_a_brief_turn(before, between, after):
    assert taken_up([OPENING, before, between, after])[3]


@pytest.mark.parametrize(
    ("before", "between", "after"),
    [
        # the answer is no brief one: whoever speaks next may be anyone
        (
            "Where are you from?",
            "Detroit, and I moved here after twenty years of winters there,"
            " which I do not miss at all.",
            "Winters are the worst.",
        ),
        # a statement and a brief reply, the next turn not judging it
        ("It saves your voice.", "An intercom.", "My kids would love that, honestly, a lot."),
        # the one called on asks: the answer is someone else's
        ("Next question. Rob?", "Can I ask about the van?", "Sure, the van is new."),
    ],
)
def test_nobody_is_taken_back_without_a_question_a_judgement_or_a_call(before, between, after):
    assert not taken_up([OPENING, before, between, after])[3]


def test_counsel_called_on_for_the_first_time_hold_the_floor_and_are_not_taken_back():
    turns = [
        "We will hear argument this morning in the case of the harbor. Mr. Ocampo.",
        "Mr. Chief Justice, and may it please the Court: the statute is plain.",
        "Is it, though?",
    ]
    assert not taken_up(turns)[2]


def test_a_brief_guess_put_as_a_question_right_after_a_question_is_no_hosts_asking():
    quiz = [OPENING, "The van helps parents everywhere do what?", "Eject their kids?"]
    assert host_evidence(quiz)[2] < ASKS
    asked = [OPENING, "The van has an intercom for the back seats.", "Does it shout?"]
    assert host_evidence(asked)[2] >= ASKS


# A quiz among a panel (a crowd: only turns with evidence of their own are named):
# the host calls on the announcer to read, asks, and judges the contestant's guesses.
QUIZ = [
    *PANEL[:7],  # the announcer, the host, three panellists presented
    "Our contestant is on the line. Hi, who's this?",
    "Liz Kanter from Tucson, Arizona.",
    "Welcome, Liz. Your first piece of good news comes from the car world. Rob?",
    "If you don't pipe down back there, I'm pulling over right now.",
    "Rob was reading about a new minivan that helps parents everywhere do what, Liz?",
    "Eject the kids?",
    "No, but close. You will need something smaller than a door for this one.",
    "Wow, OK.",
    "It saves your voice, for a start.",
    "An intercom?",
    "Yes. It is a new speaker system that helps you yell at your kids without turning.",
    "Mine are filthy.",
    "Sure.",
]


def test_the_host_of_a_quiz_keeps_the_turns_that_take_up_the_answers():
    labels = attribute_turns(QUIZ).labels
    assert labels[9] == labels[11] == labels[13] == "Peter Vale"
    assert labels[10] == "Rob Vance"
    assert labels[12] == "Liz Kanter"  # a guess, said to the one asked by name
    assert labels[18] not in ("Peter Vale", "Luke Dorn", "Amy Holt", "Brian Bell")


def test_a_brief_aside_after_a_question_put_by_name_leaves_the_answer_to_the_one_asked():
    # "And be honest with us." asks nothing: the host going on, not a guess by the one
    # asked, whose points belong to the answer after it.
    turns = [
        OPENING + " Let's go to Liz Kanter in Tucson.",
        "Hi, Peter!",
        "Liz, what got you into chemistry in the first place?",
        "And be honest with us.",
        "Well, my father kept a lab in the garage and I spent every summer out there "
        "mixing things my mother hated, so I kept at it in school and then in college.",
    ]
    cast = find_cast(turns)
    liz = next(
        p for p, person in enumerate(cast.people) if "Liz Kanter" in dict(person.spellings).values()
    )
    evidence = gather_evidence(describe_turns(turns, cast), cast)
    assert evidence[4][liz] > 0
    assert evidence[3][liz] <= 0


STORY = "The trailer premiered on a morning show, and everybody got in on it, even the weatherman."
GOES_ON = "He did the weather in a leather suit, and the studio audience loved every minute."


@pytest.mark.parametrize(
    ("before", "between", "after", "goes_on"),
    [
        (STORY, "Gross.", GOES_ON, True),  # a listener's reaction
        (STORY, "What about the weatherman?", GOES_ON, True),  # a brief question to them
        (STORY, "Counsel --", GOES_ON, False),  # cut off as it starts: wants the floor
        (STORY, "Gross.", "Ha.", False),  # no turn of substance after it
        ("So what did the weatherman do, then?", "Gross.", GOES_ON, False),  # it asked
        (STORY, "I think that was, honestly, a stunt to sell the film.", GOES_ON, False),
    ],
)
def test_the_host_goes_on_past_a_reaction_or_a_brief_question(before, between, after, goes_on):
    turns = [OPENING, before, between, after]
    assert host_goes_on(describe_turns(turns, find_cast(turns)))[3] is goes_on


def test_in_a_quiz_panels_banter_the_host_going_on_past_a_reaction_is_named():
    """ "... But no, no." "Wow." "It saves the driver some vocal strain, as a hint.": the
    host's hint goes on from the verdict before it; in a crowd, the rhythm alone names
    no turn."""
    labels = attribute_turns(GAME).labels
    assert GAME[16] == "Wow." and labels[15] == "Peter Vale"
    assert labels[17] == "Peter Vale"
