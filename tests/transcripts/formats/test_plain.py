"""Plain text: Name: turns, stamps before or after the name, continuation, paragraphs."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.transcripts.formats.conftest import parsed_or_refused
from transcripts.formats import parse_transcript, plain
from transcripts.formats.labels import split_speaker_label


def turns(parsed):
    return [(cue.speaker, cue.text, cue.start_ms) for cue in parsed.cues]


def test_named_turns_without_times_are_untimed_cues():
    parsed = plain.parse("Sarah: Welcome to the show.\nROSA DELGADO: Thanks for having me.\n")

    assert parsed.format == "txt"
    assert turns(parsed) == [
        ("Sarah", "Welcome to the show.", None),
        ("ROSA DELGADO", "Thanks for having me.", None),
    ]
    assert not parsed.is_timed


def test_lines_without_a_name_continue_the_turn_and_blank_lines_start_a_paragraph():
    parsed = plain.parse(
        "Sarah: First line\nstill the first paragraph.\n\nA second paragraph.\n\nJohn: Mine.\n"
    )

    assert turns(parsed) == [
        ("Sarah", "First line still the first paragraph.", None),
        ("Sarah", "A second paragraph.", None),
        ("John", "Mine.", None),
    ]
    assert [cue.line for cue in parsed.cues] == [1, 4, 6]


@pytest.mark.parametrize(
    ("line", "start_ms"),
    [
        ("[00:01:02] Sarah: Hi", 62_000),
        ("[01:02] Sarah: Hi", 62_000),
        ("(01:02) Sarah: Hi", 62_000),
        ("(1:02:03) Sarah: Hi", 3_723_000),
        ("Sarah: [1:02:03] Hi", 3_723_000),
        ("Sarah (1:02): Hi", 62_000),
        ("Sarah [00:01:02.5] Hi", 62_500),
    ],
)
def test_stamp_before_or_after_the_name_gives_the_start(line, start_ms):
    parsed = plain.parse(line)

    assert turns(parsed) == [("Sarah", "Hi", start_ms)]


def test_timed_turn_ends_where_the_next_timed_turn_starts():
    parsed = plain.parse("[00:05] A: one\n[00:09] B: two\nmore from B\n\nuntimed paragraph\n")

    assert [(cue.start_ms, cue.end_ms) for cue in parsed.cues] == [
        (5000, 9000),
        (9000, None),
        (None, None),
    ]


def test_stamp_or_name_on_a_line_of_its_own_applies_to_the_next_text():
    parsed = plain.parse("[00:10]\nSarah:\nHello there.\n\n(00:20)\nAnd again.\n")

    assert turns(parsed) == [("Sarah", "Hello there.", 10_000), ("Sarah", "And again.", 20_000)]
    assert parsed.cues[0].line == 1


def test_stamp_without_a_name_keeps_the_speaker():
    parsed = plain.parse("Sarah: One.\n[00:30] Two.\n")

    assert turns(parsed) == [("Sarah", "One.", None), ("Sarah", "Two.", 30_000)]


def test_text_before_any_name_has_no_speaker():
    parsed = plain.parse("Some preamble.\nSarah: Hi.\n")

    assert turns(parsed) == [(None, "Some preamble.", None), ("Sarah", "Hi.", None)]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Sarah: hi", "Sarah"),
        ("ROSA DELGADO: hi", "ROSA DELGADO"),
        ("Ludwig van Beethoven: hi", "Ludwig van Beethoven"),
        ("Dr. Jane O'Neil: hi", "Dr. Jane O'Neil"),
        ("José Núñez: hi", "José Núñez"),
        ("Speaker 2: hi", "Speaker 2"),
        ("Sarah:", "Sarah"),
        ("Note: hi", None),
        ("Editor's note: hi", None),
        ("at 10:30 we left", None),
        ("10:30: we left", None),
        ("The plan was this: leave", None),
        ("One Two Three Four Five: hi", None),
        ("Ludwig van: hi", None),
        ("see https://example.org", None),
        ("Sarah:hi", None),
    ],
)
def test_a_label_is_one_to_four_name_like_words_before_a_colon(text, label):
    assert split_speaker_label(text)[0] == label


def test_unreadable_stamp_is_text():
    parsed = plain.parse("Sarah: hi\n[99:99] not a time\n")

    assert turns(parsed) == [("Sarah", "hi [99:99] not a time", None)]


def test_utf16_plain_text_reads_through_parse_transcript():
    data = "Zoë: “Café” — naïve.\r\nJohn: Yes.\r\n".encode("utf-16")

    parsed = parse_transcript(data, filename="notes.txt")

    assert turns(parsed) == [("Zoë", "“Café” — naïve.", None), ("John", "Yes.", None)]


TXT_PIECES = st.sampled_from(
    ["", "Sarah: hi", "[00:01]", "(1:02:03)", "[99:99] x", "Note: x", "text", "Ann (0:05): y", ":"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(TXT_PIECES | st.text(max_size=20), max_size=12))
def test_any_text_parses_as_plain_or_is_refused_cleanly(lines):
    parsed = parsed_or_refused("\n".join(lines).encode(), "txt")
    assert parsed is None or all(cue.text == cue.text.strip() and cue.text for cue in parsed.cues)
