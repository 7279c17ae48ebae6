"""Speaker labels as real sources write them, in plain text, SubRip and WebVTT."""

import json
import time

import pytest
from nameparser import HumanName

from tests.shared_files import shared_file
from transcripts.formats import parse_transcript
from transcripts.formats.labels import proper_case, read_label, turn_pieces

NPR_STYLE = b"""PETER SAGAL, HOST: From NPR, this is the news quiz. I'm Peter Sagal.

BILL KURTIS, BYLINE: And I'm Bill Kurtis.

(APPLAUSE)

SAGAL: Thank you, everybody. (LAUGHTER) Our first caller is on the line.

UNIDENTIFIED PERSON: Hi, is this the show?

KURTIS: It is.

MARY MCADAMS, CALLER: Hi, I'm calling from Tucson.

RON DESANTIS, GUEST: Hello, Ron DeSantis here.

KEVIN O'NEILL, CORRESPONDENT: Reporting from the field.

SAGAL: That's our show.
"""
NPR_STYLE_ROLES = {
    "Peter Sagal": "host",
    "Bill Kurtis": "reporter",
    "Mary McAdams": "caller",
    "Ron DeSantis": "guest",
    "Kevin O'Neill": "reporter",
}


def speakers_and_texts(parsed):
    return [(cue.speaker, cue.text) for cue in parsed.cues]


def test_npr_style_capitals_with_roles_surnames_and_unnamed_voices():
    parsed = parse_transcript(NPR_STYLE, filename="npr.txt")
    assert speakers_and_texts(parsed) == [
        ("Peter Sagal", "From NPR, this is the news quiz. I'm Peter Sagal."),
        ("Bill Kurtis", "And I'm Bill Kurtis."),
        ("Bill Kurtis", "(APPLAUSE)"),  # the pipeline makes it a stage direction
        ("Peter Sagal", "Thank you, everybody. (LAUGHTER) Our first caller is on the line."),
        (None, "Hi, is this the show?"),
        ("Bill Kurtis", "It is."),
        ("Mary McAdams", "Hi, I'm calling from Tucson."),
        ("Ron DeSantis", "Hello, Ron DeSantis here."),
        ("Kevin O'Neill", "Reporting from the field."),
        ("Peter Sagal", "That's our show."),
    ]
    assert parsed.cues[4].turn_start  # the unnamed voice starts a turn of its own
    roles = {name: note.role for name, note in parsed.speakers.items()}
    assert roles == NPR_STYLE_ROLES


@pytest.mark.parametrize(
    "text, name, role, rest",
    [
        ("Sarah: Welcome back.", "Sarah", None, "Welcome back."),
        ("ROSA DELGADO: Hi.", "ROSA DELGADO", None, "Hi."),
        ("PETER SAGAL, HOST: Hi.", "PETER SAGAL", "host", "Hi."),
        ("BILL KURTIS, BYLINE: Hi.", "BILL KURTIS", "reporter", "Hi."),
        ("ANN LEE, CORRESPONDENT: Hi.", "ANN LEE", "reporter", "Hi."),
        ("JANE, CALLER: Hi.", "JANE", "caller", "Hi."),
        ("UNIDENTIFIED PERSON: Hi.", None, None, "Hi."),
        ("UNIDENTIFIED MAN #2: Hi.", None, None, "Hi."),
        ("[Amit Varma]: So...", "Amit Varma", None, "So..."),
        ("[Guest 2]: Right.", "Guest 2", None, "Right."),
        ("PETER SAGAL, HOST:", "PETER SAGAL", "host", ""),
    ],
)
def test_each_label_style_is_read(text, name, role, rest):
    label = read_label(text)
    assert (label.name, label.role, label.rest) == (name, role, rest)


@pytest.mark.parametrize(
    "text",
    [
        "Well, you know: that is the point.",
        "At 10:30 we start.",
        "Note: this is not a person.",
        "[laughs]: no",
        "See https://example.org",
    ],
)
def test_sentences_with_colons_are_not_labels(text):
    assert read_label(text) is None


@pytest.mark.parametrize(
    "capitals, cased",
    [
        ("ROSA DELGADO", "Rosa Delgado"),
        ("RACHEL MCADAMS", "Rachel McAdams"),
        ("KEVIN O'NEILL", "Kevin O'Neill"),
        ("LUDWIG VAN BEETHOVEN", "Ludwig van Beethoven"),
        ("Ron DeSantis", "Ron DeSantis"),  # a name already cased is left alone
        ("MJ Lee", "MJ Lee"),
        ("MJ LEE", "MJ Lee"),  # initials stay capitals
    ],
)
def test_capitals_become_the_names_own_casing(capitals, cased):
    assert proper_case(capitals) == cased


def test_a_name_alone_on_its_line_labels_the_words_below():
    text = b"PETER SAGAL, HOST:\nWelcome to the show.\n\nBILL KURTIS\nThank you, Peter.\n"
    parsed = parse_transcript(text, filename="t.txt")
    assert speakers_and_texts(parsed) == [
        ("Peter Sagal", "Welcome to the show."),
        ("Bill Kurtis", "Thank you, Peter."),
    ]


def test_plain_text_caption_turns_are_unnamed_turn_starts():
    text = b">> Good morning.\nStill me.\n>> ANN LEE: Hello.\n>> Who is this?\n"
    parsed = parse_transcript(text, format="txt")
    assert [(c.speaker, c.turn_start, c.text) for c in parsed.cues] == [
        (None, True, "Good morning. Still me."),
        ("Ann Lee", False, "Hello."),
        (None, True, "Who is this?"),
    ]


