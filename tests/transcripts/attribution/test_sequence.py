"""The sequence decoder on its own: turn-taking weighed against made-up evidence."""

from transcripts.attribution.sequence import decode

HOST, ANA, BEN = 0, 1, 2


def test_a_two_person_conversation_alternates_from_one_clue():
    scores = [[0.0, 0.0, 0.0] for _ in range(6)]
    scores[0][HOST] = 5.0  # only the first turn says who speaks
    decoded = decode(scores, [False] * 6, [False] * 6, host=HOST)
    assert decoded.path[0] == HOST
    assert decoded.path[1::2] == [decoded.path[1]] * 3  # one guest answers throughout


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
