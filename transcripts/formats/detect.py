"""Which parser reads a text: decided from the content, the file name only breaks ties.

Strong signs win outright (a ``WEBVTT`` first line, a JSON object). A ``.vtt`` or
``.srt`` name then sends a text that is not clearly something else to that parser, so
that a broken caption file gets the specific refusal ("no WEBVTT header", "not SubRip
at line 1") instead of being read, wrongly, as plain text. The weaker signs come last;
caption timing lines without a header go to the WebVTT parser (and its refusal) unless
they are clearly SubRip, so a headerless WebVTT file is never imported by accident.
"""

import json
import re
from pathlib import PurePath

from transcripts.errors import TranscriptFormatError

from .header import FRONT_MATTER_FENCE, read_header
from .plain import looks_like_turn

# How far into a text the weaker signs are looked for: enough for any header.
LINES_TO_SNIFF = 200
HEADER_LINES = 40

# "00:00:01,000 --> " (hours optional): a comma before the milliseconds is SubRip.
# Leading blanks are "[ \t]*+": "\s*" would run across blank lines from every line start.
SUBRIP_TIMING = re.compile(r"^[ \t]*+(?:\d+:)?\d{1,2}:\d{1,2},\d{1,3}[ \t]*-->", re.MULTILINE)
# A dot there is WebVTT, or SubRip from a sloppy tool when a cue number comes first.
NUMBERED_DOTTED_TIMING = re.compile(
    r"^[ \t]*+\d++[ \t]*\n[ \t]*+(?:\d+:)?\d{1,2}:\d{1,2}\.\d{1,3}[ \t]*-->", re.MULTILINE
)
DOTTED_TIMING = re.compile(r"^[ \t]*+(?:\d+:)?\d{1,2}:\d{1,2}\.\d{1,3}[ \t]*-->", re.MULTILINE)
# "WEBVTT" misspelt or mangled ("WEB VTT", "webvtt"): a broken WebVTT header.
BROKEN_WEBVTT_HEADER = re.compile(r"^\W*+w\W*+e\W*+b\W*+v\W*+t\W*+t", re.IGNORECASE)
# With the comma SubRip requires: a .vtt file with these is SubRip under a wrong name.
STRICT_SUBRIP_TIMING = re.compile(r"^[ \t]*+\d+:\d{2}:\d{2},\d{3}[ \t]*-->", re.MULTILINE)
HTML_TRANSCRIPT_TAG = re.compile(r"<(?:cite|time|p|html|body|!doctype)\b", re.IGNORECASE)
# "11/14/2025 | 50m 24s" in a broadcast page header (the duration may be glued to
# the next words: "50m 24sVideo has Closed Captions").
PAGE_DATE_LINE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s*\|\s*(?=\d+\s*[hms])(?:\d+\s*[hms]\s*)+")
# "- " (or ">>") opens a change of speaker in closed captions.
PAGE_TURN_MARKER = re.compile(r"^[ \t]*+(?:-|>>)[ \t]+\S", re.MULTILINE)

RECOGNISED_FORMATS = (
    "WebVTT (first line 'WEBVTT'), "
    "SubRip (numbered cues with lines like '00:00:01,000 --> 00:00:04,000'), "
    "Podcasting 2.0 JSON (an object with a 'segments' list), "
    "Podcasting 2.0 HTML (<cite>, <time> and <p>), "
    "plain text with 'Name:' turns or [mm:ss] stamps, "
    "or the text of a broadcast episode page (a 'MM/DD/YYYY | 50m 24s' line)"
)


def detect_format(text: str, filename: str | None = None) -> str:
    """A short format name (vtt, srt, json, html, txt, page) or TranscriptFormatError."""
    extension = _extension(filename)
    start = text.lstrip("\ufeff \t\n")
    if start.startswith("WEBVTT"):
        return "vtt"
    if start.startswith("{") or extension == "json" or (start.startswith("[") and _is_json(start)):
        return "json"
    if extension == "vtt":
        # SubRip saved as .vtt is common and readable; anything else gets the
        # WebVTT parser's refusal.
        return "srt" if STRICT_SUBRIP_TIMING.search(_head(text)) else "vtt"
    if extension == "srt":
        return "srt"
    if extension in ("html", "htm"):
        return "html"
    if start.startswith(FRONT_MATTER_FENCE + "\n") and extension in ("md", "markdown", "txt", ""):
        return "txt"  # Markdown with front matter; the plain reader says if it is unreadable
    head = _head(text)
    if SUBRIP_TIMING.search(head) or NUMBERED_DOTTED_TIMING.search(head):
        return "srt"
    if BROKEN_WEBVTT_HEADER.match(start) or DOTTED_TIMING.search(head):
        # WebVTT without (or with a mangled) header: the WebVTT parser says so.
        return "vtt"
    if HTML_TRANSCRIPT_TAG.search(head):
        return "html"
    if looks_like_broadcast_page(text):
        return "page"
    if _looks_like_plain_turns(head):
        return "txt"
    raise TranscriptFormatError(f"not a recognised transcript; expected {RECOGNISED_FORMATS}")


def looks_like_broadcast_page(text: str) -> bool:
    """A page's text: a 'MM/DD/YYYY | 50m 24s' line in the header and '- ' turn markers."""
    header = _non_empty_lines(_head(text))[:HEADER_LINES]
    return any(PAGE_DATE_LINE.match(line) for line in header) and bool(
        PAGE_TURN_MARKER.search(text)
    )


def _looks_like_plain_turns(head: str) -> bool:
    # One "Note: ..." line in prose is not a transcript: the text must open with a
    # turn, or have several.
    head_lines = head.split("\n")
    try:
        body_start = read_header(head_lines).body_start
    except TranscriptFormatError:
        body_start = 0
    lines = _non_empty_lines("\n".join(head_lines[body_start:]))
    if not lines:
        return False
    if looks_like_turn(lines[0]):
        return True
    return sum(1 for line in lines if looks_like_turn(line)) >= 2


def _extension(filename: str | None) -> str:
    return PurePath(filename).suffix.lower().lstrip(".") if filename else ""


def _head(text: str) -> str:
    return "\n".join(text.split("\n", LINES_TO_SNIFF)[:LINES_TO_SNIFF])


def _non_empty_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True
