"""Podcasting 2.0 HTML transcripts (``podcast:transcript`` type text/html).

    <cite>Sarah:</cite>
    <time>0:53</time>
    <p>Creating good audio is really key ...</p>

Each ``<p>`` is a cue; the latest ``<cite>`` names its speaker (trailing colon
dropped) and the latest ``<time>`` gives its start. A cue ends where the next one
starts; the last has no end (``timing.py`` fills it). The stdlib HTML parser reads
entities and forgives untidy mark-up (``<p>`` without ``</p>``, tags inside ``<p>``).
"""

import re
from html.parser import HTMLParser

from transcripts.errors import TranscriptFormatError
from transcripts.parsed import ESTIMATED_NOTE, Cue, ParsedTranscript

from .labels import take_inferred_mark
from .plain import clock_milliseconds, end_each_at_next_start

FORMAT = "html"

# A "<" not closed by ">" before the next "<" (or the end) opens no tag: it becomes
# "&lt;" before parsing, because the stdlib parser rescans the rest of the text for
# each such one ("<p " x 40,000 took minutes). Linear: each scan stops at the next "<".
UNCLOSED_TAG_OPENING = re.compile(r"<(?=[^<>]*+(?:<|$))")

# Elements whose text is not transcript: never copied into a cue.
HIDDEN_ELEMENTS = frozenset({"script", "style", "head", "title"})
# Elements that separate words when they sit inside a paragraph.
WORD_BREAKING_ELEMENTS = frozenset({"br", "div", "li", "td"})


class _TranscriptReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cues: list[Cue] = []
        self.speaker: str | None = None
        self.inferred = False  # "<cite>Name (inferred):</cite>", as our exports write it
        self.times_estimated = False
        self.start_ms: int | None = None
        # Text being collected for the open <cite>, <time> or <p>, if any.
        self.field: str | None = None
        self.field_text: list[str] = []
        self.field_line = 0
        self.paragraph: list[str] | None = None
        self.hidden_depth = 0
        # Line of the first <cite>, <time> or <p> since the last cue.
        self.cue_line: int | None = None

    def handle_comment(self, data):
        self.times_estimated |= ESTIMATED_NOTE in " ".join(data.split())

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in HIDDEN_ELEMENTS:
            self.hidden_depth += 1
        elif tag in ("cite", "time"):
            self.field, self.field_text, self.field_line = tag, [], line
            self.cue_line = self.cue_line or line
        elif tag == "p":
            self._end_paragraph()  # <p> without </p> before it
            self.paragraph = []
            self.cue_line = self.cue_line or line
        elif tag in WORD_BREAKING_ELEMENTS:
            self.handle_data(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in WORD_BREAKING_ELEMENTS:
            self.handle_data(" ")

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag == self.field == "cite":
            cited = " ".join("".join(self.field_text).split()).rstrip(":").strip()
            cited, self.inferred = take_inferred_mark(cited)
            self.speaker = cited or None
            self.field = None
        elif tag == self.field == "time":
            self.start_ms = self._read_time("".join(self.field_text))
            self.field = None
        elif tag == "p":
            self._end_paragraph()
        elif tag in WORD_BREAKING_ELEMENTS:
            self.handle_data(" ")

    def handle_data(self, data):
        if self.hidden_depth:
            return
        if self.field is not None:
            self.field_text.append(data)
        elif self.paragraph is not None:
            self.paragraph.append(data)

    def close(self):
        super().close()
        self._end_paragraph()

    def _read_time(self, text: str) -> int:
        milliseconds = clock_milliseconds(text)
        if milliseconds is None:
            raise TranscriptFormatError(
                f"unreadable time {text.strip()[:40]!r} in <time>: expected m:ss or h:mm:ss",
                line=self.field_line,
                cue=len(self.cues) + 1,
            )
        return milliseconds

    def _end_paragraph(self):
        if self.paragraph is None:
            return
        text = " ".join("".join(self.paragraph).split())
        self.paragraph = None
        if text:
            self.cues.append(
                Cue(
                    text=text,
                    start_ms=self.start_ms,
                    speaker=self.speaker,
                    speaker_inferred=self.inferred,
                    line=self.cue_line,
                )
            )
            # One <time> gives one cue its start; later paragraphs without one are untimed.
            self.start_ms = None
        self.cue_line = None


def parse(text: str) -> ParsedTranscript:
    reader = _TranscriptReader()
    reader.feed(UNCLOSED_TAG_OPENING.sub("&lt;", text.removeprefix("\ufeff")))
    reader.close()
    if not reader.cues:
        raise TranscriptFormatError("no transcript paragraphs: the HTML has no <p> with text")
    end_each_at_next_start(reader.cues)
    return ParsedTranscript(format=FORMAT, cues=reader.cues, times_estimated=reader.times_estimated)
