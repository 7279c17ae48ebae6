"""Plain text with ``Name: text`` turns and optional time stamps.

    [00:01:02] Sarah: Welcome back.
    Rosa Delgado (4:05): Thanks for having me.
    (1:02:03) ROSA DELGADO: One more thing.

A stamp (``[hh:mm:ss]``, ``[mm:ss]``, ``(mm:ss)``, ``(h:mm:ss)``) may come before or
after the name, or sit on a line of its own before the turn; a name may also sit on a
line of its own. Lines without a name continue the current speaker: a blank line ends
a paragraph (a new cue) but not the speaker's turn. Untimed paragraphs get
``start_ms=None``; ``timing.py`` estimates them later.

``split_speaker_label`` is the one definition of a "Name:" label; the SubRip and
WebVTT parsers use it for labels at the start of a cue.
"""

import re

from transcripts.parsed import Cue, ParsedTranscript

from .decoding import normalise_newlines

FORMAT = "txt"

CLOCK = re.compile(
    r"(?:(?P<hours>\d{1,2}):)?(?P<minutes>\d{1,2}):(?P<seconds>\d{2})(?:[.,](?P<fraction>\d{1,3}))?"
)
# A stamp in brackets or parentheses; what is inside must be a CLOCK.
_STAMP = r"(?:\[(?P<bracketed>[^\]\n]{3,16})\]|\((?P<parenthesised>[^)\n]{3,16})\))"
LEADING_STAMP = re.compile(rf"^\s*{_STAMP}\s*")
# "Rosa Delgado (4:05): Thanks" or "Sarah [00:12] Thanks": the stamp after the name.
NAME_THEN_STAMP = re.compile(
    rf"^\s*(?P<label>[^\[(:\n]{{1,60}}?)\s*{_STAMP}\s*:?(?:[ \t]+|$)(?P<rest>.*)$", re.DOTALL
)

# "Sarah:", "ROSA DELGADO:", "Dr. Jane O'Neil:", "Speaker 2:" before the colon;
# the colon must be followed by a space or the end of the line, so "10:30" and
# "https://" are not labels.
_LABEL_CANDIDATE = re.compile(
    r"^\s*(?P<label>[^:\n]{1,60}?)\s*:(?:[ \t]+|$)(?P<rest>.*)$", re.DOTALL
)
MAX_LABEL_WORDS = 4
# Lower-case words that belong inside names ("Ludwig van Beethoven", "Rosa de la Cruz").
NAME_PARTICLES = frozenset(
    ("al", "bin", "da", "das", "de", "del", "della", "der", "di", "dos", "du", "el", "ibn")
    + ("la", "le", "van", "von", "y")
)
# Capitalised words that open a sentence with a colon but are not people.
NOT_SPEAKERS = frozenset(
    (
        "note",
        "notes",
        "editor's note",
        "editor’s note",
        "warning",
        "caution",
        "update",
        "correction",
        "source",
        "sources",
        "example",
        "important",
        "remember",
        "reminder",
        "transcript",
        "chapter",
        "part",
        "summary",
        "title",
        "date",
        "time",
        "subject",
        "re",
        "ps",
        "p.s.",
        "translation",
        "subtitles",
        "captions",
    )
)
_NAME_PUNCTUATION = frozenset("'’.-")


def split_speaker_label(text: str) -> tuple[str | None, str]:
    """Split ``"Name: words"`` into ``("Name", "words")``; ``(None, text)`` if no label.

    A label is 1-4 name-like words (capitalised, or all capitals; lower-case
    particles and numbers allowed inside) at the very start, before a colon.
    """
    match = _LABEL_CANDIDATE.match(text)
    if not match:
        return None, text
    label = match.group("label").strip()
    if not _is_name_like(label):
        return None, text
    return label, match.group("rest").strip()


def _is_name_like(label: str) -> bool:
    words = label.split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS or label.lower() in NOT_SPEAKERS:
        return False
    if not _is_capitalised_word(words[0]):
        return False
    for position, word in enumerate(words[1:], start=1):
        is_last = position == len(words) - 1
        if _is_capitalised_word(word) or word.isdigit():
            continue
        if word in NAME_PARTICLES and not is_last:
            continue
        return False
    return True


def _is_capitalised_word(word: str) -> bool:
    return (
        word[0].isupper()
        and word[0].isalpha()
        and all(char.isalpha() or char in _NAME_PUNCTUATION for char in word)
    )


