"""Podcasting 2.0 JSON: words joined into sentences, times in ms, located refusals."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.shared_files import shared_file
from tests.transcripts.formats.conftest import parsed_or_refused
from transcripts.errors import TranscriptFormatError
from transcripts.formats import parse_transcript, podcast_json


def document(*segments):
    return json.dumps({"version": "1.0.0", "segments": list(segments)})


def word(body, start, end=None, speaker="Ana"):
    segment = {"speaker": speaker, "startTime": start, "body": body}
    if end is not None:
        segment["endTime"] = end
    return segment


def test_podcast_namespace_example_joins_words_into_one_sentence_per_speaker():
    path = shared_file("samples/podcast-namespace/example.json")

    parsed = parse_transcript(path.read_bytes(), filename=path.name)

    assert parsed.format == "json"
    assert [(cue.speaker, cue.text, cue.start_ms, cue.end_ms) for cue in parsed.cues] == [
        ("Darth Vader", "I am your father.", 500, 2500),
        ("Luke", "Nooooo", 2750, 3000),
    ]


def test_sentence_end_starts_a_new_cue_for_the_same_speaker():
    parsed = podcast_json.parse(
        document(
            word("Hi", 0, 0.2),
            word("there.", 0.3, 0.5),
            word("Ready?", 1, 1.4),
            word("Go!", 2, 2.2),
        )
    )

    assert [cue.text for cue in parsed.cues] == ["Hi there.", "Ready?", "Go!"]
    assert [(cue.start_ms, cue.end_ms) for cue in parsed.cues] == [
        (0, 500),
        (1000, 1400),
        (2000, 2200),
    ]


def test_punctuation_tokens_join_without_a_space():
    parsed = podcast_json.parse(
        document(
            word("Well", 0),
            word(",", 0.1),
            word("it", 0.2),
            word("'s", 0.3),
            word("(", 0.4),
            word("really", 0.5),
            word(")", 0.6),
            word("done", 0.7),
            word(".", 0.8, 0.9),
        )
    )

    assert [cue.text for cue in parsed.cues] == ["Well, it's (really) done."]


def test_missing_end_time_ends_at_the_next_segment_start():
    parsed = podcast_json.parse(
        document(
            word("One.", 1.0), word("Two.", 2.25, speaker="Bo"), word("Three.", 4.5, speaker="Bo")
        )
    )

    assert [(cue.start_ms, cue.end_ms) for cue in parsed.cues] == [
        (1000, 2250),
        (2250, 4500),
        (4500, None),
    ]


def test_sentence_level_segments_stay_one_cue_each():
    parsed = podcast_json.parse(
        document(
            word("Welcome to the show.", 0, 3.5, speaker="Host"),
            word("Thanks for having me.", 3.5, 5, speaker="Guest"),
        )
    )

    assert [(cue.speaker, cue.text) for cue in parsed.cues] == [
        ("Host", "Welcome to the show."),
        ("Guest", "Thanks for having me."),
    ]


def test_segment_without_speaker_continues_the_previous_speaker():
    segments = [word("Hello", 0), {"startTime": 0.5, "body": "again."}]

    parsed = podcast_json.parse(document(*segments))

    assert [(cue.speaker, cue.text) for cue in parsed.cues] == [("Ana", "Hello again.")]


def test_empty_body_is_skipped_with_a_warning():
    parsed = podcast_json.parse(document(word("Yes.", 0), word("  ", 1), word("No.", 2)))

    assert [cue.text for cue in parsed.cues] == ["Yes.", "No."]
    assert parsed.warnings == ["segment 2 has no text; skipped"]


def test_truncated_json_is_refused_at_its_line():
    text = document(word("One", 0), word("two", 1))
    pretty = json.dumps(json.loads(text), indent=2)
    cut = pretty[: len(pretty) // 2]

    with pytest.raises(TranscriptFormatError) as refused:
        parse_transcript(cut.encode(), filename="cut.json")

    assert refused.value.line == cut.count("\n") + 1
    assert "not valid JSON" in refused.value.message


@pytest.mark.parametrize(
    "value", [[], {"version": "1.0.0"}, {"segments": {"0": "x"}}, "segments"], ids=repr
)
def test_json_without_a_segments_list_is_refused(value):
    with pytest.raises(TranscriptFormatError, match="'segments' list"):
        podcast_json.parse(json.dumps(value))


@pytest.mark.parametrize(
    ("segment", "words"),
    [
        ({"startTime": 1}, "no 'body'"),
        ({"startTime": 1, "body": 5}, "no 'body'"),
        ({"body": "hi"}, "no 'startTime'"),
        ({"startTime": "soon", "body": "hi"}, "unreadable startTime"),
        ({"startTime": True, "body": "hi"}, "unreadable startTime"),
        ({"startTime": -1, "body": "hi"}, "unreadable startTime"),
        ({"startTime": 1, "endTime": [2], "body": "hi"}, "unreadable endTime"),
        ({"startTime": 3, "endTime": 2, "body": "hi"}, "before it starts"),
        ("just words", "not an object"),
    ],
)
def test_malformed_segment_is_refused_naming_its_number(segment, words):
    with pytest.raises(TranscriptFormatError) as refused:
        podcast_json.parse(document(word("fine", 0), segment))

    assert refused.value.cue == 2
    assert words in refused.value.message
    assert refused.value.message.startswith("segment 2 ")


def test_unterminated_json_names_its_line_and_column_once():
    with pytest.raises(TranscriptFormatError) as refused:
        podcast_json.parse('{"segments": [\n  {"body": "cut sho')
    message = str(refused.value)
    assert refused.value.line == 2
    assert "Unterminated string starting at column 12" in message
    assert "at at" not in message


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('[{"body": "hi", "startTime": 0}]', "the top level is a list"),
        ('{"version": "1.0.0", "items": []}', "no 'segments' (its keys: 'version', 'items')"),
        ('{"segments": "hello"}', "'segments' is a string, not a list"),
        ('{"segments": [{"startTime": 0, "body": "x"}, 7]}', "segment 2 is a number, not an"),
    ],
)
def test_json_of_the_wrong_shape_says_where_it_goes_wrong(text, where):
    with pytest.raises(TranscriptFormatError) as refused:
        podcast_json.parse(text)
    assert where in str(refused.value)


def test_numeric_strings_as_times_are_read():
    parsed = podcast_json.parse(document({"startTime": "1.5", "endTime": "2", "body": "ok."}))

    assert (parsed.cues[0].start_ms, parsed.cues[0].end_ms) == (1500, 2000)


def test_utf16_json_with_accents_reads():
    data = document(word("Café", 0), word("naïve.", 1, speaker="Zoë")).encode("utf-16")

    parsed = parse_transcript(data)

    assert [(cue.speaker, cue.text) for cue in parsed.cues] == [("Ana", "Café"), ("Zoë", "naïve.")]


# --- any input --------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=10,
)
SEGMENTS = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "speaker": st.text(max_size=8) | JSON_VALUES,
            "startTime": st.floats(allow_nan=True) | st.integers() | JSON_VALUES,
            "endTime": st.floats(allow_nan=True) | st.integers() | JSON_VALUES,
            "body": st.text(max_size=12) | JSON_VALUES,
        },
    )
    | JSON_VALUES,
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        SEGMENTS.map(lambda segments: json.dumps({"segments": segments})), st.text(max_size=60)
    )
)
def test_any_json_like_text_parses_or_is_refused_cleanly(text):
    parsed = parsed_or_refused(text.encode(), "json")
    assert parsed is None or all(
        cue.end_ms is None or cue.end_ms >= cue.start_ms for cue in parsed.cues
    )
