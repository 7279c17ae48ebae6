"""Property-based tests for every parser: garbage in gives a transcript or the import error.

Three properties:

- arbitrary bytes, read as each format and with the format detected, give a
  prepared transcript or ``TranscriptImportError``, never another exception;
- valid files of every format, mangled (bytes cut, inserted, flipped, lines
  repeated or swapped, the file truncated), the same;
- generated transcripts exported in each format and imported again give back
  the same paragraphs, speakers and times.

Everything here is pure (no database), so each example costs microseconds to
milliseconds; the example counts stay modest to keep the suite fast.
"""

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.shared_files import SAMPLES, SEED_PAGE
from transcripts.errors import TranscriptImportError
from transcripts.exporters import WRITERS
from transcripts.formats import FORMATS
from transcripts.parsed import Cue
from transcripts.pipeline import prepare_transcript
from transcripts.segmenting import build_paragraphs
from transcripts.stage import split_stage_directions

# Modest counts: there are many files and formats, and the suite must stay fast (a
# run with ten times more examples of every test found nothing more).
FUZZ_BYTES = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ_MANGLED = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def prepares_or_refuses(data, format):
    """The whole pure half of an import (parse, segment, time); the property itself."""
    try:
        prepared = prepare_transcript(data, format=format, filename="fuzzed")
    except TranscriptImportError as error:
        assert str(error)  # a message for people, whatever the input
        return None
    assert prepared.paragraphs
    for paragraph in prepared.paragraphs:
        assert paragraph.text.strip()
        # after timing every paragraph has times, estimated if the source had none
        assert 0 <= paragraph.start_ms <= paragraph.end_ms
    return prepared


# --- arbitrary bytes ------------------------------------------------------------

# Bytes that look a little like each format get further into its parser than noise.
FORMAT_NOISE = st.sampled_from(
    [
        b"WEBVTT\n\n",
        b"1\n00:00:01,000 --> 00:00:02,000\n",
        b'{"segments": [',
        b"<cite>Rosa:</cite><time>0:00:01</time><p>",
        b"[00:00:01] Rosa: ",
        b"- ",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\x00",
        b"\r\n",
        b"-->",
        b"<v Rosa>",
    ]
)
ARBITRARY_BYTES = st.binary(max_size=600) | st.lists(
    FORMAT_NOISE | st.binary(max_size=40), max_size=20
).map(b"".join)


@pytest.mark.parametrize("format", [*FORMATS, None])
@FUZZ_BYTES
@given(data=ARBITRARY_BYTES)
def test_arbitrary_bytes_give_a_transcript_or_the_import_error(format, data):
    prepares_or_refuses(data, format)


# --- mangled valid files ----------------------------------------------------------


def plain_segments(rows):
    """Objects shaped like Segment rows, which is all the exporters read."""
    return [
        SimpleNamespace(
            position=position,
            start_ms=start_ms,
            end_ms=end_ms,
            speaker_id=1 if speaker else None,
            speaker=SimpleNamespace(name=speaker) if speaker else None,
            speaker_label="",
            kind="speech",
            speaker_inferred=False,
            text=text,
        )
        for position, (start_ms, end_ms, speaker, text) in enumerate(rows, start=1)
    ]


EXAMPLE_ROWS = [
    (0, 5250, "Rosa Delgado", "Welcome to Bay Commons. Today: water & rent <control>."),
    (5250, 70000, "José Núñez", "Thanks, Rosa. The groundwater is low. " * 5),
    (70000, 74000, None, "[inaudible] -- and then, well."),
    (74000, 80000, "Marisol", "Hi! I'm calling from Vallejo about the café closures."),
]
BROADCAST_PAGE = (
    "Forum\nWater for the Valley\n11/14/2025 | 50m 24s\nA conversation about groundwater.\n"
    "- Welcome to Forum, I'm Rosa Delgado. Today: the valley's water. "
    "- Thanks for having me. The aquifer is low. - Let's go to the phones.\n"
)


