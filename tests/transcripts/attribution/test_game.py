"""A contestant's game: the one set a game by name answers its questions and is the one
the host judges, whoever else is in the room."""

import pytest

from tests.transcripts.attribution.test_panel import PANEL, points_for
from transcripts.attribution.cast import find_cast
from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.game import players
from transcripts.attribution.mentions import describe_turns

OPENING = [
    *PANEL[:7],  # the announcer, the host and three panellists presented
    "Our contestant is on the line. Hi, who's this?",
    "Nell Ortiz from Boise, Idaho.",
]


def facts_of(turns):
    return describe_turns(turns, find_cast(turns))


def test_the_one_spoken_to_as_a_game_is_set_plays_it_until_thanked_by_name():
    turns = [
        *OPENING,
        "Nell, welcome. Your job: guess which story is true. Ready to play?",
        "I am.",
        "Well done, Nell. Thank you so much.",
        "And now, a song.",
    ]
    playing = players(facts_of(turns))
    people = find_cast(turns).people
    nell = next(p for p, person in enumerate(people) if person.label == "Nell Ortiz")
    assert playing[8] is None
    assert playing[9] == playing[10] == playing[11] == nell
    assert playing[12] is None


@pytest.mark.parametrize(
    "question",
    [
        "A new minivan will help parents everywhere more effectively do what?",
        "Rob was quoting from a very popular book, soon a film. What is it?",
        "Fill in the blank. This week, a carmaker said its new van yells at your blank.",
        "Did the van A, eject the kids; B, vacuum the seats; or C, shout at them for you?",
    ],
)
def test_a_brief_turn_after_a_question_of_the_game_is_the_players_guess(question):
    turns = [
        *OPENING,
        "Nell, welcome. Your job: figure out the news. Ready to play?",
        "I am.",
        question,
        "Eject the kids?",
        "I hope the carmakers are listening, because that is a great idea. But no.",
    ]
    assert points_for(turns, "Nell Ortiz")[10] > 0  # "I am." to "Ready to play?"
    assert points_for(turns, "Nell Ortiz")[12] > 0
    assert points_for(turns, "Peter Vale")[13] > 0  # judging the guess


@pytest.mark.parametrize(
    ("setting", "question"),
    [
        # nobody set a game: a talk show's question of the same form
        (
            "Nell, welcome to the show, it's good to have you on the line today.",
            "A new minivan will help parents everywhere more effectively do what?",
        ),
        # the question is put to someone else by name
        (
            "Nell, welcome. Your job: figure out the news. Ready to play?",
            "They may well be. What's that, Brian? Do you know the answer to what?",
        ),
        # no question of a quiz's form: asked of anyone in the room
        (
            "Nell, welcome. Your job: figure out the news. Ready to play?",
            "Why wasn't this true, like, back when everybody talked that way?",
        ),
        (
            "Nell, welcome. Your job: figure out the news. Ready to play?",
            "Will the carmakers ever build a van like that, or not?",
        ),
    ],
)
def test_no_guess_without_a_game_set_and_a_question_of_the_game(setting, question):
    turns = [*OPENING, setting, "Sure.", question, "That's a lifeline."]
    assert points_for(turns, "Nell Ortiz")[12] <= 0


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("No -- a microphone, an intercom.", "Yes. It is a new speaker system for the van."),
        ("They help you gather your thoughts.", "Exactly."),
    ],
)
def test_a_brief_turn_the_next_judges_in_a_game_is_the_players_guess(answer, verdict):
    turns = [
        *OPENING,
        "Nell, welcome. Your job: figure out the news. Ready to play?",
        "I am.",
        "It saves the driver some vocal strain, as a hint.",
        answer,
        verdict,
    ]
    assert points_for(turns, "Nell Ortiz")[12] > 0
    assert points_for(turns, "Peter Vale")[13] > 0


def test_a_bare_yes_or_no_is_no_verdict_on_a_guess():
    """ "Yes." or "No." alone is anyone's reply in the banter, not a judgement."""
    turns = [
        *OPENING,
        "Nell, welcome. Your job: figure out the news. Ready to play?",
        "I am.",
        "We apparently have an obesity epidemic in this country.",
        "Yes.",
    ]
    assert points_for(turns, "Nell Ortiz")[11] <= 0


# A quiz among a panel that banters (a crowd: only turns with evidence of their own are
# named): the contestant's guesses and the host's verdicts are named all the same.
QUIZ = [
    *OPENING,
    "Nell, welcome. Your job: figure out the news. Ready to play?",
    "I am.",
    "Your first piece of news comes from the car world. Rob?",
    "Pipe down back there!",
    "Rob was acting out a minivan that will help parents everywhere do what?",
    "Eject their kids?",
    "I hope the carmakers are listening 'cause that is a great idea. But no, no.",
    "Wow.",
    "It saves the driver some vocal strain, as a hint for you.",
    "An intercom?",
    "Yes. It is a speaker system that helps you yell at your kids without turning round.",
    "Mine are filthy.",
    "Sure.",
    "Me too.",
]


def test_in_a_quiz_the_contestants_guesses_and_the_hosts_verdicts_are_named():
    """Without the game, the guesses ("Eject their kids?", "An intercom?") are nobody's
    and the host's verdicts after them are left unnamed in the banter."""
    labels = attribute_turns(QUIZ).labels
    assert labels[14] == labels[18] == "Nell Ortiz"
    assert labels[15] == labels[19] == "Peter Vale"
    panel = ("Luke Dorn", "Amy Holt", "Brian Bell", "Rob Vance", "Nell Ortiz")
    assert not any(label in panel for label in labels[20:])
