"""Stage directions become paragraphs of their own: shown, never anyone's words."""

import time

import pytest

from transcripts.parsed import Cue
from transcripts.pipeline import prepare_transcript
from transcripts.stage import split_stage_directions, stage_pieces


@pytest.mark.parametrize(
    "note",
    [
        "(LAUGHTER)",
        "(SOUNDBITE OF MUSIC)",
        "(SOUNDBITE OF ARCHIVED BROADCAST)",
        "[crosstalk]",
        "*Intro Music*",
        "[applause]",
        "(laughs)",
        "[Cross talk]",
    ],
)
def test_each_style_of_stage_direction_is_cut_out_of_the_speech(note):
    assert stage_pieces(f"Well, that went well. {note} Anyway, back to it.") == [
        ("speech", "Well, that went well."),
        ("stage", note),
        ("speech", "Anyway, back to it."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We heard from (NPR) yesterday.",
        "The (U.S.) position.",
        "He said it [sic] twice.",
        "She told [the senator] no.",
        "It costs (about ten dollars) now.",
        "[00:01:02] still here",
    ],
)
def test_abbreviations_and_editorial_brackets_stay_in_the_speech(text):
    assert stage_pieces(text) == [("speech", text)]


def test_a_short_bracketed_note_alone_in_its_cue_is_a_stage_direction():
    assert stage_pieces("[Theme plays]") == [("stage", "[Theme plays]")]
    assert stage_pieces("*ad break*") == [("stage", "*ad break*")]


def test_split_cues_share_their_time_and_the_direction_has_no_speaker():
    cues = split_stage_directions([Cue("Hi there. (LAUGHTER) Yes.", 0, 4000, "Rosa Delgado")])
    assert [(c.kind, c.speaker, c.start_ms, c.end_ms, c.text) for c in cues] == [
        ("speech", "Rosa Delgado", 0, 2000, "Hi there."),
        ("stage", None, 2000, 3000, "(LAUGHTER)"),
        ("speech", "Rosa Delgado", 3000, 4000, "Yes."),
    ]


def test_a_stage_direction_is_its_own_paragraph_and_not_counted_as_unattributed():
    text = b"Rosa Delgado: Welcome back.\n\n(APPLAUSE)\n\nRosa Delgado: Thank you all.\n"
    prepared = prepare_transcript(text, filename="x.txt")
    assert [(p.kind, p.speaker_label, p.text) for p in prepared.paragraphs] == [
        ("speech", "Rosa Delgado", "Welcome back."),
        ("stage", None, "(APPLAUSE)"),
        ("speech", "Rosa Delgado", "Thank you all."),
    ]
    assert not any("no speaker" in warning for warning in prepared.warnings)


@pytest.mark.parametrize(
    "hostile",
    ["(" * 100_000, "[" + " " * 100_000, "*" + "a" * 100_000, "(A" * 50_000, "[x]:" * 25_000],
)
def test_hostile_text_is_read_in_linear_time(hostile):
    started = time.perf_counter()
    stage_pieces(hostile)
    # Generous: a quadratic scan of 100 KB takes minutes; a linear one milliseconds.
    assert time.perf_counter() - started < 2