def seed_files():
    files = {
        f"export.{name}": writer(plain_segments(EXAMPLE_ROWS)).encode()
        for name, writer in WRITERS.items()
    }
    files["page.txt"] = BROADCAST_PAGE.encode()
    for path in sorted(SAMPLES.glob("*/*")) if SAMPLES.exists() else []:
        if path.suffix in {".vtt", ".srt", ".json", ".html"}:
            files[f"sample/{path.name}"] = path.read_bytes()[:6000]
    if SEED_PAGE.exists():
        files["seed page"] = SEED_PAGE.read_bytes()[:6000]
    return files


VALID_FILES = seed_files()


@st.composite
def mangled(draw, data):
    """``data`` after a few random edits of the kinds real files suffer."""
    for _ in range(draw(st.integers(1, 4))):
        size = len(data)
        at = draw(st.integers(0, size))
        edit = draw(
            st.sampled_from(["cut", "insert", "flip", "truncate", "repeat line", "swap lines"])
        )
        if edit == "cut":
            data = data[:at] + data[at + draw(st.integers(1, 50)) :]
        elif edit == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=20) | FORMAT_NOISE) + data[at:]
        elif edit == "flip" and size:
            at = min(at, size - 1)
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        elif edit == "truncate":
            data = data[:at]
        elif edit in ("repeat line", "swap lines"):
            lines = data.split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if edit == "repeat line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


@pytest.mark.parametrize("name", [name for name in sorted(VALID_FILES) if "/" not in name])
def test_the_files_mangled_below_are_valid_to_begin_with(name):
    # (The samples include files broken on purpose; they are worth mangling too.)
    assert prepares_or_refuses(VALID_FILES[name], None) is not None


@pytest.mark.parametrize("name", sorted(VALID_FILES))
@FUZZ_MANGLED
@given(data=st.data(), detect=st.booleans())
def test_mangled_valid_files_give_a_transcript_or_the_import_error(name, data, detect):
    original = VALID_FILES[name]
    damaged = data.draw(mangled(original))
    format = None if detect else data.draw(st.sampled_from(FORMATS))
    prepares_or_refuses(damaged, format)


# --- export then import ---------------------------------------------------------

NAMES = st.sampled_from(["Rosa Delgado", "José Núñez", "Marisol", "Dr. Ana O'Neil", "Li Wei"])
WORDS = st.text(
    alphabet=st.characters(
        categories=["L", "N"],
        include_characters="'’&-:\"<>[]()#",
        exclude_characters="\ue000\ue001",
    ),
    min_size=1,
    max_size=12,
)
SENTENCE_ENDS = st.sampled_from([".", "?", "!", ",", ";", ""])


@st.composite
def cue_texts(draw):
    words = draw(st.lists(st.tuples(WORDS, SENTENCE_ENDS), min_size=1, max_size=40))
    return " ".join(word + end for word, end in words)


@st.composite
def transcripts(draw):
    """Cues of alternating turns with times; paragraphs as the importer would make them
    (a note in capitals, "(ABCDE)", is a stage direction of its own)."""
    count = draw(st.integers(1, 12))
    start = draw(st.integers(0, 3_600_000))
    cues = []
    previous = object()
    for _ in range(count):
        speaker = draw(NAMES | st.none())
        assume(speaker != previous)  # a new cue of the same voice would join the last one
        previous = speaker
        length = draw(st.integers(1, 120_000))
        cues.append(
            Cue(text=draw(cue_texts()), start_ms=start, end_ms=start + length, speaker=speaker)
        )
        start += length
    return build_paragraphs(split_stage_directions(cues))


def rows_of(paragraphs):
    return [(p.start_ms, p.end_ms, p.speaker_label, p.text) for p in paragraphs]


