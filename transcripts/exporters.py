"""Segment rows -> the five download formats.

Each writes what its importer reads back, so export then import gives the
same paragraphs, speakers and times (HTML and plain text carry starts only:
a paragraph's end comes back as the next one's start).
"""

import html
import json
import unicodedata

from episodes.clock import clock
from transcripts.parsed import ESTIMATED_NOTE, INFERRED_MARK
from transcripts.reading import display_name

EXPORT_FORMATS = {
    "vtt": ("text/vtt", "vtt"),
    "srt": ("application/x-subrip", "srt"),
    "json": ("application/json", "json"),
    "html": ("text/html", "html"),
    "txt": ("text/plain", "txt"),
}


def _clock(ms, separator="."):
    """00:01:02.450, as WebVTT (and, with a comma, SubRip) write times."""
    return clock(ms, hour_digits=2, millis=True, separator=separator)


def _stamp(ms):
    """1:02:03, or 1:02:03.450 when the time has a fraction of a second."""
    return clock(ms, hour_digits=1, millis=bool(ms % 1000))


def one_line(text):
    """Text on one line: control characters and line or paragraph separators become
    spaces, so a name or paragraph can never start a cue or a turn of its own."""
    return " ".join(
        "".join(
            " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char for char in text
        ).split()
    )


def speaker_name(segment):
    """The name to write; an unattributed paragraph is marked so that it is not read
    back as the previous speaker's (a cue without a voice continues the last one).
    A stage direction has none: it is written as it came, "(LAUGHTER)", and read
    back as one from its own cue."""
    if segment.kind == "stage":
        return ""
    return one_line(display_name(segment))


def _inferred(segment):
    return bool(segment.speaker_inferred and speaker_name(segment))


def _marked_name(segment):
    """The name, with " (inferred)" when it was worked out: no download claims more."""
    return speaker_name(segment) + (INFERRED_MARK if _inferred(segment) else "")


def _cue(number, segment, text, separator="."):
    """A WebVTT or SubRip cue: its number, its times, its text."""
    times = f"{_clock(segment.start_ms, separator)} --> {_clock(segment.end_ms, separator)}"
    return f"{number}\n{times}\n{text}"


def to_vtt(segments, *, estimated=False):
    blocks = ["WEBVTT"] + ([f"NOTE\n{ESTIMATED_NOTE}"] if estimated else [])
    for segment in segments:
        name = speaker_name(segment)
        # "<", ">" and "&" escaped in the voice too: "A>B" would end the tag early.
        classes = ".inferred" if _inferred(segment) else ""
        voice = f"<v{classes} {html.escape(name, quote=False)}>" if name else ""
        text = voice + html.escape(one_line(segment.text), quote=False)
        blocks.append(_cue(segment.position, segment, text))
    return "\n\n".join(blocks) + "\n"


def to_srt(segments, *, estimated=False):
    # SubRip has no comments: the remark is a first cue lasting no time, which players
    # never show and our reader recognises.
    zero = _clock(0, ",")
    blocks = [f"1\n{zero} --> {zero}\n[{ESTIMATED_NOTE}]"] if estimated else []
    for number, segment in enumerate(segments, start=len(blocks) + 1):
        name = _marked_name(segment)
        prefix = f"{name}: " if name else ""
        # A line with "-->" in it is a timing line to every reader: the arrow in the text
        # goes out as "--&gt;", which readers (ours too) show as "-->".
        text = one_line(segment.text).replace("-->", "--&gt;")
        blocks.append(_cue(number, segment, prefix + text, separator=","))
    return "\n\n".join(blocks) + "\n"


def to_json(segments, *, estimated=False):
    document = {
        "version": "1.0.0",
        "segments": [
            {
                "speaker": speaker_name(segment),
                "startTime": segment.start_ms / 1000,
                "endTime": segment.end_ms / 1000,
                "body": segment.text,
                # Not in the Podcasting 2.0 schema (readers ignore unknown keys); ours reads it.
                **({"kind": "stage"} if segment.kind == "stage" else {}),
                **({"estimated": True} if estimated else {}),
                **({"inferred": True} if _inferred(segment) else {}),
            }
            for segment in segments
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_html(segments, *, estimated=False):
    parts = [f"<!-- {ESTIMATED_NOTE} -->"] if estimated else []
    for segment in segments:
        name = _marked_name(segment)
        if name:
            parts.append(f"<cite>{html.escape(name)}:</cite>")
        parts.append(f"<time>{_stamp(segment.start_ms)}</time>")
        parts.append(f"<p>{html.escape(segment.text)}</p>")
    return "\n".join(parts) + "\n"


def to_txt(segments, *, estimated=False):
    paragraphs = [f"Timing: {ESTIMATED_NOTE}"] if estimated else []
    for segment in segments:
        name = _marked_name(segment)
        label = f"{name}: " if name else ""
        paragraphs.append(f"[{_stamp(segment.start_ms)}] {label}{one_line(segment.text)}")
    return "\n\n".join(paragraphs) + "\n"


WRITERS = {"vtt": to_vtt, "srt": to_srt, "json": to_json, "html": to_html, "txt": to_txt}


def export_transcript(transcript, format):
    """The transcript's segments as text in ``format`` (one of EXPORT_FORMATS)."""
    segments = transcript.segments.select_related("speaker").order_by("position")
    return WRITERS[format](list(segments), estimated=transcript.is_estimated)
