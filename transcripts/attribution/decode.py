"""Decoding: the speaker of every turn, weighing the evidence against turn-taking."""

import heapq
from dataclasses import dataclass, field

from transcripts.attribution.cast import (
    HOST_SLOT,
    Cast,
    Person,
    find_cast,
)
from transcripts.attribution.evidence import (
    REPEATED,
    describe_turns,
    gather_evidence,
)
from transcripts.attribution.names import (
    GUEST,
    SUBSTANTIAL,
    is_listening,
    normalize_name,
    unnamed_voice_label,
)
from transcripts.parsed import SpeakerNote


@dataclass
class Attribution:
    """A speaker label (or None) per turn, and what the turns say about each speaker."""

    labels: list[str | None]
    notes: dict[str, SpeakerNote] = field(default_factory=dict)


def attribute_turns(turns: list[str], *, about: list[str] = ()) -> Attribution:
    """A speaker label (or None) for each turn, with notes on each speaker.

    ``about``: the episode's title, summary and description, which may name people.
    """
    if not turns:
        return Attribution(labels=[])
    cast = find_cast(turns, about=about)
    # One more voice the text never names: turns nobody named can go there
    # instead of to a wrong name, at a small cost a turn.
    unnamed = len(cast.people)
    cast.people.append(Person(spellings=[], role=GUEST))
    facts = describe_turns(turns, cast)
    scores = gather_evidence(facts, cast)
    for row in scores:
        row[unnamed] += UNNAMED_VOICE
    listening = [is_listening(text) for text in turns]
    substantial = [fact.words >= SUBSTANTIAL for fact in facts]

    decoded = [best_with_margin(row) for row in decode(scores, listening, substantial)]
    # A passage said twice goes to whoever is the surer speaker of the two.
    for a, b in repeated_pairs(turns):
        (speaker_a, margin_a), (speaker_b, margin_b) = decoded[a], decoded[b]
        if margin_a >= margin_b:
            scores[b][speaker_a] += REPEATED
        else:
            scores[a][speaker_b] += REPEATED
    decoded = [best_with_margin(row) for row in decode(scores, listening, substantial)]

    return name_the_voices(cast, decoded)


def name_the_voices(cast: Cast, decoded: list[tuple[int, float]]) -> Attribution:
    """A label per turn: the person's name, "Speaker N" for a voice nobody named
    (N its place among the voices in order of first appearance), or None when
    the best speaker is not ahead by MARGIN."""
    order: dict[int, int] = {}
    for speaker, margin in decoded:
        if margin >= MARGIN:
            order.setdefault(speaker, len(order) + 1)
    label_of = {
        p: cast.people[p].label if cast.people[p].named else unnamed_voice_label(place)
        for p, place in order.items()
    }
    labels = [label_of[speaker] if margin >= MARGIN else None for speaker, margin in decoded]
    notes = {
        label_of[p]: SpeakerNote(
            label=label_of[p], role=cast.people[p].role, introduced_as=cast.people[p].introduced_as
        )
        for p in order
    }
    for person in cast.people:
        if person.named:
            notes.setdefault(
                person.label,
                SpeakerNote(
                    label=person.label, role=person.role, introduced_as=person.introduced_as
                ),
            )
    return Attribution(labels=labels, notes=notes)


# --- rhythm: a chain decoder ---------------------------------------------------------

HOST_AFTER_HOST = -3.0
RESUME = 0.0  # after the host's follow-up, the guest who spoke before goes on
TURN_TO_OTHER_GUEST = -1.0
RESUME_AFTER_LISTENING = 1.0  # after a mere "Hmm." the floor never left the guest
OTHER_AFTER_LISTENING = -2.0
# "- " marks a change of voice, so one guest twice running means a lost
# turn between: rarer than one guest taking up another's point.
SAME_GUEST_AGAIN = -3.0
GUEST_AFTER_GUEST = -1.5
UNNAMED_VOICE = -1.0  # the cost of giving a turn to a voice nobody named
MARGIN = 1.0  # how far ahead the best speaker must be to be named
MAX_STATES = 48  # and keeps at most this many (speaker, last guest) states a turn
BEAM = 12.0  # the decoder drops states this far behind the best (a speed-up only)

State = tuple[int, int | None]  # (speaker, the last guest to have said something of substance)
NEG_INF = float("-inf")


