from transcripts.parsed import Cue
from transcripts.segmenting import HARD_WORDS, build_paragraphs, split_sentences


def sentence(n_words):
    return " ".join(["Word"] + ["word"] * (n_words - 2) + ["word."])


def test_consecutive_cues_of_one_speaker_join_into_one_paragraph():
    cues = [
        Cue("Welcome to the show.", 0, 2000, "Host"),
        Cue("Today we talk water.", 2000, 4000, "Host"),
        Cue("Thanks for having me.", 4000, 6000, "Guest"),
    ]
    paragraphs = build_paragraphs(cues)
    assert [(p.speaker_label, p.text) for p in paragraphs] == [
        ("Host", "Welcome to the show. Today we talk water."),
        ("Guest", "Thanks for having me."),
    ]
    assert (paragraphs[0].start_ms, paragraphs[0].end_ms) == (0, 4000)


def test_a_long_turn_splits_at_sentence_ends_near_a_hundred_words():
    cues = [Cue(sentence(30), i * 10_000, i * 10_000 + 9_000, "Guest") for i in range(10)]
    paragraphs = build_paragraphs(cues)
    assert all(p.text.endswith(".") for p in paragraphs)
    # three sentences (90 words) a paragraph; each keeps the start of its first cue
    # and the end of its last
    assert [(p.start_ms, p.end_ms, p.word_count) for p in paragraphs] == [
        (0, 29_000, 90),
        (30_000, 59_000, 90),
        (60_000, 89_000, 90),
        (90_000, 99_000, 30),
    ]


def test_a_single_untimed_cue_of_many_sentences_is_cut_into_paragraphs():
    text = " ".join(sentence(12) for _ in range(40))  # 480 words in one turn
    paragraphs = build_paragraphs([Cue(text, speaker="Host")])
    assert len(paragraphs) >= 4
    assert all(p.word_count <= HARD_WORDS for p in paragraphs)
    assert " ".join(p.text for p in paragraphs) == text


def test_a_long_timed_cue_shares_its_time_among_its_pieces_by_words():
    text = " ".join(sentence(20) for _ in range(10))
    paragraphs = build_paragraphs([Cue(text, 0, 200_000, "Host")])
    assert paragraphs[0].start_ms == 0
    assert paragraphs[-1].end_ms == 200_000
    for before, after in zip(paragraphs, paragraphs[1:], strict=False):
        assert before.end_ms == after.start_ms


def test_unlabelled_cues_stay_apart_from_labelled_ones():
    paragraphs = build_paragraphs([Cue("Hello.", speaker="A"), Cue("Who is this?"), Cue("Me.")])
    assert [p.speaker_label for p in paragraphs] == ["A", None]


def test_sentences_split_after_end_punctuation_and_closing_quotes():
    assert split_sentences('He said "stop." Then we left! Did we? yes') == [
        'He said "stop."',
        "Then we left!",
        "Did we? yes",
    ]


def test_a_paragraph_never_spans_a_turn_even_when_nobody_is_named():
    cues = [
        Cue("Who pays for the bridge?", turn_start=True),
        Cue("Drivers do.", turn_start=True),
        Cue("Mostly commuters.", turn_start=False),
        Cue("Really?", turn_start=True),
    ]
    paragraphs = build_paragraphs(cues)
    assert [(p.text, p.turn_start) for p in paragraphs] == [
        ("Who pays for the bridge?", True),
        ("Drivers do. Mostly commuters.", True),
        ("Really?", True),
    ]


def test_only_the_first_paragraph_of_a_long_turn_opens_it():
    paragraphs = build_paragraphs([Cue(" ".join([sentence(40)] * 8), turn_start=True)])
    assert len(paragraphs) > 1
    assert [p.turn_start for p in paragraphs] == [True] + [False] * (len(paragraphs) - 1)
