"""Plain text with ``Name: text`` turns and optional time stamps.

    [00:01:02] Sarah: Welcome back.
    Rosa Delgado (4:05): Thanks for having me.
    (1:02:03) ROSA DELGADO: One more thing.

A stamp (``[hh:mm:ss]``, ``[mm:ss]``, ``(mm:ss)``, ``(h:mm:ss)``) may come before or
after the name, or sit on a line of its own before the turn; a name may also sit on a
line of its own. Lines without a name continue the current speaker: a blank line ends
a paragraph (a new cue) but not the speaker's turn. Untimed paragraphs get
``start_ms=None``; ``timing.py`` estimates them later.

A header block (``Title:``, ``Date:``, ``Runtime:``...) or YAML front matter
before the words gives the episode's details (``header.py``).

Labels follow ``labels.read_label`` (the one definition, shared with SubRip and
WebVTT): ``Name:``, ``NAME, ROLE:`` (the role is kept), ``[Name]:``, and
``UNIDENTIFIED PERSON:`` or a leading ``>>`` for a voice nobody names. A name in
capitals alone on its line, right above the words, labels them too.
"""

import re

from transcripts.parsed import Cue, ParsedTranscript, SpeakerNote

from .decoding import normalise_newlines
from .header import read_header
from .labels import Label, is_capitals_name_line, is_name_like, read_label

FORMAT = "txt"

CLOCK = re.compile(
    r"(?:(?P<hours>\d{1,2}):)?(?P<minutes>\d{1,2}):(?P<seconds>\d{2})(?:[.,](?P<fraction>\d{1,3}))?"
)
# A stamp in brackets or parentheses; what is inside must be a CLOCK.
_STAMP = r"(?:\[(?P<bracketed>[^\]\n]{3,16})\]|\((?P<parenthesised>[^)\n]{3,16})\))"
# Possessive "\s*+" throughout: a line of spaces is read once, never backtracked into.
LEADING_STAMP = re.compile(rf"^\s*+{_STAMP}\s*")
# "Rosa Delgado (4:05): Thanks" or "Sarah [00:12] Thanks": the stamp after the name.
NAME_THEN_STAMP = re.compile(
    rf"^\s*+(?P<label>[^\[(:\n]{{1,60}}?)\s*{_STAMP}\s*:?(?:[ \t]+|$)(?P<rest>.*)$", re.DOTALL
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


# ">>", or several in a row: one change of voice.
_CAPTION_TURN = re.compile(r">>[> \t]*")


def read_turn_opening(line: str) -> tuple[int | None, Label | None, str]:
    """``(start_ms, label, rest)`` of a stripped line; start and label are None when absent.

    Understands a stamp before the name, after the colon, or between name and colon,
    and ``>>`` (a new, unnamed voice) before any of them.
    """
    marked = _CAPTION_TURN.match(line)
    if marked:
        start, label, rest = _read_named_opening(line[marked.end() :])
        return start, label or Label(None, None, rest), rest
    return _read_named_opening(line)


def _read_named_opening(line: str) -> tuple[int | None, Label | None, str]:
    start, rest = take_leading_stamp(line)
    label = read_label(rest.strip())
    if label is not None:
        if start is None:
            start, label.rest = take_leading_stamp(label.rest)
        label.rest = label.rest.strip()
        return start, label, label.rest
    if start is None:
        match = NAME_THEN_STAMP.match(line)
        stamped = _stamp_milliseconds(match)
        if stamped is not None and is_name_like(match.group("label").strip()):
            rest = match.group("rest").strip()
            return stamped, Label(match.group("label").strip(), None, rest), rest
    return start, None, rest.strip()


def looks_like_turn(line: str) -> bool:
    """True for a line that opens a turn: a leading stamp or a ``Name:`` label."""
    start, label, _ = read_turn_opening(line.strip())
    return start is not None or label is not None


class _TurnReader:
    """Collects paragraphs into cues while remembering the speaker and a pending stamp."""

    def __init__(self):
        self.cues: list[Cue] = []
        self.speaker: str | None = None
        self.inferred = False  # "Name (inferred):": worked out, as our exports mark it
        self.turn_start = False  # the next cue opens an unnamed voice's turn
        self.notes: dict[str, SpeakerNote] = {}
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
                Cue(
                    text=text,
                    start_ms=self.start,
                    speaker=self.speaker,
                    speaker_inferred=self.inferred,
                    line=self.line,
                    turn_start=self.turn_start,
                )
            )
            self.turn_start = False
        self.parts = []

    def open_turn(self, line_number: int, start: int | None, label: Label | None, text: str):
        self.end_paragraph()
        if label is not None:
            self.speaker = label.name
            self.inferred = label.inferred
            self.turn_start = label.name is None
            if label.name and label.role:
                self.notes.setdefault(label.name, SpeakerNote(label.name, label.role))
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
    raw_lines = normalise_newlines(text.removeprefix("\ufeff")).split("\n")
    header = read_header(raw_lines)
    lines = [line.strip() for line in raw_lines]
    for line_number in range(header.body_start + 1, len(lines) + 1):
        line = lines[line_number - 1]
        if not line:
            reader.end_paragraph()
            continue
        start, label, rest = read_turn_opening(line)
        if start is not None or label is not None:
            reader.open_turn(line_number, start, label, rest)
        elif _names_the_lines_below(lines, line_number - 1):
            reader.open_turn(line_number, None, Label(line, None, ""), "")
        else:
            reader.continue_turn(line_number, line)
    reader.end_paragraph()
    end_each_at_next_start(reader.cues)
    return ParsedTranscript(
        format=FORMAT,
        cues=reader.cues,
        metadata=header.metadata,
        speakers=reader.notes,
        warnings=header.warnings,
        times_estimated=header.times_estimated,
    )


def _names_the_lines_below(lines: list[str], index: int) -> bool:
    """ "PETER SAGAL" alone on its line, with the words right below (no blank line)."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return (
        bool(following)
        and is_capitals_name_line(lines[index])
        and not is_capitals_name_line(following)
        and not looks_like_turn(following)
    )


def end_each_at_next_start(cues: list[Cue]):
    """A timed paragraph lasts until the next one starts (when that one is timed)."""
    for cue, following in zip(cues, cues[1:], strict=False):
        if (
            cue.start_ms is not None
            and following.start_ms is not None
            and following.start_ms >= cue.start_ms
        ):
            cue.end_ms = following.start_ms
