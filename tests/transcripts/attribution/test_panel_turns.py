"""A tech panel's turns: who is asked to go on, who greets after being introduced,
and who introduces themselves, on short made-up panels."""

from tests.transcripts.attribution.test_panel import points_for
from transcripts.attribution.addressing import answering
from transcripts.attribution.cast import find_cast
from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.evidence import ADDRESSED
from transcripts.attribution.mentions import describe_turns

# Two panellists, one reminded of what she said a while ago.
REMINDED = [
    "Welcome to the show, I'm Nora Field. With me are Omar Haddad and Priya Raman.",
    "Hi, everyone.",
    "Hello.",
    "Omar, what do you make of the new release?",
    "It's faster, and the tooling is much better than it was a year ago, honestly.",
    "She'll demo it for us later, I hope.",
    "But Priya, you were mentioning earlier the build times...",
    "Yes, they've dropped by half since spring, which nobody expected at all.",
]


def test_one_reminded_of_what_they_said_earlier_speaks_next_and_did_not_speak_before():
    priya = points_for(REMINDED, "Priya Raman")
    assert priya[5] <= 0  # the reminder answers nobody: the turn before is not hers
    assert priya[7] >= ADDRESSED
    assert attribute_turns(REMINDED).labels[7] == "Priya Raman"


# Two guests introduced in one breath, then greeted: either may say hello first.
INTRODUCED_TOGETHER = [
    "Welcome to Build Talk, I'm Nora Field. Here with us are Omar Haddad and Priya Raman of"
    " the compiler team. Good afternoon!",
    "Hello, everybody.",
    "So, Omar, what changed in the new release?",
]


def test_the_greeting_after_two_guests_introduced_together_is_either_ones():
    omar = points_for(INTRODUCED_TOGETHER, "Omar Haddad")
    priya = points_for(INTRODUCED_TOGETHER, "Priya Raman")
    assert omar[1] == priya[1] > 0
    assert attribute_turns(INTRODUCED_TOGETHER).labels[1] is None


def test_one_guest_introduced_is_the_one_who_greets_back():
    turns = ["Welcome to Build Talk, I'm Nora Field. With us is Omar Haddad. Hello!", "Hi!"]
    assert points_for(turns, "Omar Haddad")[1] >= ADDRESSED


def test_a_name_with_what_they_just_said_still_answers_them():
    turns = [*REMINDED[:5], "Omar, you said the tooling is better, but the docs lag behind."]
    cast = find_cast(turns)
    facts = describe_turns(turns, cast)
    assert cast.people[answering(facts[5])].label == "Omar Haddad"
    assert answering(describe_turns(REMINDED, cast)[6]) is None


# The hosts' round of hellos: the introduction cut by the first host's greeting and
# finished after it.
ROUND_OF_HELLOS = [
    "Welcome to Build Talk. With us today is Omar Haddad, who maintains the compiler.",
    "Hi, everyone.",
    "And also with us are our co-hosts, Tom Reyes...",
    "Hello.",
    "...and Ana Cole.",
    "Hey!",
    "So, Omar, what changed in the new release?",
]


def test_the_one_an_introduction_finished_after_a_greeting_presents_greets_next():
    ana = points_for(ROUND_OF_HELLOS, "Ana Cole")
    assert ana[5] > 0
    assert attribute_turns(ROUND_OF_HELLOS).labels[5] == "Ana Cole"