@pytest.mark.parametrize("format", sorted(WRITERS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(paragraphs=transcripts())
def test_generated_transcripts_export_and_import_to_the_same_segments(format, paragraphs):
    want = rows_of(paragraphs)
    exported = WRITERS[format](plain_segments(want)).encode()
    got = rows_of(prepare_transcript(exported, format=format).paragraphs)
    if format in ("html", "txt"):
        # These formats carry starts only: the last end comes back estimated.
        got[-1], want[-1] = got[-1][:1] + got[-1][2:], want[-1][:1] + want[-1][2:]
    assert got == want


# --- The limits (transcripts/limits.py): whatever is not refused fits the database ----

LIMIT_PIECES = st.sampled_from(
    ["WEBVTT\n\n", "00:00:01.000 --> 00:00:02.000\n", "999999:00:01,000 --> ", "<v ", ">",
     "Ann Lee: ", "N" * 250, "\x00", "\x07", "\u202e", "\u200b", "word " * 500, "\n\n", "9" * 60,
     "Forum\n", "T" * 350 + "\n", "11/14/2025 | 50m 24s\n", "- ", "Ann\u200b\u2066 Lee: "]
)  # fmt: skip


@FUZZ_BYTES
@given(pieces=st.lists(LIMIT_PIECES, max_size=12), format=st.sampled_from(FORMATS))
def test_what_is_not_refused_fits_every_limit(pieces, format):
    from episodes.names import INVISIBLE_IN_NAMES
    from transcripts.limits import (
        MAX_LABEL_CHARS,
        MAX_PARAGRAPH_CHARS,
        MAX_SHOW_CHARS,
        MAX_TIME_MS,
        MAX_TITLE_CHARS,
    )

    try:
        prepared = prepare_transcript("".join(pieces).encode(), format=format)
    except TranscriptImportError as error:
        assert error.message
        return
    metadata = prepared.parsed.metadata
    assert len(metadata.title) <= MAX_TITLE_CHARS and len(metadata.show) <= MAX_SHOW_CHARS
    for name in (metadata.title, metadata.show, *prepared.labels):
        assert not INVISIBLE_IN_NAMES.search(name)
    for paragraph in prepared.paragraphs:
        assert len(paragraph.text) <= MAX_PARAGRAPH_CHARS
        assert not any(char in paragraph.text for char in "\x00\x07\u202e")
        assert paragraph.speaker_label is None or len(paragraph.speaker_label) <= MAX_LABEL_CHARS
        for time_ms in (paragraph.start_ms, paragraph.end_ms):
            assert time_ms is None or 0 <= time_ms < MAX_TIME_MS


# --- Attribution at its limits: a full cast, many turns ------------------------------

PEOPLE = [f"{first} {last}" for first in ("Ann", "Bob", "Cara", "Dan", "Eve", "Finn")
          for last in ("Lee", "Kim", "Park", "Smith", "Jones", "Diaz", "Wu")]  # fmt: skip
TURN_PHRASES = st.sampled_from(
    ["- I'm {}.", "- We are joined by {}, a professor of law.", "- Thank you, {}.",
     "- {}, you're on the air.", "- {} is on the line.", "- Welcome to Forum, I'm {}.",
     "- Thank you, Justice {}.", "- Yes.", ">> {}?", "- Let's go to {} in Oakland."]
)  # fmt: skip


@FUZZ_BYTES
@given(
    turns=st.lists(
        st.tuples(TURN_PHRASES, st.integers(0, len(PEOPLE) - 1)), min_size=2, max_size=120
    )
)
def test_page_text_naming_up_to_42_people_is_attributed_or_left_unnamed_never_crashes(turns):
    """42 people: more than a cast holds (30), which once crashed the cast."""
    text = "\n".join(phrase.format(PEOPLE[n]) for phrase, n in turns)
    page = f"Forum\nSoft Secession\n11/14/2025 | 50m 24s\nA summary.\n\n{text}\n"
    prepared = prepares_or_refuses(page.encode(), "page")
    if prepared is not None:
        assert all(len(label) <= 200 for label in prepared.labels)
