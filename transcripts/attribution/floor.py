"""The floor handed to a newcomer: someone first named when called on by name alone
("Mr. Katsas.") takes the floor then, and someone thanked as a newcomer is called
("Thank you, Mr. Long. General Verrilli.") has had their say: a court's counsel
one after another, speakers at a podium."""

from transcripts.attribution.cast import HOST_SLOT
from transcripts.attribution.evidence import GONE, NOT_YET_ON, called, thanked_at_start
from transcripts.attribution.mentions import TurnFacts

CALL_AFTER_THANKS = 2  # "Thank you, General." "Thank you." "Mr. Katsas.": the call may follow


def newcomers_called(facts: list[TurnFacts]) -> dict[int, int]:
    """Turn -> the person it calls on, for calls that name someone for the first time."""
    first_named: dict[int, int] = {}
    for t, fact in enumerate(facts):
        for m in fact.mentions:
            first_named.setdefault(m.person, t)
    found = {}
    for t, fact in enumerate(facts):
        person = called(fact)
        if person is not None and person != HOST_SLOT and first_named[person] == t:
            found[t] = person
    return found


def add_floor_changes(facts: list[TurnFacts], scores: list[list[float]]):
    """Points against a newcomer speaking before being called on, and against the
    one thanked as a newcomer is called speaking again before someone speaks to them."""
    calls = newcomers_called(facts)
    for t, person in calls.items():
        for earlier in range(t):
            scores[earlier][person] += NOT_YET_ON
    for t, fact in enumerate(facts):
        thanked = thanked_at_start(fact)
        window = range(t, t + CALL_AFTER_THANKS + 1)
        if thanked is None or not any(calls.get(u, thanked) != thanked for u in window):
            continue
        for later in range(t + 1, len(facts)):
            if any(m.person == thanked and m.vocative for m in facts[later].mentions):
                break
            scores[later][thanked] += GONE
