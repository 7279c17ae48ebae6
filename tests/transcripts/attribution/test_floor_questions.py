"""A live panel taking questions from the floor: audience members name themselves,
ask one question and sit down again."""

from transcripts.attribution.cast import find_cast
from transcripts.attribution.decode import attribute_turns
from transcripts.attribution.evidence import gather_evidence
from transcripts.attribution.mentions import describe_turns

OPENING = [
    "Welcome, everyone, to our panel on observability. I'm Sarah Chen, and I'll be "
    "moderating. Let's have our panelists introduce themselves.",
    "Hi, I'm Tom Baker, I'm a site reliability engineer at Acme.",
    "Hello, I'm Priya Patel, and I lead the platform team at Globex.",
    "Let's open it up to questions from the audience. Yes, in the front.",
    "Hi, thanks. My name is Dave Miller, I work at Hooli. My question is for Priya. How do "
    "you handle requests that span several regions?",
]
ANSWER = (
    "Thanks, Dave, that is a great question. We route all spans of a trace to the same "
    "collector, and across regions we accept that we lose a few traces at the edges."
)
AFTER = [
    "Next question. Over here.",
    "This one is for the whole panel. What is the one metric you would keep?",
    "I'll take that one. Error rate per endpoint, because it is what users feel first.",
    "Same as Tom, honestly.",
]


def points_for(turns, label):
    cast = find_cast(turns)
    person = next(p for p, someone in enumerate(cast.people) if someone.label == label)
    return [row[person] for row in gather_evidence(describe_turns(turns, cast), cast)]


def test_one_who_names_themselves_to_ask_a_question_is_on_for_that_question_only():
    cast = find_cast([*OPENING, ANSWER, *AFTER])
    on_for_a_while = {person.label: person.phoned_in for person in cast.people[1:]}
    assert on_for_a_while == {"Tom Baker": False, "Priya Patel": False, "Dave Miller": True}
    # Thanked as they are answered, they have gone: nothing after that is theirs.
    assert max(points_for([*OPENING, ANSWER, *AFTER], "Dave Miller")[7:]) < 0
    labels = attribute_turns([*OPENING, ANSWER, *AFTER]).labels
    assert labels[4] == "Dave Miller" and labels[5] == "Priya Patel"
    # The turn right after the answer may still be read as Dave's (the answer opens by
    # thanking him by name); after that he has gone.
    assert "Dave Miller" not in labels[7:]
