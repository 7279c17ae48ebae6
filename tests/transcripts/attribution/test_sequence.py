"""The sequence decoder on its own: turn-taking weighed against made-up evidence."""

import itertools
import random

import pytest

from transcripts.attribution import sequence
from transcripts.attribution.sequence import decode

HOST, ANA, BEN = 0, 1, 2


def test_a_two_person_conversation_alternates_from_one_clue():
    scores = [[0.0, 0.0, 0.0] for _ in range(6)]
    scores[0][HOST] = 5.0  # only the first turn says who speaks
    decoded = decode(scores, [False] * 6, [False] * 6, host=HOST)
    assert decoded.path[0] == HOST
    assert decoded.path[1::2] == [decoded.path[1]] * 3  # one guest answers throughout


def test_a_clue_as_small_as_a_likeness_does_not_give_one_voice_two_marked_turns():
    scores = [[0.0, 0.0, 0.0] for _ in range(2)]
    scores[0][ANA], scores[1][ANA] = 6.0, 4.0  # turn 1 only sounds like Ana
    decoded = decode(scores, [False] * 2, [False] * 2, host=HOST)
    assert decoded.path[1] != ANA


def test_coming_back_after_a_mere_thanks_is_no_likelier_than_anyone_else():
    scores = [[0.0, 0.0, 0.0] for _ in range(4)]
    scores[0][HOST], scores[1][ANA], scores[2][HOST] = 5.0, 5.0, 5.0
    thanks_only = [False, True, False, False]  # turn 1: "Thanks for having me."
    decoded = decode(scores, [False] * 4, thanks_only, host=HOST)
    assert decoded.by_speaker[3][ANA] == decoded.by_speaker[3][BEN]
    plain = decode(scores, [False] * 4, [False] * 4, host=HOST)
    assert plain.by_speaker[3][ANA] > plain.by_speaker[3][BEN]


def test_a_marked_turn_after_an_unmarked_hmm_is_not_the_voice_before_it():
    # Ana at length, the host's "Hmm." the source left unmarked, then a turn it marks.
    scores = [[0.0, 0.0, 0.0] for _ in range(4)]
    scores[0][HOST], scores[1][ANA], scores[2][HOST] = 5.0, 5.0, 5.0
    listening = [False, False, True, False]
    plain = decode(scores, listening, [False] * 4, host=HOST)
    assert plain.path[3] == ANA  # after a mere "Hmm." the floor goes back to Ana
    marked_after_ana = [False, False, False, True]
    passed = decode(scores, listening, [False] * 4, host=HOST, passed_over=marked_after_ana)
    assert passed.by_speaker[3][ANA] < passed.by_speaker[3][BEN]
    # ... and the one who said "Hmm." may go on: no cost of the same voice twice.
    assert passed.by_speaker[3][HOST] > passed.by_speaker[3][BEN]


def test_after_a_question_to_several_people_the_one_before_the_asker_is_no_likelier():
    scores = [[0.0, 0.0, 0.0] for _ in range(3)]
    scores[0][ANA], scores[1][HOST] = 5.0, 5.0  # Ana answers, the host asks again
    asks_both = [False, True, False]  # turn 1: "Do either of you ...?"
    decoded = decode(scores, [False] * 3, [False] * 3, host=HOST, open_to_all=asks_both)
    assert decoded.by_speaker[2][ANA] == decoded.by_speaker[2][BEN]
    plain = decode(scores, [False] * 3, [False] * 3, host=HOST)
    assert plain.by_speaker[2][ANA] > plain.by_speaker[2][BEN]


def test_a_co_host_comes_in_more_freely_than_a_guest_but_less_than_the_host():
    co_host, guest = 2, 3
    scores = [[0.0] * 4 for _ in range(3)]
    scores[0][HOST], scores[1][ANA] = 5.0, 5.0  # turn 2 says nothing of its speaker
    decoded = decode(scores, [False] * 3, [False] * 3, host=HOST, co_hosts=[co_host])
    turn = decoded.by_speaker[2]
    assert turn[HOST] > turn[co_host] > turn[guest]


def test_the_decoded_path_and_each_turns_best_scores_are_those_of_every_sequence_tried():
    """Against brute force over every sequence of small cases, with every kind of turn:
    the forward pass keeps a few states per speaker, which must never lose the best."""
    chance = random.Random(25)
    for _ in range(600):
        turns, people = chance.randint(3, 6), chance.randint(2, 4)
        scores = [
            [chance.choice([0, 0, 0.5, 1, 2, -1, -2]) for _ in range(people)] for _ in range(turns)
        ]
        kinds = {
            "listening": [chance.random() < 0.3 for _ in range(turns)],
            "courtesy": [chance.random() < 0.15 for _ in range(turns)],
            "open_to_all": [chance.random() < 0.15 for _ in range(turns)],
            "passed_over": [t >= 2 and chance.random() < 0.3 for t in range(turns)],
        }
        decoded = decode(
            scores,
            kinds["listening"],
            kinds["courtesy"],
            host=HOST,
            open_to_all=kinds["open_to_all"],
            passed_over=kinds["passed_over"],
        )
        every = {
            path: _whole_score(path, scores, **kinds)
            for path in itertools.product(range(people), repeat=turns)
        }
        assert every[tuple(decoded.path)] == pytest.approx(max(every.values()))
        for t in range(turns):
            for person, value in decoded.by_speaker[t].items():
                best_with_them = max(score for path, score in every.items() if path[t] == person)
                assert value == pytest.approx(best_with_them)


def _whole_score(path, scores, *, listening, courtesy, open_to_all, passed_over):
    """A sequence's score, move by move, as the decoder's docstring and costs say."""
    total = scores[0][path[0]]
    for t in range(1, len(path)):
        before = path[t - 2] if t >= 2 else None
        last, speaker = path[t - 1], path[t]
        if passed_over[t]:  # the change was marked from the voice before last
            same, back, new = None, sequence.SAME_AGAIN, sequence.NEW_VOICE
        else:
            same = sequence.SAME_AGAIN
            back = (
                None
                if (t >= 2 and courtesy[t - 2]) or open_to_all[t - 1]
                else sequence.ALTERNATE
                + (sequence.RESUME_AFTER_LISTENING if listening[t - 1] else 0.0)
            )
            new = sequence.NEW_VOICE + (sequence.OTHER_AFTER_LISTENING if listening[t - 1] else 0.0)
        if same is not None and speaker == last:
            cost = same
        elif back is not None and speaker == before and before != last:
            cost = back
        elif speaker == HOST:
            cost = sequence.HOST_RETURNS
        else:
            cost = new
        total += cost + scores[t][speaker]
    return total
