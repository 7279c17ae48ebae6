"""WebVTT captions -> cues with speakers from ``<v Name>`` voice spans.

A voice's classes may give a role (``<v.host Mina Kim>``); text outside voices may
open with a label (``[Amit Varma]:``, ``NAME, ROLE:``) or a turn mark (``>>``, ``- ``).

The file is read block by block, as the WebVTT parsing rules say (a block ends at a
blank line; a line with ``-->`` after a cue's timing line starts a new block), keeping
line numbers so that every refusal says where. webvtt-py reads timestamps; its own
parser drops line numbers and skips malformed cues silently, so the blocks are ours.
"""

import html
import re
from dataclasses import dataclass

from webvtt.errors import MalformedCaptionError
from webvtt.models import Timestamp

from transcripts.errors import TranscriptFormatError
from transcripts.parsed import ESTIMATED_NOTE, Cue, ParsedTranscript, SpeakerNote

from .decoding import normalise_newlines
from .labels import caption_turns, role_of_classes

FORMAT = "vtt"

# "WEBVTT" alone or followed by a space or tab and free text.
HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
# Hours have at most 7 digits: more is no time a transcript has (and int() refuses
# thousands of digits); the import's limits then refuse anything past 48 hours.
TIMESTAMP = r"(?:\d{1,7}:)?\d{1,2}:\d{1,2}\.\d{1,3}"
# Cue settings may follow the end time after whitespace ("align:start position:0%").
TIMING_LINE = re.compile(rf"^\s*+({TIMESTAMP})[ \t]*-->[ \t]*({TIMESTAMP})(?:[ \t]+.*)?$")
TIMING_EXAMPLE = "00:00:01.000 --> 00:00:04.000"
ARROW = "-->"

# <v Name>, <v.loud Name>, <v.a.b Name>; the name is the annotation after whitespace.
# Classes and names stop at "<", so hostile "<v <v <v" stays linear. A name is not
# bounded here: an overlong one must be refused with its line (transcripts.limits),
# not dropped as an unknown tag and its words given to the previous speaker.
VOICE_SPAN = re.compile(r"<v(?:\.(?P<classes>[^\s<>]{0,100}))?(?:[ \t]+(?P<name>[^<>]*+))?>")
# Ruby text holds plain words (no nested tags): bounded, so "<rt><rt>..." stays linear.
RUBY_TEXT = re.compile(r"<rt(?:\.[^<>]{0,100})?>[^<]{0,1000}</rt>")
# Every other tag: <i>, </b>, <c.colorE5E5E5>, <lang en>, <00:00:01.000>, </v>.
TAG = re.compile(r"<[^<>]*>")
# Character references need their semicolon in WebVTT (and in our SubRip reading):
# "AT&T" and "this&not that" stay as written.
# Bounded: no character needs more digits, and int() refuses thousands of them.
CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});"
)
# Direction marks (&lrm; &rlm;) are invisible and mean nothing in a transcript.
INVISIBLE_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u200b\ufeff"))


@dataclass
class Block:
    line: int  # 1-based line of the block's first line
    lines: list[str]


def parse(text: str) -> ParsedTranscript:
    lines = normalise_newlines(text.removeprefix("\ufeff")).split("\n")
    _check_header(lines[0])
    header_end = _header_end(lines)
    parsed = ParsedTranscript(format=FORMAT, cues=[], language=_language(lines[1:header_end]))
    previous_speaker = (None, False)  # (speaker, inferred) that unvoiced text continues
    cue_number = 0
    for block in _blocks(lines, header_end):
        if _is_skipped_block(block):
            parsed.times_estimated |= ESTIMATED_NOTE in " ".join(" ".join(block.lines).split())
            continue
        cue_number += 1
        cues, previous_speaker = _read_cue(block, cue_number, previous_speaker, parsed)
        parsed.cues += cues
    if not parsed.cues:
        raise TranscriptFormatError(
            "no captions: the file has a WEBVTT header but no cue with text"
            if cue_number == 0
            else "no captions: every cue in the file is empty"
        )
    return parsed


def _check_header(first_line: str):
    if not HEADER.match(first_line):
        found = first_line.strip()[:60]
        raise TranscriptFormatError(
            "not WebVTT: the first line must be 'WEBVTT'"
            + (f", found {found!r}" if found else ", and it is empty"),
            line=1,
        )


def _header_end(lines: list[str]) -> int:
    """Index of the first line after the header block (metadata such as "Kind: captions")."""
    for index in range(1, len(lines)):
        if not lines[index].strip() or ARROW in lines[index]:
            return index
    return len(lines)


def _language(header_lines: list[str]) -> str:
    for line in header_lines:
        name, _, value = line.partition(":")
        if name.strip().lower() == "language" and value.strip():
            return value.strip()
    return "en"