def take_leading_stamp(text: str) -> tuple[int | None, str]:
    """``"[01:02] Hi"`` -> ``(62000, "Hi")``; ``(None, text)`` when there is no stamp."""
    match = LEADING_STAMP.match(text)
    milliseconds = _stamp_milliseconds(match)
    if milliseconds is None:
        return None, text
    return milliseconds, text[match.end() :]


def _stamp_milliseconds(match: re.Match | None) -> int | None:
    if match is None:
        return None
    return clock_milliseconds(match.group("bracketed") or match.group("parenthesised"))


def clock_milliseconds(text: str) -> int | None:
    """``"1:02:03"``, ``"62:03"``, ``"0:53"``, ``"00:01:02.5"`` -> ms; None if not a clock."""
    clock = CLOCK.fullmatch(text.strip())
    if clock is None:
        return None
    hours, minutes, seconds = (
        int(clock.group(name) or 0) for name in ("hours", "minutes", "seconds")
    )
    if seconds > 59 or (clock.group("hours") is not None and minutes > 59):
        return None
    milliseconds = ((hours * 60 + minutes) * 60 + seconds) * 1000
    return milliseconds + int((clock.group("fraction") or "0").ljust(3, "0"))


def read_turn_opening(line: str) -> tuple[int | None, str | None, str]:
    """``(start_ms, label, rest)`` of a line; start and label are None when absent.

    Understands a stamp before the name, after the colon, or between name and colon.
    """
    start, rest = take_leading_stamp(line)
    label, rest = split_speaker_label(rest)
    if label is not None:
        if start is None:
            start, rest = take_leading_stamp(rest)
        return start, label, rest.strip()
    if start is None:
        match = NAME_THEN_STAMP.match(line)
        stamped = _stamp_milliseconds(match)
        if stamped is not None and _is_name_like(match.group("label").strip()):
            return stamped, match.group("label").strip(), match.group("rest").strip()
    return start, None, rest.strip()


def looks_like_turn(line: str) -> bool:
    """True for a line that opens a turn: a leading stamp or a ``Name:`` label."""
    start, label, _ = read_turn_opening(line)
    return start is not None or label is not None


class _TurnReader:
    """Collects paragraphs into cues while remembering the speaker and a pending stamp."""

    def __init__(self):
        self.cues: list[Cue] = []
        self.speaker: str | None = None
        self.parts: list[str] = []
        self.start: int | None = None
        self.line: int | None = None
        # A stamp or name on a line of its own applies to the next line of text.
        self.pending_start: int | None = None
        self.pending_line: int | None = None

    def end_paragraph(self):
        if self.parts:
            text = " ".join(" ".join(self.parts).split())
            self.cues.append(
                Cue(text=text, start_ms=self.start, speaker=self.speaker, line=self.line)
            )
        self.parts = []

    def open_turn(self, line_number: int, start: int | None, speaker: str | None, text: str):
        self.end_paragraph()
        if speaker is not None:
            self.speaker = speaker
        if start is None:
            start = self.pending_start
        if not text:
            # A heading line ("Sarah:" or "[00:01:02]"): the words follow below.
            self.pending_start = start
            self.pending_line = self.pending_line or line_number
            return
        self._begin(line_number, start, text)

    def continue_turn(self, line_number: int, text: str):
        if self.parts:
            self.parts.append(text)
        else:
            self._begin(line_number, self.pending_start, text)

    def _begin(self, line_number: int, start: int | None, text: str):
        self.parts = [text]
        self.start = start
        self.line = self.pending_line or line_number
        self.pending_start = None
        self.pending_line = None


def parse(text: str) -> ParsedTranscript:
    reader = _TurnReader()
    lines = normalise_newlines(text.removeprefix("\ufeff")).split("\n")
    for line_number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            reader.end_paragraph()
            continue
        start, label, rest = read_turn_opening(line)
        if start is not None or label is not None:
            reader.open_turn(line_number, start, label, rest)
        else:
            reader.continue_turn(line_number, line)
    reader.end_paragraph()
    end_each_at_next_start(reader.cues)
    return ParsedTranscript(format=FORMAT, cues=reader.cues)


def end_each_at_next_start(cues: list[Cue]):
    """A timed paragraph lasts until the next one starts (when that one is timed)."""
    for cue, following in zip(cues, cues[1:], strict=False):
        if (
            cue.start_ms is not None
            and following.start_ms is not None
            and following.start_ms >= cue.start_ms
        ):
            cue.end_ms = following.start_ms
