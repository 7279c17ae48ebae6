"""Plain data every parser returns: no Django, no database.

Times are integer milliseconds, or ``None`` when the source has none
(timing.py estimates them later).
"""

from dataclasses import dataclass, field
from datetime import date

from transcripts.sentences import word_count

# What our exports of estimated times say, and our readers recognise, in each format's
# own place for a remark (a WebVTT NOTE, an HTML comment, a zero-length SubRip cue,
# a plain-text header line, a JSON flag on every segment).
ESTIMATED_NOTE = "Times in this file are estimated from word counts, not measured."
# After a speaker's name in SubRip, plain text and HTML: worked out, not given.
INFERRED_MARK = " (inferred)"
# The name shown and exported for a voice nobody named (Segment.speaker_name); imports
# read it back, as transcription services write it, as nobody named.
UNKNOWN_SPEAKER = "Unknown Speaker"


@dataclass
class Cue:
    text: str
    start_ms: int | None = None
    end_ms: int | None = None
    # The speaker label exactly as the source wrote it (after trimming), or None.
    speaker: str | None = None
    # True when the speaker was inferred from what was said, not given by the source.
    speaker_inferred: bool = False
    # 1-based line in the source where the cue starts, for error messages.
    line: int | None = None
    # True when the source marks a change of speaker here without naming anyone
    # (page text's "- ", captions' ">>"): the attribution stage decides who it is,
    # and a paragraph never runs across it.
    turn_start: bool = False
    # True when that change of speaker was read from what was said (a listener's "Hmm."
    # or an answer the source left unmarked), not marked by the source.
    turn_inferred: bool = False
    # "speech", or "stage" for a stage direction such as (LAUGHTER) or [applause]:
    # kept and shown, never attributed, searched or counted as anyone's words.
    kind: str = "speech"

    def __post_init__(self):
        # Only a named speaker can have been inferred: each reader passes its own
        # "inferred" flag and this keeps the rule in one place.
        self.speaker_inferred = self.speaker_inferred and self.speaker is not None


@dataclass
class SpeakerNote:
    """What a source says about a speaker label: role and how they were introduced."""

    label: str
    role: str = "other"  # host, guest, caller, reporter, other
    introduced_as: str = ""  # e.g. "editor-in-chief of Mother Jones"


@dataclass
class EpisodeMetadata:
    show: str = ""
    title: str = ""
    air_date: date | None = None
    duration_s: int | None = None
    summary: str = ""
    description: str = ""
    source_url: str = ""


@dataclass
class ParsedTranscript:
    format: str  # one of transcripts.formats.FORMATS
    cues: list[Cue]
    metadata: EpisodeMetadata = field(default_factory=EpisodeMetadata)
    speakers: dict[str, SpeakerNote] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    language: str = "en"
    # The source says its times are estimates (our own exports of estimated times do).
    times_estimated: bool = False

    @property
    def is_timed(self):
        return bool(self.cues) and all(c.start_ms is not None for c in self.cues)


def share_by_words(start_ms, end_ms, texts):
    """``[(start, end), ...]``: a cue's time shared among pieces of its text by word count.

    An untimed cue gives its start (if any) to the first piece only.
    """
    weights = [max(word_count(text), 1) for text in texts]
    if start_ms is None or end_ms is None:
        return [(start_ms if index == 0 else None, None) for index in range(len(texts))]
    total, before, spans = sum(weights), 0, []
    for weight in weights:
        start = start_ms + (end_ms - start_ms) * before // total
        before += weight
        spans.append((start, start_ms + (end_ms - start_ms) * before // total))
    return spans
