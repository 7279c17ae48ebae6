"""Questioners and the questions they put, on short made-up hearings and programmes:
who was cut off and picks up, who is asked by name."""

from transcripts.attribution.cast import find_cast
from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.evidence import ASKED_AT_THE_START, gather_evidence
from transcripts.attribution.mentions import describe_turns

CUT_OFF = [
    "We will hear argument this morning in the river case. Ms. Park.",  # 0 the chief
    "Madam Chief Justice, and may it please the Court: the compact governs the river "
    "and the shares it sets are fixed.",  # 1 counsel
    "Justice Lane asked about the treaty. I want to ask about the second article, "
    "which speaks of the --",  # 2 Justice Ueda, cut off
    "Right.",  # 3 counsel
    "-- shares of the upstream states, and says nothing of droughts?",  # 4 Justice Ueda
    "No, Justice Ueda, the shares are fixed by the formula in the appendix, droughts or not.",
    "Ms. Park, does the formula bind the federal government too?",
    "It does, Justice Lane, and the government agrees.",
]


def test_a_sentence_picked_up_after_an_interruption_is_the_one_cut_off_two_turns_before():
    """ "-- shares of the upstream states ...?" finishes the question cut off at "the --":
    the answer names its asker, and so the cut-off turn is theirs too."""
    labels = attribute_turns(CUT_OFF).labels
    assert labels[4] == "Justice Ueda"
    assert labels[2] == "Justice Ueda"


QUESTION_BY_NAME = [
    "Welcome to Harbor Hour, I'm Dana Whitfield. We're joined by Priya Raman, a reporter, "
    "and Marcus Lee, a planner.",
    "Thanks for having me.",
    "Marcus, in addition to the plan the council adopted for the stations last year, look at "
    "the permits. A year on, the permits say something else. The outer suburbs grew faster "
    "than any of the station areas. The station lots are still empty, and the council has "
    "stopped talking about them. Why is that, and what would change it?",
    "The zoning near the stations changed late, and the lenders waited to see whether it "
    "would hold before they put any money in.",
]


def test_a_long_question_opening_with_a_name_is_put_to_the_one_named():
    cast = find_cast(QUESTION_BY_NAME)
    people = {person.label: p for p, person in enumerate(cast.people)}
    scores = gather_evidence(describe_turns(QUESTION_BY_NAME, cast), cast)
    assert scores[3][people["Marcus Lee"]] == ASKED_AT_THE_START
    assert scores[3][people["Priya Raman"]] == 0.0


def test_a_greeting_by_name_opening_a_question_puts_nothing_to_the_one_greeted():
    turns = [*QUESTION_BY_NAME]
    turns[2] = "Hi, Marcus. " + turns[2].replace("Marcus, in", "In", 1)
    cast = find_cast(turns)
    people = {person.label: p for p, person in enumerate(cast.people)}
    scores = gather_evidence(describe_turns(turns, cast), cast)
    assert scores[3][people["Marcus Lee"]] == 0.0
