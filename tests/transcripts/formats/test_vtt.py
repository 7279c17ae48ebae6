"""WebVTT: the real sample files, the refusals with their lines, voices, mark-up."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.transcripts.formats.conftest import parsed_or_refused, read_sample, texts
from transcripts.errors import TranscriptFormatError
from transcripts.formats import parse_transcript, vtt

# --- real files -------------------------------------------------------------


def test_podcast_namespace_example_keeps_voices_times_and_ampersand():
    parsed = read_sample("samples/podcast-namespace/example.vtt")

    assert parsed.format == "vtt"
    first = parsed.cues[0]
    assert (first.start_ms, first.end_ms, first.speaker, first.line) == (0, 2760, "Sarah", 3)
    assert first.text == "In today's episode, you'll learn whether or not you"
    assert "Welcome to Podcasting Q&A, where you learn" in parsed.cues[2].text
    assert [cue.speaker for cue in parsed.cues] == ["Sarah"] * 5 + ["Gillian"] * 2


def test_sample_reads_sixteen_cues_with_times_in_milliseconds():
    parsed = read_sample("samples/webvtt-py/sample.vtt")

    assert len(parsed.cues) == 16
    assert (parsed.cues[0].start_ms, parsed.cues[0].end_ms) == (500, 7000)
    assert (parsed.cues[-1].start_ms, parsed.cues[-1].end_ms) == (61350, 64300)
    assert parsed.cues[-1].text == "Caption text #16"
    assert parsed.warnings == []


def test_captions_with_bom_read_like_any_other():
    parsed = read_sample("samples/webvtt-py/captions_with_bom.vtt")

    assert texts(parsed) == [f"Caption text #{n}" for n in range(1, 5)]


def test_one_caption_is_enough():
    assert texts(read_sample("samples/webvtt-py/one_caption.vtt")) == ["Caption text #1"]


def test_note_blocks_are_skipped_and_swedish_letters_survive():
    parsed = read_sample("samples/webvtt-py/comments.vtt")

    # Each "- " dialogue line is a turn of its own, by a voice nobody names.
    assert texts(parsed) == [
        "Ta en kopp varmt te.",
        "Det är inte varmt.",
        "Har en kopp te.",
        "Det smakar som te.",
        "Ta en kopp",
    ]
    assert all(cue.turn_start and cue.speaker is None for cue in parsed.cues)
    assert parsed.cues[0].line == 7  # the identifier "1" opens the cue
    assert (parsed.cues[0].start_ms, parsed.cues[1].end_ms) == (135_000, 140_000)
    assert not any("NOTE" in text or "translation" in text for text in texts(parsed))


def test_inline_timestamps_and_class_spans_are_removed():
    parsed = read_sample("samples/webvtt-py/cue_tags.vtt")

    assert texts(parsed) == [
        "When the moon hits your eye",
        "Like a big-a pizza pie",
        "That's amore",
    ]
    assert parsed.cues[0].start_ms == 16500  # mm:ss.mmm without hours


@pytest.mark.parametrize("name", ["metadata_headers.vtt", "metadata_headers_multiline.vtt"])
def test_metadata_headers_are_not_captions(name):
    parsed = read_sample(f"samples/webvtt-py/{name}")

    assert texts(parsed) == ["Caption text #1", "Caption text #2"]
    assert parsed.language == "en"


def test_style_blocks_are_skipped_and_bold_tags_removed():
    assert texts(read_sample("samples/webvtt-py/styles.vtt")) == ["Hello world."]


def test_cue_identifiers_are_not_text():
    parsed = read_sample("samples/webvtt-py/using_identifiers.vtt")

    assert texts(parsed) == [f"Caption text #{n}" for n in range(1, 7)]
    assert parsed.cues[1].line == 6  # "second caption" identifier line


def test_netflix_file_reads_every_cue_despite_lines_of_spaces_and_settings():
    parsed = read_sample("samples/webvtt-py/netflix_chicas_del_cable.vtt")

    assert len(parsed.cues) > 800
    assert parsed.cues[0].text == "[Alba] En 1928,"
    assert parsed.cues[0].start_ms == 7960
    assert parsed.cues[1].text == "las mujeres éramos algo así como adornos"
    assert all(cue.end_ms >= cue.start_ms for cue in parsed.cues)


def test_youtube_captions_split_where_a_timing_line_follows_text_directly():
    parsed = read_sample("samples/webvtt-py/youtube_dl.vtt")

    assert texts(parsed) == [
        "yeah",
        "yeah what",
        "this will happen is I'm telling",
        "this will happen is I'm telling",
    ]
    assert parsed.cues[2].start_ms == 4 * 60_000 + 64_080


def test_missing_caption_text_drops_the_empty_cue_with_a_warning():
    parsed = read_sample("samples/webvtt-py/missing_caption_text.vtt")

    assert texts(parsed) == [
        "Caption text #1",
        "Caption text #3",
        "Caption text #4",
        "Caption text #5",
    ]
    assert parsed.warnings == ["cue 2 (line 6) has no text; dropped"]


def test_repeated_timing_line_in_cue_text_makes_an_empty_cue_that_is_dropped():
    parsed = read_sample("samples/webvtt-py/invalid_timeframe_in_cue_text.vtt")

    assert texts(parsed) == ["Caption text #1", "Caption text #2", "Caption text #3"]
    assert parsed.cues[1].start_ms == 7000
    assert parsed.warnings == ["cue 2 (line 6) has no text; dropped"]


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("invalid.vtt", 1, "not WebVTT"),
        ("invalid_timeframe.vtt", 6, "unreadable timing line"),
        ("missing_timeframe.vtt", 6, "without its timing line"),
    ],
)
def test_broken_sample_is_refused_at_its_line(name, line, words):
    with pytest.raises(TranscriptFormatError) as refused:
        read_sample(f"samples/webvtt-py/{name}")

    assert refused.value.line == line
    assert words in refused.value.message
    assert refused.value.filename == f"samples/webvtt-py/{name}"


def test_unreadable_timing_line_names_the_cue():
    with pytest.raises(TranscriptFormatError) as refused:
        read_sample("samples/webvtt-py/invalid_timeframe.vtt")

    assert refused.value.cue == 2
    assert "00:00:1d.890" in str(refused.value)


def test_header_without_cues_is_refused_as_no_captions():
    with pytest.raises(TranscriptFormatError, match="no captions"):
        read_sample("samples/webvtt-py/no_captions.vtt")


# --- small files ------------------------------------------------------------


def test_voice_with_class_gives_the_name_only():
    parsed = vtt.parse("WEBVTT\n\n00:01.000 --> 00:02.000\n<v.loud Rosa Delgado>Stop!</v>\n")

    assert (parsed.cues[0].speaker, parsed.cues[0].text) == ("Rosa Delgado", "Stop!")


def test_cue_without_voice_continues_the_previous_speaker():
    parsed = vtt.parse(
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:02.000\n<v Sarah>One\n\n"
        "00:00:02.000 --> 00:00:03.000\ntwo\n\n"
        "00:00:03.000 --> 00:00:04.000\n<v Gillian>Three\n"
    )

    assert [(cue.speaker, cue.text) for cue in parsed.cues] == [
        ("Sarah", "One"),
        ("Sarah", "two"),
        ("Gillian", "Three"),
    ]
    assert not any(cue.speaker_inferred for cue in parsed.cues)


def test_two_voices_in_one_cue_become_two_cues_with_the_same_times():
    parsed = vtt.parse("WEBVTT\n\n00:05.000 --> 00:07.000\n<v Roger>Hi!</v>\n<v Neil>Hello.</v>\n")

    assert [(cue.speaker, cue.text, cue.start_ms) for cue in parsed.cues] == [
        ("Roger", "Hi!", 5000),
        ("Neil", "Hello.", 5000),
    ]


def test_name_label_at_cue_start_is_a_speaker_when_there_is_no_voice():
    parsed = vtt.parse("WEBVTT\n\n00:01.000 --> 00:02.000\nSARAH: Hello there\n")

    assert (parsed.cues[0].speaker, parsed.cues[0].text) == ("SARAH", "Hello there")


@pytest.mark.parametrize(
    "line, text",
    [
        # Entities are read, direction marks dropped.
        (
            "Q&amp;A &lt;live&gt;&nbsp;now &#8212; &#x2019;ok&#x2019;&lrm; AT&T",
            "Q&A <live> now — ’ok’ AT&T",
        ),
        # Inline tags, ruby and lang spans leave only the words.
        (
            "<i>It</i> <b>is</b> <u>a</u> <c.yellow.bg_blue>fine</c> "
            "<lang fr>journée</lang> <ruby>漢<rt>kan</rt></ruby> <00:00:01.500>day",
            "It is a fine journée 漢 day",
        ),
    ],
    ids=["entities", "inline-tags"],
)
def test_entities_are_read_and_mark_up_leaves_only_the_words(line, text):
    parsed = vtt.parse(f"WEBVTT\n\n00:01.000 --> 00:02.000\n{line}\n")

    assert parsed.cues[0].text == text


def test_hours_are_optional_and_long_hours_are_read():
    parsed = vtt.parse(
        "WEBVTT\n\n01:02.500 --> 01:03.000\nshort\n\n"
        "01:00:00.000 --> 101:00:00.250 align:start position:10%\nlong\n"
    )

    assert [(cue.start_ms, cue.end_ms) for cue in parsed.cues] == [
        (62_500, 63_000),
        (3_600_000, 101 * 3_600_000 + 250),
    ]


@pytest.mark.parametrize(
    "text, line, cue, words",
    [
        pytest.param("", 1, None, "not WebVTT", id="empty"),
        pytest.param("WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n", 1, None, "not WebVTT", id="header"),
        pytest.param(
            "WEBVTT\n\n00:75:00.000 --> 00:76:00.000\ntext\n",
            3,
            1,
            "unreadable timing line",
            id="minutes-past-59",
        ),
        pytest.param(
            "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\ntext\n",
            3,
            1,
            "unreadable timing line",
            id="comma-milliseconds",
        ),
        pytest.param(
            "WEBVTT\n\n00:01.000 --> 00:02.000\nfine\n\n00:05.000 --> 00:04.000\nbackwards\n",
            6,
            2,
            "before it starts",
            id="ends-before-it-starts",
        ),
        pytest.param("WEBVTT\n\n00:01.000 --> 00:02.000\n<i></i>\n", None, None, "no captions"),
    ],
)
def test_a_small_file_is_refused_at_its_line_and_cue(text, line, cue, words):
    with pytest.raises(TranscriptFormatError) as refused:
        vtt.parse(text)

    assert (refused.value.line, refused.value.cue) == (line, cue)
    assert words in refused.value.message


def test_region_and_style_blocks_and_header_language_are_handled():
    parsed = vtt.parse(
        "WEBVTT - a title\nKind: captions\nLanguage: es\n\n"
        "REGION\nid:fred\nwidth:40%\n\n"
        "STYLE\n::cue { color: red }\n\n"
        "NOTE a comment\n\n"
        "00:01.000 --> 00:02.000 region:fred\nHola\n"
    )

    assert texts(parsed) == ["Hola"]
    assert parsed.language == "es"


def test_crlf_file_with_bom_reads_through_parse_transcript():
    data = "\ufeffWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\n<v Ana>Hola\r\n".encode()

    parsed = parse_transcript(data)

    assert (parsed.cues[0].speaker, parsed.cues[0].text, parsed.cues[0].line) == ("Ana", "Hola", 3)


# --- any input --------------------------------------------------------------

VTT_PIECES = st.sampled_from(
    [
        "",
        "WEBVTT",
        "NOTE x",
        "STYLE",
        "00:00:01.000 --> 00:00:02.000",
        "00:02.000 --> 00:01.000",
        "99:99.999 --> 1",
        "-->",
        "<v Sarah>hello",
        "<v.loud>",
        "<i>x</i>",
        "&amp;&#0;&#99999999;",
        "1",
        "Name: words",
        "<ruby>a<rt>b",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(VTT_PIECES | st.text(max_size=20), max_size=12))
def test_any_webvtt_like_text_parses_or_is_refused_cleanly(lines):
    data = ("WEBVTT\n\n" + "\n".join(lines)).encode()
    parsed = parsed_or_refused(data, "vtt")
    assert parsed is None or all(cue.text and cue.end_ms >= cue.start_ms for cue in parsed.cues)
