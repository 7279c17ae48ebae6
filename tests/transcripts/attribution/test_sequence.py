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