SRT = b"""1
00:00:01,000 --> 00:00:04,000
ROSA DELGADO: Welcome to the program.

2
00:00:04,000 --> 00:00:06,000
We start with water.

3
00:00:06,000 --> 00:00:08,000
- Is it low?
- Very low.

4
00:00:08,000 --> 00:00:10,000
>> I have a question. >> Go ahead.

5
00:00:10,000 --> 00:00:12,000
[Sam Ortiz]: Thanks.

6
00:00:12,000 --> 00:00:14,000
DELGADO: Back to you.
"""


def test_srt_labels_dialogue_dashes_and_caption_turn_marks():
    parsed = parse_transcript(SRT, filename="t.srt")
    assert [(c.speaker, c.turn_start, c.start_ms, c.end_ms, c.text) for c in parsed.cues] == [
        ("Rosa Delgado", False, 1000, 4000, "Welcome to the program."),
        ("Rosa Delgado", False, 4000, 6000, "We start with water."),
        (None, True, 6000, 7200, "Is it low?"),  # a cue's time shared by words
        (None, True, 7200, 8000, "Very low."),
        (None, True, 8000, 9333, "I have a question."),
        (None, True, 9333, 10000, "Go ahead."),
        ("Sam Ortiz", False, 10000, 12000, "Thanks."),
        ("Rosa Delgado", False, 12000, 14000, "Back to you."),
    ]


VTT = b"""WEBVTT

00:00:01.000 --> 00:00:04.000
<v.host Mina Kim>Welcome to Forum.

00:00:04.000 --> 00:00:06.000
[Amit Varma]: So tell me.

00:00:06.000 --> 00:00:08.000
[Guest 2]: Sure.

00:00:08.000 --> 00:00:10.000
>> And a new voice.

00:00:10.000 --> 00:00:12.000
<v.caller.loud JANE O'NEILL>I'm on the line.
"""


def test_webvtt_voice_classes_cue_prefixes_and_turn_marks():
    parsed = parse_transcript(VTT, filename="t.vtt")
    assert [(c.speaker, c.turn_start, c.text) for c in parsed.cues] == [
        ("Mina Kim", False, "Welcome to Forum."),
        ("Amit Varma", False, "So tell me."),
        ("Guest 2", False, "Sure."),
        (None, True, "And a new voice."),
        ("Jane O'Neill", False, "I'm on the line."),
    ]
    assert {name: note.role for name, note in parsed.speakers.items()} == {
        "Mina Kim": "host",
        "Jane O'Neill": "caller",
    }


def test_turn_pieces_cut_at_marks_only():
    assert turn_pieces("- Hi.\n- Hello. >> Yes") == [
        (True, "Hi.\n"),
        (True, "Hello. "),
        (True, "Yes"),
    ]
    assert turn_pieces("editor-in-chief - 5 - 10") == [(False, "editor-in-chief - 5 - 10")]


CORPUS_GOLD = [
    "forum-soft-secession",
    "gotime-140",
    "hannity-trump-2025-01-22",
    "practicalai-127",
    "scotus-hhs-v-florida-day1",
    "scotus-hhs-v-florida-day2-sg",
    "waitwait-good-news",
    "wh-nsc-call-2024-02-02",
    "wh-nsc-gaggle-2024-03-14",
]


@pytest.mark.parametrize("name", CORPUS_GOLD)
def test_a_real_transcript_labelled_npr_style_gives_every_turn_its_full_name(name):
    """The corpus's gold turns, written the way NPR writes them: the full name in
    capitals (with a role for the first speaker) at a person's first turn, the
    surname alone after."""
    turns = json.loads(shared_file(f"corpus/{name}.gold.json").read_text())
    seen, lines = set(), []
    for turn in turns:
        person = turn["speaker"]
        if person in seen and len(person.split()) > 1:
            label = HumanName(person).last.upper()
        else:
            label = person.upper() + (", HOST" if not seen else "")
        seen.add(person)
        lines.append(f"{label}: {turn['text']}")
    parsed = parse_transcript("\n\n".join(lines).encode(), filename=f"{name}.txt")
    assert [(c.speaker, c.text) for c in parsed.cues] == [
        (t["speaker"], " ".join(t["text"].split())) for t in turns
    ]
    assert parsed.speakers[turns[0]["speaker"]].role == "host"


@pytest.mark.parametrize(
    "hostile",
    [
        " " * 100_000 + ":",
        "<v " * 33_000,
        "<rt>" * 25_000,
        "-" * 100_000,
        ":" * 100_000,
        "9" * 100_000,
        "A" * 100_000 + ", HOST:",
        "[" + "A " * 50_000 + "]:",
        "- " * 50_000,
        ">> " * 33_000,
    ],
)
@pytest.mark.parametrize("format", ["txt", "srt", "vtt"])
def test_hostile_label_text_is_read_in_linear_time(hostile, format):
    wrappers = {
        "txt": hostile,
        "srt": f"1\n00:00:01,000 --> 00:00:02,000\n{hostile}\n",
        "vtt": f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{hostile}\n",
    }
    started = time.perf_counter()
    try:
        parse_transcript(wrappers[format].encode(), format=format)
    except Exception as error:  # refusals are fine; only the time matters here
        assert "TranscriptFormatError" in type(error).__name__
    # Generous: quadratic work on 100 KB takes minutes; linear work milliseconds.
    assert time.perf_counter() - started < 2
