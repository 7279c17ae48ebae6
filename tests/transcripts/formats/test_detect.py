"""Format detection from content, and every shared sample end to end as samples/README.md says."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.shared_files import (
    IMPORTED_WEBVTT_PY_FILES,
    REFUSED_WEBVTT_PY_FILES,
    SAMPLES,
    SEED_PAGE,
    shared_file,
)
from transcripts.errors import TranscriptFormatError
from transcripts.formats import FORMATS, parse_transcript
from transcripts.formats.detect import detect_format, looks_like_broadcast_page

DROPPED_EMPTY_CUE_FILES = {
    "missing_caption_text.srt",
    "missing_caption_text.vtt",
    "invalid_timeframe_in_cue_text.vtt",
}
PODCAST_NAMESPACE_FILES = {
    "example.vtt": "vtt",
    "example.srt": "srt",
    "example.json": "json",
    "example.html": "html",
}


def test_the_lists_here_cover_every_shared_sample_file():
    folder = shared_file("samples/webvtt-py")
    on_disk = {path.name for path in folder.iterdir()} - {"LICENSE"}
    assert on_disk == set(REFUSED_WEBVTT_PY_FILES) | set(IMPORTED_WEBVTT_PY_FILES)
    assert {path.name for path in (SAMPLES / "podcast-namespace").iterdir()} == set(
        PODCAST_NAMESPACE_FILES
    )


@pytest.mark.parametrize("name", sorted(REFUSED_WEBVTT_PY_FILES))
@pytest.mark.parametrize("with_filename", [True, False], ids=["named", "unnamed"])
def test_refused_sample_raises_a_located_format_error(name, with_filename):
    data = shared_file(f"samples/webvtt-py/{name}").read_bytes()

    with pytest.raises(TranscriptFormatError) as refused:
        parse_transcript(data, filename=name if with_filename else None)

    if with_filename:
        assert refused.value.line == REFUSED_WEBVTT_PY_FILES[name]
        assert str(refused.value).startswith(name)


@pytest.mark.parametrize("name", IMPORTED_WEBVTT_PY_FILES)
def test_imported_sample_gives_cues_of_its_own_format(name):
    data = shared_file(f"samples/webvtt-py/{name}").read_bytes()

    parsed = parse_transcript(data, filename=name)

    assert parsed.format == name.rsplit(".", 1)[1]
    assert parsed.cues and all(cue.text and cue.start_ms is not None for cue in parsed.cues)
    assert bool(parsed.warnings) == (name in DROPPED_EMPTY_CUE_FILES)


@pytest.mark.parametrize(("name", "expected"), sorted(PODCAST_NAMESPACE_FILES.items()))
def test_podcast_namespace_example_is_detected_from_its_content(name, expected):
    text = shared_file(f"samples/podcast-namespace/{name}").read_text(encoding="utf-8")

    assert detect_format(text) == expected
    assert detect_format(text, filename="download.bin") == expected


@pytest.mark.parametrize("name", IMPORTED_WEBVTT_PY_FILES)
def test_imported_sample_is_detected_without_its_name(name):
    text = shared_file(f"samples/webvtt-py/{name}").read_text(encoding="utf-8-sig")

    assert detect_format(text) == name.rsplit(".", 1)[1]


def test_broadcast_page_seed_is_a_page():
    text = shared_file("seeds/" + SEED_PAGE.name).read_text(encoding="utf-8")

    assert looks_like_broadcast_page(text)
    assert detect_format(text, filename="forum.txt") == "page"


def test_caption_files_do_not_look_like_a_broadcast_page():
    text = shared_file("samples/podcast-namespace/example.srt").read_text(encoding="utf-8")

    assert not looks_like_broadcast_page(text)
    assert not looks_like_broadcast_page("Sarah: 11/14/2025 | 50m 24s\n- hi")


def test_page_needs_its_date_and_duration_line_and_turn_markers():
    header = "Forum\nA title\n11/14/2025 | 1h 2m\nSummary.\n"

    assert looks_like_broadcast_page(header + "- Welcome to Forum.\n- Thanks.\n")
    assert not looks_like_broadcast_page(header + "No turn markers at all.\n")
    assert not looks_like_broadcast_page("Forum\n11/14/2025\n- Welcome.\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", "vtt"),
        ("\ufeffWEBVTT\n", "vtt"),
        ("1\n00:00:01,000 --> 00:00:02,000\nhi\n", "srt"),
        ("1\n00:00:01.000 --> 00:00:02.000\nhi\n", "srt"),
        ('{"version": "1.0.0", "segments": []}', "json"),
        ('{"version": "1.0.0", "segm', "json"),
        ('[{"body": "hi"}]', "json"),
        ("<cite>Sarah:</cite>\n<time>0:53</time>\n<p>Hi</p>", "html"),
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        ("Sarah: Hello.\nJohn: Hi.\n", "txt"),
        ("[00:01:02] Hello there.\n", "txt"),
        ("(1:02) Sarah: hi", "txt"),
        ("Intro words.\nSarah: Hello.\nJohn: Hi.\n", "txt"),
    ],
)
def test_format_is_read_from_the_content(text, expected):
    assert detect_format(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Just some prose about the show.\nNothing more.\n",
        "Note: this is a note.\nIt has more words.\n",
        "We left at 10:30 and came back at 11:15.\n",
        "1\n",
        "   \n",
    ],
)
def test_text_of_no_known_format_is_refused_listing_the_formats(text):
    with pytest.raises(TranscriptFormatError) as refused:
        detect_format(text)

    message = refused.value.message
    assert message.startswith("not a recognised transcript")
    for name in ("WebVTT", "SubRip", "JSON", "HTML", "Name:", "page"):
        assert name in message


def test_headerless_webvtt_goes_to_the_webvtt_parser_to_be_refused():
    text = "00:00:00.500 --> 00:00:07.000\nCaption text #1\n"

    assert detect_format(text) == "vtt"
    assert detect_format(text, filename="captions.txt") == "vtt"


def test_misspelt_webvtt_header_goes_to_the_webvtt_parser():
    assert detect_format("WEB VTT\n\nhello\n") == "vtt"
    assert detect_format("webvtt\n\nSarah: hello\n") == "vtt"


def test_caption_extension_routes_a_broken_file_to_its_parser():
    assert detect_format("1\n", filename="broken.srt") == "srt"
    assert detect_format("Sarah: hello\n", filename="broken.vtt") == "vtt"
    assert detect_format("Sarah: hello\n", filename="broken.SRT") == "srt"


def test_content_beats_a_wrong_extension():
    subrip = "1\n00:00:01,000 --> 00:00:02,000\nhi\n"

    assert detect_format(subrip, filename="captions.vtt") == "srt"
    assert detect_format("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", filename="x.srt") == "vtt"
    assert detect_format("Sarah: hello\n", filename="notes.json") == "json"


def test_truncated_json_is_detected_so_its_line_is_reported():
    text = '{\n  "segments": [\n    {"body": "hi", "startTime": 0},\n    {"body": "cut sh'

    with pytest.raises(TranscriptFormatError) as refused:
        parse_transcript(text.encode())

    assert refused.value.line == 4


def test_subrip_in_a_vtt_named_file_is_imported_as_subrip():
    data = b"1\n00:00:01,000 --> 00:00:02,000\nSarah: hi\n"

    parsed = parse_transcript(data, filename="mislabelled.vtt")

    assert parsed.format == "srt"
    assert parsed.cues[0].speaker == "Sarah"


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=200)
    | st.lists(
        st.sampled_from(
            [
                "WEBVTT",
                "1",
                "00:00:01,000 --> 00:00:02,000",
                "00:01.000 -->",
                "{",
                "[",
                "<p>",
                "Sarah: hi",
                "[00:01]",
                "11/14/2025 | 50m",
                "- turn",
                "",
            ]
        ),
        max_size=8,
    ).map("\n".join),
    st.sampled_from([None, "a.vtt", "a.srt", "a.json", "a.html", "a.txt", "noextension"]),
)
def test_any_text_is_detected_as_a_known_format_or_refused(text, filename):
    try:
        fmt = detect_format(text, filename=filename)
    except TranscriptFormatError:
        return
    assert fmt in FORMATS
