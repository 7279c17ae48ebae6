"""The whole sequence of speakers at once: a chain over (previous speaker, speaker).

Conversation alternates: after A then B, A answering back is the likeliest
next turn (a host and a guest, a justice and counsel, a reporter and the
briefer, two people talking), someone new taking the floor is less likely,
and the same voice twice running is rare because every "- " marks a change of
voice. The host (or moderator) comes back whenever they like. These costs are
weighed against each turn's evidence, so that evidence from several turns
beats a rule about one.
"""

import heapq
from collections.abc import Collection
from dataclasses import dataclass

SAME_AGAIN = -6.0  # "- " marks a change of voice: the same voice twice means a lost turn
ALTERNATE = 0.0  # back to whoever spoke before the last turn: A B A
HOST_RETURNS = 0.0  # the host takes the floor back whenever they like
NEW_VOICE = -1.0  # someone other than the last two speakers
CO_HOST_RETURNS = NEW_VOICE / 2  # a co-host chimes in more freely than a guest, less than the host
RESUME_AFTER_LISTENING = 1.0  # after a mere "Hmm." the floor never left the speaker before
OTHER_AFTER_LISTENING = -1.0  # ... so someone else taking it then is less likely still
MAX_STATES = 24  # states kept a turn, so a turn costs the same however large the cast
# Moves the decoder may weigh in one pass: turns x states x people. Programmes
# (300 turns, 20 people) stay far below it; a file of thousands of one-line turns
# naming 30 people decodes with fewer states kept a turn instead of taking seconds.
MAX_MOVES = 50_000
BEAM = 12.0  # states this far behind the best are dropped: no clue is worth that much

NOBODY = -1  # the "previous speaker" before the first turn
State = tuple[int, int]  # (previous speaker, speaker)
NEG_INF = float("-inf")


@dataclass
class Decoded:
    path: list[int]  # the best whole sequence: a speaker a turn
    # For each turn and speaker, the score of the best whole sequence with them there.
    by_speaker: list[dict[int, float]]


