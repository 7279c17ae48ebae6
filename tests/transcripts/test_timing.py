from transcripts.parsed import Cue
from transcripts.segmenting import Paragraph
from transcripts.timing import MS_PER_WORD, estimate_times, fill_cue_ends


def para(words, start=None, end=None):
    return Paragraph(" ".join(["word"] * words), start, end, "A")


def test_timed_paragraphs_keep_their_times_and_are_not_marked_estimated():
    paragraphs = [para(10, 0, 3000), para(10, 3000, 7000)]
    assert estimate_times(paragraphs) is False
    assert [(p.start_ms, p.end_ms) for p in paragraphs] == [(0, 3000), (3000, 7000)]


def test_untimed_paragraphs_are_spread_over_the_known_duration_by_words():
    paragraphs = [para(100), para(300)]
    assert estimate_times(paragraphs, duration_s=400) is True
    assert [(p.start_ms, p.end_ms) for p in paragraphs] == [(0, 100_000), (100_000, 400_000)]


def test_without_a_duration_a_typical_speaking_rate_is_used():
    paragraphs = [para(160), para(160)]
    estimate_times(paragraphs)
    assert paragraphs[1].start_ms == 160 * MS_PER_WORD
    assert paragraphs[1].end_ms == 320 * MS_PER_WORD


def test_known_stamps_anchor_the_estimates_between_them():
    paragraphs = [para(10, 0), para(10), para(20, 60_000), para(10)]
    estimate_times(paragraphs)
    assert paragraphs[1].start_ms == 30_000
    assert paragraphs[2].start_ms == 60_000
    assert paragraphs[3].start_ms > 60_000
    assert all(p.end_ms >= p.start_ms for p in paragraphs)


def test_a_cue_without_an_end_ends_where_the_next_begins():
    cues = fill_cue_ends([Cue("a", 0), Cue("b", 5000), Cue("c d", 9000)])
    assert [c.end_ms for c in cues] == [5000, 9000, 9000 + 2 * MS_PER_WORD]


def test_the_last_paragraph_without_an_end_gets_one_from_its_words():
    paragraphs = [para(10, 0, 4000), para(8, 4000)]
    assert estimate_times(paragraphs) is False
    assert paragraphs[1].end_ms == 4000 + 8 * MS_PER_WORD
