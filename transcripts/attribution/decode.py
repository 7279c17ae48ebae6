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

    states = states_within_budget(len(turns), len(cast.people))
    decoded = [best_with_margin(row) for row in decode(scores, listening, substantial, states)]
    # A passage said twice goes to whoever is the surer speaker of the two.
    for a, b in repeated_pairs(turns):
        (speaker_a, margin_a), (speaker_b, margin_b) = decoded[a], decoded[b]
        if margin_a >= margin_b:
            scores[b][speaker_a] += REPEATED
        else:
            scores[a][speaker_b] += REPEATED
    decoded = [best_with_margin(row) for row in decode(scores, listening, substantial, states)]

    return name_the_voices(cast, decoded)


def name_the_voices(cast: Cast, decoded: list[tuple[int, float]]) -> Attribution:
    """A label per turn: the person's name, "Speaker N" for a voice nobody named
    (N its place among the voices in order of first appearance), or None when
    the best speaker is not ahead by MARGIN."""
    order: dict[int, int] = {}
    for speaker, margin in decoded:
        if margin >= MARGIN:
            order.setdefault(speaker, len(order) + 1)
    label_of = {p: cast.people[p].label or unnamed_voice_label(place) for p, place in order.items()}
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
# Moves the decoder may weigh in one pass: turns x states x people. Programmes
# (300 turns, 20 people) stay far below it; a file of thousands of one-line turns
# naming 30 people decodes with fewer states kept a turn instead of taking seconds.
MAX_MOVES = 200_000
BEAM = 12.0  # the decoder drops states this far behind the best (a speed-up only)

State = tuple[int, int | None]  # (speaker, the last guest to have said something of substance)
NEG_INF = float("-inf")


def states_within_budget(turns: int, people: int) -> int:
    return max(2, min(MAX_STATES, MAX_MOVES // max(1, turns * people)))


def decode(
    scores: list[list[float]],
    listening: list[bool],
    substantial: list[bool],
    max_states: int = MAX_STATES,
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

    def guest_moves(s0: int, g0: int | None, t: int) -> tuple[float, int | None, float]:
        """From (s0, g0) to turn t: the move to any guest, and the one guest whose move
        differs (or None) with theirs: one lookup a state instead of one a guest."""
        if s0 != HOST_SLOT:
            return GUEST_AFTER_GUEST, s0, SAME_GUEST_AGAIN
        if g0 is None:
            return RESUME, None, RESUME
        if listening[t - 1]:
            return OTHER_AFTER_LISTENING, g0, RESUME_AFTER_LISTENING
        return TURN_TO_OTHER_GUEST, g0, RESUME

    def successors(prev: State, t: int):
        """The states turn t can be in after ``prev``, with the score of each move."""
        s0, g0 = prev
        yield (HOST_SLOT, g0), HOST_AFTER_HOST if s0 == HOST_SLOT else 0.0
        other, special, special_move = guest_moves(s0, g0, t)
        for s1 in guests:
            yield (s1, s1 if substantial[t] else g0), special_move if s1 == special else other

    def move(prev: State, state: State, t: int) -> float | None:
        """The score of the move from ``prev`` to ``state`` at turn t; None if none leads there."""
        (s0, g0), (s1, g1) = prev, state
        if s1 == HOST_SLOT:
            return (HOST_AFTER_HOST if s0 == HOST_SLOT else 0.0) if g1 == g0 else None
        if g1 != (s1 if substantial[t] else g0):
            return None
        other, special, special_move = guest_moves(s0, g0, t)
        return special_move if s1 == special else other

    def prune(row: dict[State, float]) -> dict[State, float]:
        # States this far behind the best cannot come back: no clue is worth that much.
        # At most max_states are kept, so a turn costs the same however large the cast.
        floor = max(row.values()) - BEAM
        kept = {state: value for state, value in row.items() if value >= floor}
        if len(kept) > max_states:
            kept = dict(heapq.nlargest(max_states, kept.items(), key=lambda item: item[1]))
        return kept

    first = {(HOST_SLOT, None): scores[0][HOST_SLOT]}
    first.update({(g, g if substantial[0] else None): scores[0][g] for g in guests})
    ahead: list[dict[State, float]] = [prune(first)]
    for t in range(1, n):
        row: dict[State, float] = {}
        score = scores[t]
        for prev, value in ahead[-1].items():
            for state, step in successors(prev, t):
                total = value + step + score[state[0]]
                if total > row.get(state, NEG_INF):
                    row[state] = total
        ahead.append(prune(row))

    behind: list[dict[State, float]] = [dict.fromkeys(ahead[-1], 0.0)]
    for t in range(n - 2, -1, -1):
        later = behind[-1]
        row = {}
        score = scores[t + 1]
        for prev in ahead[t]:
            if len(later) < people:  # fewer states kept than moves out: try each state
                steps = ((state, move(prev, state, t + 1)) for state in later)
                links = [step + score[s[0]] + later[s] for s, step in steps if step is not None]
            else:
                links = [
                    step + score[s[0]] + later[s]
                    for s, step in successors(prev, t + 1)
                    if s in later
                ]
            row[prev] = max(links, default=NEG_INF)
        behind.append(row)
    behind.reverse()  # built from the last turn back: appending keeps this linear

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
