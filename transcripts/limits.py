"""What the database would refuse, refused first, with where: pure, no database.

``tidy_and_check(parsed)`` runs at the end of the pure pipeline, so the admin preview
and the command line refuse the same files with the same located
``TranscriptImportError`` instead of a database error (a 250-character voice name,
a NUL in the text, SRT hours of 999999, a 350-character title). Names and titles
lose invisible characters first (``episodes.names.tidy_name``); text loses only bidirectional
overrides, which can make words display in an order other than the stored one.

The numbers match the model fields (tests/transcripts/test_limits.py checks them).
"""

import re

from episodes.clock import clock
from episodes.names import tidy_name  # names and titles: the admin cleans them the same way
from transcripts.errors import TranscriptImportError

MAX_LABEL_CHARS = 200  # Speaker.name, Segment.speaker_label
MAX_TITLE_CHARS = 300  # Episode.title
MAX_SHOW_CHARS = 200  # Show.name
MAX_SOURCE_URL_CHARS = 500  # Episode.source_url
# Every time in a transcript: 0 <= t < 48 hours (no broadcast is longer; SRT hours
# of 999999 are a broken file).
MAX_TIME_MS = 48 * 3600 * 1000
# A paragraph is cut at a word boundary past this many characters (segmenting.py), so
# one stays readable, linkable and far below PostgreSQL's 1 MB tsvector limit.
MAX_PARAGRAPH_CHARS = 2000

# Explicit bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069):
# they reorder how text displays ("evil.exe" shown as "exe.live"), and a transcript
# has no use for them. Marks that only nudge direction (U+200E/F) stay in text.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def tidy_text(text):
    return BIDI_CONTROLS.sub("", text)


# Unicode's control characters (category Cc: C0, DEL and C1) but tab and line breaks;
# one regular-expression search instead of a category lookup per character (a tenth
# of an import's parsing time on a 5,000-paragraph file).
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _control_character(text):
    """The first control character (C0, C1 or NUL, besides tab and line breaks), or None."""
    found = _CONTROL_CHARACTER.search(text)
    return found.group() if found else None


def _refuse(message, cue=None, number=None):
    line = cue.line if cue is not None else None
    return TranscriptImportError(message, line=line, cue=number if line is None else None)


def tidy_and_check(parsed):
    """Tidy names, titles and text in place; raise TranscriptImportError at the first
    value the database would refuse."""
    metadata = parsed.metadata
    metadata.title = tidy_name(metadata.title)
    metadata.show = tidy_name(metadata.show)
    for field, limit in (
        ("title", MAX_TITLE_CHARS),
        ("show", MAX_SHOW_CHARS),
        ("source_url", MAX_SOURCE_URL_CHARS),
    ):
        value = getattr(metadata, field)
        if len(value) > limit:
            raise _refuse(f"the {field} is {len(value)} characters long; the most is {limit}")
    for field in ("title", "show", "summary", "description", "source_url"):
        char = _control_character(getattr(metadata, field))
        if char is not None:
            raise _refuse(f"the {field} contains the control character U+{ord(char):04X}")
    if metadata.duration_s is not None and not 0 < metadata.duration_s < MAX_TIME_MS // 1000:
        raise _refuse(
            f"the duration of {metadata.duration_s} seconds is outside 1 second to 48 hours"
        )
    parsed.speakers = {tidy_name(label): note for label, note in parsed.speakers.items()}
    for note in parsed.speakers.values():
        note.label = tidy_name(note.label)
    for number, cue in enumerate(parsed.cues, start=1):
        _check_cue(cue, number)
    if not any(cue.text.strip() for cue in parsed.cues):  # "\u202e" alone, say
        raise _refuse("the file has no transcript text to import, only invisible characters")


def _check_cue(cue, number):
    cue.text = tidy_text(cue.text)
    char = _control_character(cue.text)
    if char is not None:
        raise _refuse(
            f"the text contains the control character U+{ord(char):04X}, which a transcript "
            "cannot hold; remove it from the file",
            cue,
            number,
        )
    if cue.speaker is not None:
        cue.speaker = tidy_name(cue.speaker) or None
    if cue.speaker is not None:
        if len(cue.speaker) > MAX_LABEL_CHARS:
            raise _refuse(
                f"a speaker name of {len(cue.speaker)} characters ({cue.speaker[:40]!r}...); "
                f"the most is {MAX_LABEL_CHARS}",
                cue,
                number,
            )
        char = _control_character(cue.speaker)
        if char is not None:
            raise _refuse(
                f"the speaker name contains the control character U+{ord(char):04X}", cue, number
            )
    for name, value in (("start", cue.start_ms), ("end", cue.end_ms)):
        if value is not None and not 0 <= value < MAX_TIME_MS:
            stamp = clock(value, hour_digits=1, millis=True)
            raise _refuse(f"the {name} time {stamp} is outside 0 to 48 hours", cue, number)