def _blocks(lines: list[str], first_index: int):
    """Yield the blocks after the header, with the line number each starts at.

    Lines of only spaces count as blank (Netflix files have them between blocks).
    """
    block: Block | None = None
    for index in range(first_index, len(lines)):
        line = lines[index]
        if not line.strip():
            if block:
                yield block
            block = None
            continue
        if block and ARROW in line and _can_not_hold_timing_line(block):
            yield block
            block = None
        if block is None:
            block = Block(line=index + 1, lines=[])
        block.lines.append(line)
    if block:
        yield block


def _can_not_hold_timing_line(block: Block) -> bool:
    # A timing line is the block's first line, or its second after an identifier;
    # anywhere else (e.g. a repeated timing line in the cue text) it starts a new cue.
    return len(block.lines) > 1 or ARROW in block.lines[0]


def _is_skipped_block(block: Block) -> bool:
    first = block.lines[0].strip()
    if first == "NOTE" or block.lines[0].startswith(("NOTE ", "NOTE\t")):
        return True
    has_arrow = any(ARROW in line for line in block.lines)
    return first in ("STYLE", "REGION") and not has_arrow


def _read_cue(block: Block, cue_number: int, previous_speaker, parsed: ParsedTranscript):
    timing_index = _timing_line_index(block, cue_number)
    timing_line_number = block.line + timing_index
    start_ms, end_ms = _read_timing_line(block.lines[timing_index], timing_line_number, cue_number)
    payload = "\n".join(block.lines[timing_index + 1 :])
    turns, speaker = _voiced_texts(payload, previous_speaker, parsed.speakers)
    cues = [
        Cue(text, start_ms, end_ms, speaker_, inferred, line=block.line, turn_start=turn_start)
        for speaker_, text, turn_start, inferred in turns
    ]
    if not cues and not clean_cue_text(payload):
        parsed.warnings.append(f"cue {cue_number} (line {block.line}) has no text; dropped")
    return cues, speaker


def _timing_line_index(block: Block, cue_number: int) -> int:
    for index in (0, 1):
        if index < len(block.lines) and ARROW in block.lines[index]:
            return index
    raise TranscriptFormatError(
        "a cue without its timing line: expected a line like "
        f"{TIMING_EXAMPLE!r} before {block.lines[0].strip()[:60]!r}",
        line=block.line,
        cue=cue_number,
    )


def _read_timing_line(line: str, line_number: int, cue_number: int) -> tuple[int, int]:
    match = TIMING_LINE.match(line)
    try:
        if not match:
            raise MalformedCaptionError(line)
        start_ms, end_ms = (
            Timestamp.from_string(value).in_milliseconds() for value in match.groups()
        )
    except MalformedCaptionError:
        raise TranscriptFormatError(
            f"unreadable timing line {line.strip()[:80]!r}: expected start and end times "
            f"like {TIMING_EXAMPLE!r}",
            line=line_number,
            cue=cue_number,
        ) from None
    if end_ms < start_ms:
        raise TranscriptFormatError(
            f"the cue ends ({match.group(2)}) before it starts ({match.group(1)})",
            line=line_number,
            cue=cue_number,
        )
    return start_ms, end_ms


def _voiced_texts(payload: str, previous_speaker: tuple, notes: dict):
    """Split cue text at voice spans:
    ``([(speaker, clean text, turn_start, inferred), ...], (speaker, inferred))``.

    ``<v.inferred Name>`` (our exports) marks a speaker worked out, not given.

    Text before the first voice span (or a cue without one) continues the previous
    speaker, unless it opens with a label or a turn mark.
    """
    pieces = []
    speaker = previous_speaker
    position = 0
    voice, inferred = None, False
    for match in VOICE_SPAN.finditer(payload):
        pieces.append((voice, inferred, payload[position : match.start()]))
        # The annotation may hold character references ("<v A&amp;B>"), as WebVTT says.
        voice = " ".join(unescape_entities(match.group("name") or "").split()) or None
        classes = match.group("classes") or ""
        inferred = "inferred" in classes.casefold().split(".")
        role = role_of_classes(classes)
        if voice and role:
            notes.setdefault(voice, SpeakerNote(voice, role))
        position = match.end()
    pieces.append((voice, inferred, payload[position:]))

    texts = []
    for voice, inferred, raw in pieces:
        if voice is None:
            turns, speaker = caption_turns(raw, speaker, clean_cue_text, notes)
            texts += turns
            continue
        text = clean_cue_text(raw)
        if text:
            speaker = (voice, inferred)
            texts.append((voice, text, False, inferred))
    return texts, speaker


def clean_cue_text(raw: str) -> str:
    """Caption mark-up -> plain words: tags and ruby annotations go, entities are read,
    line breaks and runs of spaces (including no-break spaces) become one space."""
    text = TAG.sub("", RUBY_TEXT.sub("", raw))
    text = unescape_entities(text).translate(INVISIBLE_MARKS)
    return " ".join(text.split())


def unescape_entities(text: str) -> str:
    return CHARACTER_REFERENCE.sub(lambda match: html.unescape(match.group()), text)
