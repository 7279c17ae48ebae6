"""Warnings about odd gaps and overlaps between paragraphs' times (pure, no database)."""

from transcripts.pipeline import prepare_transcript
from transcripts.segmenting import Paragraph
from transcripts.timing import odd_gaps_and_overlaps


def paragraphs(*spans):
    return [Paragraph("words", start, end, None) for start, end in spans]


def test_even_times_raise_no_warning():
    assert odd_gaps_and_overlaps(paragraphs((0, 5_000), (5_000, 9_000), (9_500, 12_000))) == []


def test_a_long_silence_is_reported_with_where_it_is():
    warnings = odd_gaps_and_overlaps(paragraphs((0, 5_000), (65_000, 70_000)))
    assert warnings == ["1 long gap(s) with no words: 1:00 before paragraph 2."]


def test_an_overlap_is_reported_and_long_lists_are_cut_short():
    spans = [(0, 10_000)] + [(n * 10_000 - 3_000, n * 10_000 + 10_000) for n in range(1, 6)]
    [warning] = odd_gaps_and_overlaps(paragraphs(*spans))
    assert warning.startswith("5 overlap(s) in the times: paragraph 2 starts 0:03 before")
    assert warning.endswith("; and 2 more.")


def test_timed_files_get_the_warnings_in_their_preparation():
    vtt = (
        b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Rosa>Hello.\n\n"
        b"00:02:00.000 --> 00:02:03.000\n<v Sam>Back after a long pause.\n"
    )
    prepared = prepare_transcript(vtt, filename="gap.vtt")
    assert any("long gap" in warning for warning in prepared.warnings)
