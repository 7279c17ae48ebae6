"""Podcasting 2.0 JSON transcripts (``podcast:transcript`` type application/json).

    {"version": "1.0.0",
     "segments": [{"speaker": "Darth Vader", "startTime": 0.5, "endTime": 0.75, "body": "I"}, ...]}

Times are seconds (floats). Many files give one word per segment; consecutive
segments of one speaker are joined back into sentences: a new cue starts at a change
of speaker or after a segment ending a sentence. A cue starts at its first segment's
start and ends at its last segment's end (or, without ``endTime``, where the next
segment starts).
"""

import json
import math
from dataclasses import dataclass

from transcripts.errors import TranscriptFormatError
from transcripts.parsed import Cue, ParsedTranscript

FORMAT = "json"

SENTENCE_END = (".", "?", "!", "…")
# Closing quotes and brackets may follow the full stop: 'he said "no."'
CLOSERS = "\"'”’)]»"
# Tokens glued to the word before them: punctuation and contractions ("it" + "'s").
NO_SPACE_BEFORE = tuple(".,;:!?%)]}…»”’") + ("'", "n't")
NO_SPACE_AFTER = tuple("([{«“")


@dataclass
class Segment:
    number: int  # 1-based position in "segments", for messages
    speaker: str | None
    start_ms: int
    end_ms: int | None
    body: str
    stage: bool = False  # our exports mark stage directions with "kind": "stage"
    # Our exports' flags, outside the Podcasting 2.0 schema: a speaker worked out
    # from what was said, and a time estimated from word counts.
    inferred: bool = False
    estimated: bool = False


def parse(text: str) -> ParsedTranscript:
    document = _load(text)
    parsed = ParsedTranscript(format=FORMAT, cues=[])
    segments = []
    for number, raw in enumerate(_segment_list(document), start=1):
        segment = _read_segment(raw, number)
        if segment.body:
            segments.append(segment)
        else:
            parsed.warnings.append(f"segment {number} has no text; skipped")
    _carry_speakers(segments)
    parsed.cues = _join_into_cues(segments)
    parsed.times_estimated = any(segment.estimated for segment in segments)
    return parsed


def _load(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        # Some messages end "starting at" already: "... starting at column 76", not "at at".
        where = f"column {error.colno}" if error.msg.endswith(" at") else f"at column {error.colno}"
        raise TranscriptFormatError(
            f"not valid JSON ({error.msg} {where}); the file may be cut short",
            line=error.lineno,
        ) from None
    except RecursionError:
        raise TranscriptFormatError(
            "not a Podcasting 2.0 transcript: the JSON is nested too deeply"
        ) from None
    except ValueError as error:  # a number of thousands of digits (Python's int limit)
        raise TranscriptFormatError(f"not readable JSON: {error}") from None


def _segment_list(document) -> list:
    """The segments, or a refusal saying where the shape goes wrong and what is there."""
    expected = "not a Podcasting 2.0 JSON transcript: expected an object with a 'segments' list"
    if not isinstance(document, dict):
        raise TranscriptFormatError(f"{expected}; the top level is {_kind_of(document)}")
    if "segments" not in document:
        keys = ", ".join(repr(key) for key in list(document)[:8]) or "none"
        raise TranscriptFormatError(f"{expected}; the object has no 'segments' (its keys: {keys})")
    if not isinstance(document["segments"], list):
        raise TranscriptFormatError(
            f"{expected}; 'segments' is {_kind_of(document['segments'])}, not a list"
        )
    return document["segments"]


def _kind_of(value) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number" if isinstance(value, int | float) else "a value")


def _read_segment(raw, number: int) -> Segment:
    def refuse(problem):
        return TranscriptFormatError(f"segment {number} {problem}", cue=number)

    if not isinstance(raw, dict):
        raise refuse(f"is {_kind_of(raw)}, not an object with 'startTime' and 'body'")
    body = raw.get("body")
    if not isinstance(body, str):
        raise refuse("has no 'body' text")
    if "startTime" not in raw:
        raise refuse("has no 'startTime'")
    start_ms = _milliseconds(raw["startTime"])
    if start_ms is None:
        raise refuse(
            f"has an unreadable startTime {raw['startTime']!r}: expected seconds, e.g. 12.5"
        )
    end_ms = None
    if raw.get("endTime") is not None:
        end_ms = _milliseconds(raw["endTime"])
        if end_ms is None:
            raise refuse(
                f"has an unreadable endTime {raw['endTime']!r}: expected seconds, e.g. 12.5"
            )
        if end_ms < start_ms:
            raise refuse(f"ends ({raw['endTime']}) before it starts ({raw['startTime']})")
    speaker = raw.get("speaker")
    speaker = (speaker.strip() or None) if isinstance(speaker, str) else None
    flags = {
        "stage": raw.get("kind") == "stage",
        "inferred": raw.get("inferred") is True,
        "estimated": raw.get("estimated") is True,
    }
    return Segment(number, speaker, start_ms, end_ms, " ".join(body.split()), **flags)


def _milliseconds(value) -> int | None:
    """Seconds (a number, or a numeric string some tools write) -> ms; None if unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        return None
    # Seconds past any real episode (100 days) are a broken file, not a long show.
    if value > 100 * 24 * 3600:
        return None
    return round(value * 1000)


def _carry_speakers(segments: list[Segment]):
    """A segment without a speaker continues the previous one's."""
    previous = None
    for segment in segments:
        if segment.speaker is None:
            segment.speaker = previous
        previous = segment.speaker


def _join_into_cues(segments: list[Segment]) -> list[Cue]:
    cues = []
    group: list[Segment] = []
    for index, segment in enumerate(segments):
        group.append(segment)
        following = segments[index + 1] if index + 1 < len(segments) else None
        if (
            following is None
            or following.speaker != segment.speaker
            or following.stage != segment.stage
            or following.inferred != segment.inferred
            or _ends_sentence(segment.body)
        ):
            cues.append(_cue_from(group, following))
            group = []
    return cues


def _ends_sentence(body: str) -> bool:
    return body.rstrip(CLOSERS).endswith(SENTENCE_END)


def _cue_from(group: list[Segment], following: Segment | None) -> Cue:
    text = group[0].body
    for segment in group[1:]:
        glued = segment.body.startswith(NO_SPACE_BEFORE) or text.endswith(NO_SPACE_AFTER)
        text += segment.body if glued else " " + segment.body
    last = group[-1]
    end_ms = last.end_ms
    if end_ms is None and following is not None:
        end_ms = following.start_ms
    start_ms = group[0].start_ms
    if end_ms is not None and end_ms < start_ms:
        # Segments out of order: better no end than one before the start.
        end_ms = None
    if group[0].stage:
        return Cue(text=text, start_ms=start_ms, end_ms=end_ms, kind="stage")
    return Cue(
        text=text,
        start_ms=start_ms,
        end_ms=end_ms,
        speaker=group[0].speaker,
        speaker_inferred=group[0].inferred,
    )
