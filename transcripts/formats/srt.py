"""SubRip (.srt) captions -> cues, with speakers from labels at the start of a cue.

Labels are read by ``labels.read_label`` (``Name:``, ``NAME, ROLE:``, ``[Name]:``);
``>>`` and dialogue lines starting ``- `` open turns of voices nobody names.

    1
    00:00:00,179 --> 00:00:02,399
    Travis: When you first get
    started in podcasting, it's

Read line by line so that every refusal names its line. The ``srt`` library is not
used: it reports errors as character offsets, drops empty cues without a word, and
accepts any of ``, . :`` (and full-width forms) before the milliseconds, reading
``00:00:01,5`` as 5 ms where players read 500.
"""

import re

from transcripts.errors import TranscriptFormatError
from transcripts.parsed import ESTIMATED_NOTE, Cue, ParsedTranscript, share_by_words

from .decoding import normalise_newlines
from .labels import caption_turns
from .vtt import unescape_entities

FORMAT = "srt"

ARROW = "-->"
TIMING_EXAMPLE = "00:00:01,000 --> 00:00:04,000"
# Hours are optional and "." is accepted for "," (some tools write it), but the two
# times of one line must agree: a line mixing them is a hand edit gone wrong.
TIMESTAMP = r"(?:(\d{1,7}):)?(\d{1,2}):(\d{1,2})([,.])(\d{1,3})"
# Old tools append the picture position ("X1:100 X2:600 Y1:50 Y2:80").
TIMING_LINE = re.compile(rf"^\s*+{TIMESTAMP}[ \t]*-->[ \t]*{TIMESTAMP}(?:[ \t]+.*)?$")
CUE_NUMBER = re.compile(r"^\s*\d+\s*$")
# <i>, </b>, <u>, <font color="#ffff00">, </font>: SubRip's formatting tags.
FORMATTING_TAG = re.compile(r"</?(?:[ibus]|font)(?:\s[^<>]*)?>", re.IGNORECASE)
# {\an8}, {\i1}: SSA/ASS override codes that some tools leave in SubRip files.
OVERRIDE_CODE = re.compile(r"\{\\[^{}]*\}")


def parse(text: str) -> ParsedTranscript:
    lines = normalise_newlines(text.removeprefix("\ufeff")).split("\n")
    parsed = ParsedTranscript(format=FORMAT, cues=[])
    previous_speaker = (None, False)  # (speaker, inferred) that unlabelled text continues
    cue_number = 0
    index = _skip_blank_lines(lines, 0)
    while index < len(lines):
        cue_number += 1
        timing_index = _find_timing_line(lines, index, cue_number)
        start_ms, end_ms = _read_timing_line(lines[timing_index], timing_index + 1, cue_number)
        text_end = _end_of_cue_text(lines, timing_index + 1)
        raw_text = "\n".join(lines[timing_index + 1 : text_end])
        if ESTIMATED_NOTE in raw_text:
            # The zero-length cue our exports open with: a remark, not words.
            parsed.times_estimated = True
            index = _skip_blank_lines(lines, text_end)
            continue
        turns, previous_speaker = caption_turns(
            raw_text, previous_speaker, clean_cue_text, parsed.speakers
        )
        if not turns and not clean_cue_text(raw_text):
            parsed.warnings.append(f"cue {cue_number} (line {index + 1}) has no text; dropped")
        parsed.cues += _share_cue_time(turns, start_ms, end_ms, line=index + 1)
        index = _skip_blank_lines(lines, text_end)
    if cue_number == 0:
        raise TranscriptFormatError("not SubRip: the file has no cues", line=1)
    return parsed


def _skip_blank_lines(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _find_timing_line(lines: list[str], index: int, cue_number: int) -> int:
    """Index of the cue's timing line: after its number, or first when the number is missing."""
    line = lines[index]
    if ARROW in line:
        return index
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if CUE_NUMBER.match(line) and ARROW in following:
        return index + 1
    # Before the first cue the file is not recognisably SubRip at all.
    prefix = "not SubRip: " if cue_number == 1 else ""
    if CUE_NUMBER.match(line):
        found = f"found {following.strip()[:60]!r}" if following.strip() else "found nothing"
        raise TranscriptFormatError(
            f"{prefix}cue {line.strip()} has no timing line: expected a line like "
            f"{TIMING_EXAMPLE!r} after its number, {found}",
            line=index + 2 if index + 1 < len(lines) else index + 1,
            cue=cue_number,
        )
    raise TranscriptFormatError(
        f"{prefix}expected a cue number and a timing line like {TIMING_EXAMPLE!r}, "
        f"found {line.strip()[:60]!r}",
        line=index + 1,
        cue=cue_number,
    )


def _read_timing_line(line: str, line_number: int, cue_number: int) -> tuple[int, int]:
    match = TIMING_LINE.match(line)
    times = match and (_milliseconds(match.groups()[:5]), _milliseconds(match.groups()[5:]))
    if not match or None in times or match.group(4) != match.group(9):
        problem = (
            "the two times use different separators before the milliseconds"
            if match and None not in times
            else f"expected start and end times like {TIMING_EXAMPLE!r}"
        )
        raise TranscriptFormatError(
            f"unreadable timing line {line.strip()[:80]!r}: {problem}",
            line=line_number,
            cue=cue_number,
        )
    start_ms, end_ms = times
    if end_ms < start_ms:
        raise TranscriptFormatError(
            f"the cue ends ({match.group(6) or '00'}:{match.group(7)}:{match.group(8)}) "
            f"before it starts",
            line=line_number,
            cue=cue_number,
        )
    return start_ms, end_ms


def _milliseconds(groups) -> int | None:
    hours, minutes, seconds, _separator, fraction = groups
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    total_seconds = (int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)
    # ",5" is half a second, as players read it.
    return total_seconds * 1000 + int(fraction.ljust(3, "0"))


def _end_of_cue_text(lines: list[str], index: int) -> int:
    """Index just past the cue's text: a blank line, or the next cue starting without one."""
    while index < len(lines) and lines[index].strip():
        if ARROW in lines[index]:
            return index
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        if CUE_NUMBER.match(lines[index]) and ARROW in next_line:
            return index
        index += 1
    return index


def _share_cue_time(turns, start_ms: int, end_ms: int, *, line: int) -> list[Cue]:
    """One cue a turn; a cue of several turns ("- Hi." "- Hello.") shares its time by words."""
    spans = share_by_words(start_ms, end_ms, [text for _, text, _, _ in turns])
    return [
        Cue(text, start, end, speaker, inferred, line=line, turn_start=turn_start)
        for (speaker, text, turn_start, inferred), (start, end) in zip(turns, spans, strict=True)
    ]


def clean_cue_text(raw: str) -> str:
    text = OVERRIDE_CODE.sub("", FORMATTING_TAG.sub("", raw))
    return " ".join(unescape_entities(text).split())
