"""The floor handed to a newcomer: someone first named when called on by name alone
("Mr. Katsas.") takes the floor then and holds it, answering whoever asks, until
thanked or the next newcomer is called; someone thanked as a newcomer is called
("Thank you, Mr. Long. General Verrilli.") has had their say: a court's counsel
one after another, speakers at a podium."""

from transcripts.attribution.addressing import answering, newcomers_called, thanked_at_start
from transcripts.attribution.evidence import GONE, NOT_YET_ON
from transcripts.attribution.mentions import TurnFacts

CALL_AFTER_THANKS = 2  # "Thank you, General." "Thank you." "Mr. Katsas.": the call may follow
ANSWERS_FROM_THE_FLOOR = 2.0  # "Well, Justice Alito, ..." while counsel holds the floor


def floors(facts: list[TurnFacts]) -> dict[int, list[range]]:
    """Person -> the turns they hold the floor: from being called on as a newcomer
    to being thanked or the next newcomer's call."""
    calls = newcomers_called(facts)
    starts = sorted(calls)
    held: dict[int, list[range]] = {}
    for t, person in calls.items():
        end = next((u for u in starts if u > t), len(facts))
        thanks = next((u for u in range(t + 1, end) if thanked_at_start(facts[u]) == person), end)
        held.setdefault(person, []).append(range(t + 1, thanks))
    return held


def add_floor_changes(facts: list[TurnFacts], scores: list[list[float]]):
    """Points against a newcomer speaking before being called on; for the one
    holding the floor, on the turns there that answer someone else ("No, I don't
    think so, Justice Alito"): it is they who are being asked; and against the one
    thanked as a newcomer is called speaking again before someone speaks to them."""
    calls = newcomers_called(facts)
    for t, person in calls.items():
        for earlier in range(t):
            scores[earlier][person] += NOT_YET_ON
    for person, spans in floors(facts).items():
        for span in spans:
            for t in span:
                if answering(facts[t]) not in (None, person):
                    scores[t][person] += ANSWERS_FROM_THE_FLOOR
    for t, fact in enumerate(facts):
        thanked = thanked_at_start(fact)
        window = range(t, t + CALL_AFTER_THANKS + 1)
        replaced = [u for u in window if calls.get(u, thanked) != thanked]
        if thanked is None or not replaced:
            continue
        # From the newcomer's call on: a "Thank you." back before it is theirs to say.
        for later in range(replaced[0] + 1, len(facts)):
            if any(m.person == thanked and m.vocative for m in facts[later].mentions):
                break
            scores[later][thanked] += GONE
