"""SubRip: the real sample files, located refusals, speaker prefixes, mark-up."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.transcripts.formats.conftest import parsed_or_refused, read_sample, texts
from transcripts.errors import TranscriptFormatError
from transcripts.formats import parse_transcript, srt

# --- real files -------------------------------------------------------------


def test_podcast_namespace_example_takes_speakers_from_name_prefixes():
    parsed = read_sample("samples/podcast-namespace/example.srt")

    first = parsed.cues[0]
    assert (first.speaker, first.start_ms, first.end_ms, first.line) == ("Travis", 179, 2399, 1)
    assert first.text == "When you first get started in podcasting, it's"
    # Cues without a prefix continue the speaker before them.
    assert parsed.cues[1].speaker == "Travis"
    assert {cue.speaker for cue in parsed.cues} == {"Travis", "Sarah", "Gilon"}
    sarah_starts = next(cue for cue in parsed.cues if cue.speaker == "Sarah")
    assert sarah_starts.text == "Creating good audio is really key to keeping your"
    assert sarah_starts.start_ms == 53_030


def test_sample_reads_five_numbered_cues():
    parsed = read_sample("samples/webvtt-py/sample.srt")

    assert texts(parsed) == [f"Caption text #{n}" for n in range(1, 6)]
    assert [cue.line for cue in parsed.cues] == [1, 5, 9, 13, 17]
    assert (parsed.cues[1].start_ms, parsed.cues[1].end_ms) == (7000, 11890)


def test_one_caption_without_final_newline_is_read():
    assert texts(read_sample("samples/webvtt-py/one_caption.srt")) == ["Caption text #1"]


def test_missing_caption_text_drops_the_empty_cue_with_a_warning():
    parsed = read_sample("samples/webvtt-py/missing_caption_text.srt")

    assert texts(parsed) == [
        "Caption text #1",
        "Caption text #3",
        "Caption text #4",
        "Caption text #5",
    ]
    assert parsed.warnings == ["cue 2 (line 5) has no text; dropped"]


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("invalid_format1.srt", 1),
        ("invalid_format2.srt", 1),
        ("invalid_format3.srt", 2),
        ("invalid_format4.srt", 1),
    ],
)
def test_invalid_format_sample_is_refused_as_not_subrip_at_its_line(name, line):
    with pytest.raises(TranscriptFormatError) as refused:
        read_sample(f"samples/webvtt-py/{name}")

    assert refused.value.message.startswith("not SubRip")
    assert refused.value.line == line


def test_timing_line_mixing_comma_and_dot_is_unreadable():
    with pytest.raises(TranscriptFormatError) as refused:
        read_sample("samples/webvtt-py/invalid_timeframe.srt")

    assert (refused.value.line, refused.value.cue) == (6, 2)
    assert "unreadable timing line" in refused.value.message


def test_cue_without_timing_line_is_refused_at_that_line():
    with pytest.raises(TranscriptFormatError) as refused:
        read_sample("samples/webvtt-py/missing_timeframe.srt")

    assert (refused.value.line, refused.value.cue) == (6, 2)
    assert "no timing line" in refused.value.message
    assert "Caption text #2" in refused.value.message


# --- small files ------------------------------------------------------------


def test_crlf_file_reads_like_lf():
    data = b"1\r\n00:00:01,000 --> 00:00:02,500\r\nSarah: Hello\r\nthere\r\n\r\n2\r\n"
    data += b"00:00:03,000 --> 00:00:04,000\r\nStill me\r\n"

    parsed = parse_transcript(data)

    assert [(cue.speaker, cue.text, cue.start_ms, cue.end_ms) for cue in parsed.cues] == [
        ("Sarah", "Hello there", 1000, 2500),
        ("Sarah", "Still me", 3000, 4000),
    ]


def test_formatting_tags_and_positioning_codes_are_removed():
    parsed = srt.parse(
        "1\n00:00:01,000 --> 00:00:02,000\n"
        '{\\an8}<i>Quiet</i> <b>now</b>, <font color="#ff0">please</font> &amp; x < y\n'
    )

    assert parsed.cues[0].text == "Quiet now, please & x < y"


@pytest.mark.parametrize(
    ("first_line", "speaker", "text"),
    [
        ("Sarah: Hello", "Sarah", "Hello"),
        ("ROSA DELGADO: Hello", "ROSA DELGADO", "Hello"),
        ("Dr. Jane O'Neil: Hello", "Dr. Jane O'Neil", "Hello"),
        ("Speaker 2: Hello", "Speaker 2", "Hello"),
        ("Note: the river rose.", None, "Note: the river rose."),
        ("We met at 10:30 today.", None, "We met at 10:30 today."),
        ("He said this: no way.", None, "He said this: no way."),
        ("At 10:30: we left.", None, "At 10:30: we left."),
        ("Visit https://example.org now", None, "Visit https://example.org now"),
    ],
)
def test_only_a_name_like_label_at_cue_start_is_a_speaker(first_line, speaker, text):
    parsed = srt.parse(f"1\n00:00:01,000 --> 00:00:02,000\n{first_line}\n")

    assert (parsed.cues[0].speaker, parsed.cues[0].text) == (speaker, text)


def test_label_in_the_middle_of_a_cue_is_text():
    parsed = srt.parse("1\n00:00:01,000 --> 00:00:02,000\nThen she said\nNote: bring tea.\n")

    assert (parsed.cues[0].speaker, parsed.cues[0].text) == (None, "Then she said Note: bring tea.")


def test_speaker_continues_until_the_next_label():
    parsed = srt.parse(
        "1\n00:00:01,000 --> 00:00:02,000\nSarah: One\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\ntwo\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nROSA DELGADO: three\n\n"
        "4\n00:00:04,000 --> 00:00:05,000\nfour\n"
    )

    assert [cue.speaker for cue in parsed.cues] == [
        "Sarah",
        "Sarah",
        "ROSA DELGADO",
        "ROSA DELGADO",
    ]


def test_dot_milliseconds_short_fractions_and_missing_hours_are_accepted():
    parsed = srt.parse(
        "1\n00:00:01.500 --> 00:00:02.000\na\n\n2\n00:00:03,5 --> 00:00:04,25\nb\n\n"
        "3\n01:02,000 --> 01:03,000 X1:100 X2:600 Y1:50 Y2:80\nc\n"
    )

    assert [(cue.start_ms, cue.end_ms) for cue in parsed.cues] == [
        (1500, 2000),
        (3500, 4250),
        (62_000, 63_000),
    ]


def test_hours_beyond_two_digits_are_read():
    parsed = srt.parse("1\n100:00:00,000 --> 100:00:01,000\nlate\n")

    assert parsed.cues[0].start_ms == 100 * 3_600_000


def test_cue_ending_before_it_starts_is_refused_with_line_and_cue():
    text = "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:09,000 --> 00:00:08,000\nbackwards\n"

    with pytest.raises(TranscriptFormatError) as refused:
        srt.parse(text)

    assert (refused.value.line, refused.value.cue) == (6, 2)
    assert "before it starts" in refused.value.message


def test_next_cue_without_blank_line_still_starts_a_new_cue():
    parsed = srt.parse(
        "1\n00:00:01,000 --> 00:00:02,000\nfirst\n2\n00:00:02,000 --> 00:00:03,000\nsecond\n"
    )

    assert texts(parsed) == ["first", "second"]
    assert parsed.cues[1].line == 4


def test_cues_without_numbers_are_read():
    parsed = srt.parse(
        "00:00:01,000 --> 00:00:02,000\nfirst\n\n00:00:02,000 --> 00:00:03,000\nsecond\n"
    )

    assert texts(parsed) == ["first", "second"]


def test_stray_text_between_cues_is_refused_at_its_line():
    text = "1\n00:00:01,000 --> 00:00:02,000\nfirst\n\nstray words\n"

    with pytest.raises(TranscriptFormatError) as refused:
        srt.parse(text)

    assert refused.value.line == 5
    assert "stray words" in refused.value.message


def test_image_renamed_srt_is_not_a_text_file():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"

    with pytest.raises(TranscriptFormatError) as refused:
        parse_transcript(png + bytes(range(256)), filename="episode.srt")

    assert "not a text file" in refused.value.message
    assert refused.value.filename == "episode.srt"


def test_cp1252_subrip_keeps_accents_and_curly_quotes():
    text = "1\n00:00:01,000 --> 00:00:02,000\nJosé: “Café” — naïve\n"

    parsed = parse_transcript(text.encode("cp1252"), filename="old.srt")

    assert (parsed.cues[0].speaker, parsed.cues[0].text) == ("José", "“Café” — naïve")


# --- any input --------------------------------------------------------------

SRT_PIECES = st.sampled_from(
    [
        "",
        "1",
        "2",
        "00:00:01,000 --> 00:00:02,000",
        "00:00:02.000 --> 00:00:01.000",
        "00:99:01,000 --> 1",
        "-->",
        "Sarah: hello",
        "<i>x</i>{\\an8}",
        "&amp;&#0;",
        "at 10:30",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(SRT_PIECES | st.text(max_size=20), max_size=12))
def test_any_subrip_like_text_parses_or_is_refused_cleanly(lines):
    parsed = parsed_or_refused("\n".join(lines).encode(), "srt")
    assert parsed is None or all(cue.text and cue.end_ms >= cue.start_ms for cue in parsed.cues)
