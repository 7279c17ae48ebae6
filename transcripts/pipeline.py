"""The pure half of an import: bytes -> paragraphs with speakers and times, no database.

The admin preview stops here; the importer writes what this returns.
"""

from dataclasses import dataclass, field

from transcripts.attribution import attribute_unlabelled
from transcripts.errors import TranscriptImportError
from transcripts.formats import parse_transcript
from transcripts.limits import tidy_and_check
from transcripts.parsed import ParsedTranscript
from transcripts.segmenting import Paragraph, build_paragraphs
from transcripts.stage import split_stage_directions
from transcripts.timing import estimate_times, fill_cue_ends, odd_gaps_and_overlaps


@dataclass
class PreparedTranscript:
    parsed: ParsedTranscript
    paragraphs: list[Paragraph]
    timing: str  # "exact" or "estimated", as Transcript.Timing
    warnings: list[str] = field(default_factory=list)

    @property
    def labels(self):
        """Speaker labels in order of first appearance."""
        return list(dict.fromkeys(p.speaker_label for p in self.paragraphs if p.speaker_label))

    @property
    def duration_ms(self):
        return max((p.end_ms for p in self.paragraphs), default=0)


# Labels transcription services (and our own exports) write for an unknown voice.
_UNKNOWN_LABELS = {"unknown", "unknown speaker", "unidentified speaker", "speaker unknown", "?"}


def is_unknown_label(label):
    return label is not None and label.strip().casefold() in _UNKNOWN_LABELS


def prepare_transcript(data, *, filename=None, format=None, duration_s=None):
    parsed = parse_transcript(data, format=format, filename=filename)
    for cue in parsed.cues:
        if is_unknown_label(cue.speaker):
            cue.speaker = None
    # Stage directions first: they are nobody's words, so never attributed.
    parsed.cues = split_stage_directions(parsed.cues)
    attribute_unlabelled(parsed)
    try:
        tidy_and_check(parsed)  # the names attribution found are checked too
    except TranscriptImportError as error:
        error.filename = error.filename or filename
        raise
    fill_cue_ends(parsed.cues)
    paragraphs = build_paragraphs(parsed.cues)
    duration_s = duration_s or parsed.metadata.duration_s
    # Our own export of estimated times says so: read back, they are still estimates.
    estimated = estimate_times(paragraphs, duration_s=duration_s) or parsed.times_estimated
    warnings = list(parsed.warnings)
    if estimated:
        warnings.append("The source has no times: times are estimated from word counts.")
    else:
        warnings += odd_gaps_and_overlaps(paragraphs)
    unattributed = sum(1 for p in paragraphs if not p.speaker_label and p.kind == "speech")
    if unattributed:
        warnings.append(f"{unattributed} paragraph(s) have no speaker.")
    inferred = sum(1 for p in paragraphs if p.speaker_label and p.speaker_inferred)
    if inferred:
        warnings.append(f"{inferred} paragraph(s) have speakers inferred from what was said.")
    return PreparedTranscript(
        parsed=parsed,
        paragraphs=paragraphs,
        timing="estimated" if estimated else "exact",
        warnings=warnings,
    )