def states_within_budget(turns: int, people: int) -> int:
    return max(2, min(MAX_STATES, MAX_MOVES // max(1, turns * people)))


def decode(
    scores: list[list[float]],
    listening: list[bool],
    courtesy: list[bool],
    *,
    host: int,
    co_hosts: Collection[int] = (),
    co_chairs: Collection[int] = (),
    open_to_all: list[bool] | None = None,
    max_states: int = MAX_STATES,
    passed_over: list[bool] = (),
) -> Decoded:
    """The best sequence of speakers and each turn's max-marginals (Viterbi, forward
    and backward), with ``scores[t][p]`` the evidence for person p speaking turn t,
    ``listening[t]`` true when turn t is a backchannel or interjection and
    ``courtesy[t]`` when it only greets or thanks: coming back after saying only
    "Thanks for having me." is no likelier than anyone else's turn; ``passed_over[t]``
    when turn t is not the voice of turn t - 2 (the source marked a change from
    them, not from the listener's "Hmm." between). ``open_to_all[t]`` when turn t
    asks several people at once ("Do either of you ...?"): whoever answers, the one
    who spoke before the asker is no likelier than the others. ``co_chairs``: those who
    moderate with the host, coming back as freely as the host does."""
    n, people = len(scores), range(len(scores[0]))

    def costs(t: int) -> tuple[list[float], float | None, bool]:
        """The cost of each speaker taking turn t when new to the exchange (the host
        comes back whenever they like), of coming back to the one before the last
        speaker (None after their mere "Thanks for having me."), and whether the last
        speaker going on costs SAME_AGAIN (not when the marker was put after the voice
        before them: the listener of a "Hmm." may well go on)."""
        if passed_over and passed_over[t]:
            fresh = [HOST_RETURNS if p == host else NEW_VOICE for p in people]
            return fresh, SAME_AGAIN, False
        new = NEW_VOICE + (OTHER_AFTER_LISTENING if listening[t - 1] else 0.0)
        fresh = [
            HOST_RETURNS
            if p == host or p in co_chairs
            else CO_HOST_RETURNS
            if p in co_hosts
            else new
            for p in people
        ]
        if t >= 2 and courtesy[t - 2]:
            return fresh, None, True
        if open_to_all is not None and open_to_all[t - 1]:
            return (
                fresh,
                None,
                True,
            )  # "Do either of you ...?": the one before the asker is no likelier
        return fresh, ALTERNATE + (RESUME_AFTER_LISTENING if listening[t - 1] else 0.0), True

    def prune(row: dict[State, float]) -> dict[State, float]:
        floor = max(row.values()) - BEAM
        kept = {state: value for state, value in row.items() if value >= floor}
        if len(kept) > max_states:
            kept = dict(heapq.nlargest(max_states, kept.items(), key=lambda item: item[1]))
        return kept

    ahead: list[dict[State, float]] = [prune({(NOBODY, p): scores[0][p] for p in people})]
    came_from: list[dict[State, int]] = [{}]
    for t in range(1, n):
        fresh, alternate, marked_again = costs(t)
        score = scores[t]
        new_turn = [cost + points for cost, points in zip(fresh, score, strict=True)]
        previous = ahead[-1]
        # The two best states of each last speaker: a new voice costs the same from
        # any of them except the one whose earlier speaker it is (for that speaker it
        # is a return, not a new voice), where the runner-up stands in.
        best_two: dict[int, list[tuple[float, int]]] = {}
        for (before, last), value in previous.items():
            top = best_two.setdefault(last, [])
            top.append((value, before))
            if len(top) > 2:
                top.sort(reverse=True)
                del top[2:]
        row: dict[State, float] = {}
        back: dict[State, int] = {}
        for last, top in best_two.items():
            top.sort(reverse=True)
            for p, points in enumerate(new_turn):
                if p == last:  # costs the same from whoever spoke before
                    value, before = top[0]
                    move = _move(before, last, p, fresh, alternate, marked_again)
                    row[(last, p)], back[(last, p)] = value + move + score[p], before
                    continue
                for value, before in top:  # coming back is weighed below
                    if alternate is None or before != p:
                        row[(last, p)], back[(last, p)] = value + points, before
                        break
        # Back to whoever spoke before the last speaker, from each state.
        if alternate is not None:
            for (before, last), value in previous.items():
                if before in (NOBODY, last):
                    continue
                candidate = value + alternate + score[before]
                if candidate > row.get((last, before), NEG_INF):
                    row[(last, before)], back[(last, before)] = candidate, before
        kept = prune(row)
        ahead.append(kept)
        came_from.append({state: back[state] for state in kept})

    behind: list[dict[State, float]] = [dict.fromkeys(ahead[-1], 0.0)]  # built from the end
    for t in range(n - 2, -1, -1):
        fresh, alternate, marked_again = costs(t + 1)
        score = scores[t + 1]
        onward: dict[int, list[tuple[int, float]]] = {}
        for (last, speaker), value in behind[-1].items():
            onward.setdefault(last, []).append((speaker, value + score[speaker]))
        row = {}
        for before, last in ahead[t]:
            best = NEG_INF
            for speaker, value in onward.get(last, ()):
                value += _move(before, last, speaker, fresh, alternate, marked_again)
                if value > best:
                    best = value
            row[(before, last)] = best
        behind.append(row)
    behind.reverse()

    by_speaker: list[dict[int, float]] = []
    for t in range(n):
        best: dict[int, float] = {}
        for state, value in ahead[t].items():
            total = value + behind[t][state]
            if total > best.get(state[1], NEG_INF):
                best[state[1]] = total
        by_speaker.append(best)

    state = max(ahead[-1], key=ahead[-1].get)
    path = [state[1]]
    for t in range(n - 1, 0, -1):
        state = (came_from[t][state], state[0])
        path.append(state[1])
    path.reverse()
    return Decoded(path=path, by_speaker=by_speaker)


def _move(before: int, last: int, speaker: int, fresh, alternate, marked_again: bool) -> float:
    """The cost of ``speaker`` taking the turn after (``before``, ``last``): the one way
    the forward and backward passes both price a move."""
    if speaker == last and marked_again:
        return SAME_AGAIN
    if alternate is not None and speaker == before and before not in (NOBODY, last):
        return alternate
    return fresh[speaker]