def decode(
    scores: list[list[float]], listening: list[bool], substantial: list[bool]
) -> list[dict[int, float]]:
    """For each turn and speaker, the score of the best whole sequence with them there.

    A max-sum (Viterbi) pass forward and one backward over states (speaker,
    last guest of substance), so that "the same guest goes on after the
    host" can be rewarded while "Thanks for having me" does not count as
    having the floor; the sums of the two passes are the max-marginals that
    ``best_with_margin`` compares. ``listening[t]``: turn t is a backchannel
    or interjection; ``substantial[t]``: turn t says something.
    """
    n, people = len(scores), len(scores[0])
    guests = [p for p in range(people) if p != HOST_SLOT]

    def guest_move(s0: int, g0: int | None, s1: int, t: int) -> float:
        if s0 != HOST_SLOT:
            return SAME_GUEST_AGAIN if s0 == s1 else GUEST_AFTER_GUEST
        if g0 is None:
            return RESUME
        if listening[t - 1]:
            return RESUME_AFTER_LISTENING if g0 == s1 else OTHER_AFTER_LISTENING
        return RESUME if g0 == s1 else TURN_TO_OTHER_GUEST

    def successors(prev: State, t: int):
        """The states turn t can be in after ``prev``, with the score of each move."""
        s0, g0 = prev
        yield (HOST_SLOT, g0), HOST_AFTER_HOST if s0 == HOST_SLOT else 0.0
        for s1 in guests:
            yield (s1, s1 if substantial[t] else g0), guest_move(s0, g0, s1, t)

    def prune(row: dict[State, float]) -> dict[State, float]:
        # States this far behind the best cannot come back: no clue is worth that much.
        # At most MAX_STATES are kept, so a turn costs the same however large the cast.
        floor = max(row.values()) - BEAM
        kept = {state: value for state, value in row.items() if value >= floor}
        if len(kept) > MAX_STATES:
            kept = dict(heapq.nlargest(MAX_STATES, kept.items(), key=lambda item: item[1]))
        return kept

    first = {(HOST_SLOT, None): scores[0][HOST_SLOT]}
    first.update({(g, g if substantial[0] else None): scores[0][g] for g in guests})
    ahead: list[dict[State, float]] = [prune(first)]
    for t in range(1, n):
        row: dict[State, float] = {}
        for prev, value in ahead[-1].items():
            for state, move in successors(prev, t):
                total = value + move + scores[t][state[0]]
                if total > row.get(state, NEG_INF):
                    row[state] = total
        ahead.append(prune(row))

    behind: list[dict[State, float]] = [dict.fromkeys(ahead[-1], 0.0)]
    for t in range(n - 2, -1, -1):
        later = behind[0]
        row = {}
        for prev in ahead[t]:
            links = [
                move + scores[t + 1][state[0]] + later[state]
                for state, move in successors(prev, t + 1)
                if state in later
            ]
            row[prev] = max(links, default=NEG_INF)
        behind.insert(0, row)

    results = []
    for t in range(n):
        by_speaker: dict[int, float] = {}
        for state, value in ahead[t].items():
            total = value + behind[t][state]
            by_speaker[state[0]] = max(by_speaker.get(state[0], NEG_INF), total)
        results.append(by_speaker)
    return results


def best_with_margin(by_speaker: dict[int, float]) -> tuple[int, float]:
    """The best speaker of a turn and how far ahead of the runner-up they are."""
    ranked = sorted(by_speaker.items(), key=lambda item: item[1], reverse=True)
    margin = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else float("inf")
    return ranked[0][0], margin


# --- repeats -------------------------------------------------------------------------

REPEAT_WORDS = 10  # a run of words this long, said twice, is the same clip


def repeated_pairs(turns: list[str]) -> list[tuple[int, int]]:
    """Pairs of turns sharing a run of REPEAT_WORDS words."""
    first_seen: dict[tuple[str, ...], int] = {}
    pairs = set()
    for t, text in enumerate(turns):
        words = normalize_name(text).split()
        for i in range(len(words) - REPEAT_WORDS + 1):
            other = first_seen.setdefault(tuple(words[i : i + REPEAT_WORDS]), t)
            if other != t:
                pairs.add((other, t))
    return sorted(pairs)
