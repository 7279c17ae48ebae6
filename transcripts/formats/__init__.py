"""One pure parser per format: bytes in, ParsedTranscript out, no database.

``parse_transcript`` is the only entry point the rest of the code uses.
"""

from transcripts.errors import TranscriptFormatError

from . import broadcast_page, plain, podcast_html, podcast_json, srt, vtt
from .decoding import decode_text
from .detect import detect_format
from .labels import tidy_speaker_names

# Short names, shared with the exporters where a format goes both ways.
PARSERS = {
    "vtt": vtt.parse,
    "srt": srt.parse,
    "json": podcast_json.parse,
    "html": podcast_html.parse,
    "txt": plain.parse,
    "page": broadcast_page.parse,
}
FORMATS = tuple(PARSERS)
FORMAT_LABELS = {
    "vtt": "WebVTT",
    "srt": "SubRip (SRT)",
    "json": "Podcasting 2.0 JSON",
    "html": "Podcasting 2.0 HTML",
    "txt": "Plain text with Name: turns",
    "page": "Broadcast page text",
}


def parse_transcript(data: bytes, *, format: str | None = None, filename: str | None = None):
    """Decode, detect (unless ``format`` is given) and parse; raise TranscriptFormatError."""
    if format is not None and format not in PARSERS:
        raise TranscriptFormatError(
            f"unknown format {format!r}; choose one of {', '.join(FORMATS)}", filename=filename
        )
    if not data or not data.strip():
        raise TranscriptFormatError("the file is empty", filename=filename)
    try:
        notes = []
        text = decode_text(data, notes=notes)
        format = format or detect_format(text, filename=filename)
        parsed = PARSERS[format](text)
        parsed.warnings[:0] = notes
    except TranscriptFormatError as error:
        error.filename = error.filename or filename
        raise
    if not parsed.cues:
        raise TranscriptFormatError("the file has no transcript text to import", filename=filename)
    return tidy_speaker_names(parsed)
