"""The episode details a plain-text transcript states before its words.

Two shapes are read: YAML front matter (Markdown files, static-site exports)

    ---
    title: The latest on generics
    date: 2020-08-04
    duration: "50:00"
    show: Go Time
    ---

and a header block of ``Key: value`` lines, perhaps after a title line or a
Markdown ``# Title``, ended by a blank line or the first other line:

    Title: Soft Secession
    Date: 2014-01-31
    Runtime: 00:38:45

``read_header`` returns the metadata and where the transcript starts; a value it
cannot read is a warning naming its line (the import then asks for it), never a
refusal of the whole file. YAML is read with PyYAML's safe loader.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

import yaml

from transcripts.errors import TranscriptFormatError
from transcripts.parsed import EpisodeMetadata

# Header keys as sources write them -> the metadata field each fills.
KEYS = {
    "title": "title",
    "episode": "title",
    "episode title": "title",
    "date": "air_date",
    "air date": "air_date",
    "airdate": "air_date",
    "aired": "air_date",
    "broadcast": "air_date",
    "published": "air_date",
    "pubdate": "air_date",
    "recorded": "air_date",
    "runtime": "duration_s",
    "running time": "duration_s",
    "duration": "duration_s",
    "length": "duration_s",
    "show": "show",
    "podcast": "show",
    "program": "show",
    "programme": "show",
    "series": "show",
    "description": "description",
    "summary": "summary",
    "timing": "timing",
    "url": "source_url",
    "link": "source_url",
    "source": "source_url",
}
_KEYED_LINE = re.compile(r"(?P<key>[A-Za-z][A-Za-z _-]{0,20}):[ \t]*(?P<value>.*)")
_MARKDOWN_TITLE = re.compile(r"#{1,2}[ \t]+(?P<title>\S.{0,300})")
FRONT_MATTER_FENCE = "---"
FRONT_MATTER_LIMIT = 200  # lines: front matter is a header, not a document
DATE_FORMATS = ("%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")
_CLOCK = re.compile(r"(?:(\d{1,3}):)?(\d{1,3}):(\d{2})")
_DURATION_PART = re.compile(
    r"(\d{1,4})[ \t]*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)\b", re.IGNORECASE
)
_SECONDS_PER_UNIT = {"h": 3600, "m": 60, "s": 1}


@dataclass
class Header:
    metadata: EpisodeMetadata = field(default_factory=EpisodeMetadata)
    body_start: int = 0  # index of the first line after the header
    warnings: list[str] = field(default_factory=list)
    times_estimated: bool = False  # "Timing: <ESTIMATED_NOTE>", as our exports write it


def read_header(raw_lines: list[str]) -> Header:
    """The header of a plain-text transcript given as its lines."""
    lines = [line.strip() for line in raw_lines]
    first = _first_non_blank(lines)
    if first is not None and lines[first] == FRONT_MATTER_FENCE:
        return _read_front_matter(lines, raw_lines, first)
    return _read_header_block(lines, first)


def _first_non_blank(lines: list[str]) -> int | None:
    return next((index for index, line in enumerate(lines) if line), None)


def _read_front_matter(lines: list[str], raw_lines: list[str], fence: int) -> Header:
    end = next(
        (
            index
            for index in range(fence + 1, min(len(lines), fence + FRONT_MATTER_LIMIT))
            if lines[index] in (FRONT_MATTER_FENCE, "...")
        ),
        None,
    )
    if end is None:
        raise TranscriptFormatError(
            f"the front matter opened by '---' is not closed by another '---' within "
            f"{FRONT_MATTER_LIMIT} lines",
            line=fence + 1,
        )
    try:
        values = yaml.safe_load("\n".join(raw_lines[fence + 1 : end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "unreadable YAML"
        raise TranscriptFormatError(
            f"the front matter is not valid YAML: {problem}",
            line=fence + 2 + mark.line if mark else fence + 1,
        ) from None
    header = Header(body_start=end + 1)
    if not isinstance(values, dict):
        header.warnings.append(f"line {fence + 1}: the front matter holds no 'key: value' pairs")
        return header
    for key, value in values.items():
        _take(header, str(key), value, line=fence + 2)
    return header


def _read_header_block(lines: list[str], first: int | None) -> Header:
    header = Header()
    if first is None:
        return header
    index = first
    title = _MARKDOWN_TITLE.fullmatch(lines[index])
    next_keyed = index + 1 < len(lines) and _header_key(lines[index + 1])
    if title or (not _header_key(lines[index]) and next_keyed):
        # A title line of its own ("# Title", or plain) right above the keyed lines.
        header.metadata.title = (title.group("title") if title else lines[index]).strip()
        index += 1
        header.body_start = index
    while index < len(lines) and (key := _header_key(lines[index])):
        _take(header, key, _KEYED_LINE.fullmatch(lines[index]).group("value"), line=index + 1)
        index += 1
        header.body_start = index
    return header


def _header_key(line: str) -> str | None:
    match = _KEYED_LINE.fullmatch(line)
    if not match or not match.group("value").strip():
        return None
    key = " ".join(match.group("key").replace("_", " ").split()).casefold()
    return key if key in KEYS else None


def _take(header: Header, key: str, value, *, line: int):
    name = KEYS.get(" ".join(key.replace("_", " ").split()).casefold())
    if name is None or value is None or value == "":
        return
    metadata = header.metadata
    if name == "timing":
        header.times_estimated = "estimated" in str(value).casefold()
    elif name == "air_date":
        metadata.air_date = read_date(value)
        if metadata.air_date is None:
            header.warnings.append(
                f"line {line}: unreadable date {str(value)[:40]!r} (expected e.g. 2014-01-31)"
            )
    elif name == "duration_s":
        metadata.duration_s = read_duration(value)
        if metadata.duration_s is None:
            header.warnings.append(
                f"line {line}: unreadable duration {str(value)[:40]!r} "
                f"(expected e.g. 00:38:45 or 38m 45s)"
            )
    else:
        setattr(metadata, name, " ".join(str(value).split()))


def read_date(value) -> date | None:
    """A date as headers write it: 2014-01-31, 1/31/2014, January 31, 2014 (or a YAML date)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = " ".join(str(value).split())[:40]
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read_duration(value) -> int | None:
    """Seconds from 00:38:45, 38:45, 1h 2m 3s, 45 minutes (YAML may give 38:45 as a number)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None  # YAML 1.1 reads 38:45 as sexagesimal seconds
    text = str(value).strip()[:40]
    clock = _CLOCK.fullmatch(text)
    if clock:
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return (hours * 60 + minutes) * 60 + seconds or None
    parts = _DURATION_PART.findall(text)
    if parts:
        return (
            sum(int(number) * _SECONDS_PER_UNIT[unit[0].lower()] for number, unit in parts) or None
        )
    return None
