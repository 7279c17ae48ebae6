"""The pure half of an import: bytes -> paragraphs with speakers and times, no database;
and the checks and defaults of a new episode's details (title and date from a file name).

The admin preview stops here; transcripts.services.import_transcript writes what this returns.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from django.conf import settings

from transcripts.attribution import attribute_unlabelled
from transcripts.errors import TranscriptImportError
from transcripts.formats import parse_transcript
from transcripts.limits import tidy_and_check
from transcripts.parsed import EpisodeMetadata, ParsedTranscript
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


_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def check_size(size, *, filename=None):
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if size > limit:
        raise TranscriptImportError(
            f"the file is {size / 1024 / 1024:.1f} MB, over the {settings.MAX_UPLOAD_MB} MB limit "
            f"(MAX_UPLOAD_MB)",
            filename=filename,
        )


def given_details(details, *, title, air_date):
    """The file's (or staff's) details, with the title and date given for it instead."""
    given = {"title": title, "air_date": air_date}
    return replace(details, **{name: value for name, value in given.items() if value})


def new_episode_details(metadata, *, filename=None) -> EpisodeMetadata:
    """A new episode's details: what the file says, with title and date from its name
    (2025-11-14-episode-title.vtt) where it says nothing."""
    stem = Path(filename).stem if filename else ""
    return replace(
        metadata,
        title=metadata.title or _title_from_file_name(stem),
        air_date=metadata.air_date or _date_from_file_name(stem),
    )


# What a new episode needs, and how to give it where the file does not.
REQUIRED_DETAILS = {"show": "--show NAME", "air date": "--date YYYY-MM-DD", "title": "--title TEXT"}


def missing_details(details, *, show=None) -> list[str]:
    """Which of show, air date and title a new episode would still lack."""
    present = {"show": show or details.show, "air date": details.air_date, "title": details.title}
    return [name for name in REQUIRED_DETAILS if not present[name]]


def check_new_episode_details(details, *, show=None, filename=None):
    """Refuse, naming everything missing at once, a new episode without show, date or title."""
    missing = missing_details(details, show=show)
    if missing:
        # Everything missing at once: one retry, not one per detail.
        options = " ".join(REQUIRED_DETAILS[name] for name in missing)
        raise TranscriptImportError(
            f"the file does not give the episode's {_listed(missing)}: give "
            f"{'it' if len(missing) == 1 else 'them'} with {options} (in the admin, in the "
            f"preview), or choose an existing episode (--episode)",
            filename=filename,
        )


def _listed(names):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _date_from_file_name(stem):
    match = _DATE_IN_NAME.search(stem)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _title_from_file_name(stem):
    words = _DATE_IN_NAME.sub(" ", stem).replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize()
