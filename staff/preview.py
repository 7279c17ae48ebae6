"""What staff see before an upload is saved: everything the import would do, nothing written.

``build_preview`` reads the upload as the pipeline prepared it when it arrived
(parsed once, kept with the PendingUpload) and adds what needs the catalogue:
which episode the file is (chosen, or found by show and date or by title), what
confirming will do to it (a new episode, a new version with its differences, or
nothing), which existing speaker each label probably is, which topics fit.
"""

import hashlib
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from episodes.models import Appearance, Episode, Show, Speaker
from staff import suggestions
from staff.uploads import prepared_upload
from transcripts.parsed import EpisodeMetadata
from transcripts.pipeline import PreparedTranscript, missing_details, new_episode_details

FIRST_PARAGRAPHS = 12


@dataclass
class LabelProposal:
    """A speaker label of the file, and who the import would take it to be."""

    label: str
    role: str
    introduced_as: str
    paragraphs: int
    proposed: Speaker | None  # None: a new speaker of that name
    candidates: list[Speaker] = field(default_factory=list)


@dataclass
class VersionDiff:
    """How a new version differs from the current one, as staff would count it."""

    paragraphs_added: int = 0
    paragraphs_removed: int = 0
    words_added: int = 0
    words_removed: int = 0
    speakers_added: list[str] = field(default_factory=list)
    speakers_removed: list[str] = field(default_factory=list)

    def __str__(self):
        parts = [
            f"{self.paragraphs_added} paragraph(s) added, {self.paragraphs_removed} removed",
            f"{self.words_added} word(s) added, {self.words_removed} removed",
        ]
        if self.speakers_added:
            parts.append("speakers added: " + ", ".join(self.speakers_added))
        if self.speakers_removed:
            parts.append("speakers removed: " + ", ".join(self.speakers_removed))
        return "; ".join(parts)


# What confirming a preview will do.
NEW_EPISODE, NEW_VERSION, IDENTICAL = "new episode", "new version", "identical"


@dataclass
class Preview:
    pending: object  # the PendingUpload
    prepared: PreparedTranscript
    episode: Episode | None  # None: a new episode from ``details``
    details: EpisodeMetadata
    labels: list[LabelProposal]
    current_version: object | None  # the transcript this one would replace
    unchanged: bool  # the file is already the episode's transcript
    named_topics: list
    terms: list[str]
    # Why ``episode`` is this file's when staff did not choose it ("" when they did);
    # ``found`` is that episode even while staff make a new one instead.
    found_by: str = ""
    found: Episode | None = None
    diff: VersionDiff | None = None  # against the current version, for a new version

    @property
    def outcome(self):
        if self.episode is None or self.current_version is None:
            return NEW_EPISODE
        return IDENTICAL if self.unchanged else NEW_VERSION

    @property
    def first_paragraphs(self):
        return self.prepared.paragraphs[:FIRST_PARAGRAPHS]

    @property
    def segment_count(self):
        return len(self.prepared.paragraphs)

    @property
    def duration_ms(self):
        return self.prepared.duration_ms

    @property
    def is_estimated(self):
        return self.prepared.timing == "estimated"

    @property
    def warnings(self):
        return self.prepared.warnings

    @property
    def missing_details(self):
        """What a new episode needs that the file does not give: staff fill it in."""
        return [] if self.episode else missing_details(self.details)


def build_preview(pending, *, as_new=False, duration_s=None):
    """The preview of a PendingUpload; raises TranscriptImportError for a refused file.

    With no episode chosen, an existing episode the file matches is taken, unless
    ``as_new`` (staff chose a new episode instead). ``duration_s`` is the length
    staff gave a new episode, which untimed text is spread over.
    """
    chosen = pending.episode
    if chosen is not None:
        duration_s = chosen.duration_s
    prepared = prepared_upload(pending, duration_s=duration_s)
    details = _details(prepared.parsed.metadata, show=pending.show, filename=pending.file_name)
    found, found_by = (None, "") if chosen else find_episode(details)
    episode = chosen or (None if as_new else found)
    if episode is not None and chosen is None and episode.duration_s != duration_s:
        prepared = prepared_upload(pending, duration_s=episode.duration_s)
    current = episode.transcripts.current().first() if episode else None
    sha256 = hashlib.sha256(bytes(pending.data)).hexdigest()
    unchanged = current is not None and current.source_sha256 == sha256
    labels = propose_speakers(prepared, episode)
    headline = [details.title, details.summary, details.description]
    return Preview(
        pending=pending,
        prepared=prepared,
        episode=episode,
        details=details,
        labels=labels,
        current_version=current,
        unchanged=unchanged,
        found_by=found_by,
        found=found,
        diff=version_diff(current, prepared, labels) if current and not unchanged else None,
        named_topics=list(
            suggestions.topics_named_in([*headline, *(p.text for p in prepared.paragraphs)])
        ),
        terms=suggestions.distinctive_terms(
            [p.text for p in prepared.paragraphs],
            headline=headline,
            leave_out=[
                *prepared.labels,
                *(note.introduced_as for note in prepared.parsed.speakers.values()),
                details.show,
            ],
            episode=episode,
        ),
    )


def find_episode(details):
    """The existing episode a new file is a version of, and why: (episode or None, reason)."""
    show_name = details.show.strip()
    if show_name and details.air_date:
        same_day = Episode.objects.filter(show__name__iexact=show_name, air_date=details.air_date)
        by_title = same_day.filter(title__iexact=details.title.strip()).first()
        if by_title is not None:
            return by_title, "same show, date and title"
        # Two episodes of a show on one day (two hours of a daily show) leave it to staff.
        only = list(same_day[:2])
        if len(only) == 1:
            return only[0], "same show and date"
    if details.title.strip():
        titled = Episode.objects.filter(title__iexact=details.title.strip()).order_by("-air_date")
        match = titled.first()
        if match is not None:
            return match, "same title"
    return None, ""


def version_diff(current, prepared, labels):
    """Paragraphs, words and speakers a new version adds and removes against ``current``."""
    rows = current.segments.select_related("speaker").order_by("position")
    old_texts, old_speakers = [], set()
    for segment in rows:
        old_texts.append(segment.text)
        name = segment.speaker.name if segment.speaker_id else segment.speaker_label
        if name:
            old_speakers.add(name)
    new_texts = [" ".join(p.text.split()) for p in prepared.paragraphs]
    new_speakers = {
        proposal.proposed.name if proposal.proposed else proposal.label for proposal in labels
    }
    diff = VersionDiff(
        speakers_added=sorted(new_speakers - old_speakers),
        speakers_removed=sorted(old_speakers - new_speakers),
    )
    paragraphs = SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    for tag, i1, i2, j1, j2 in paragraphs.get_opcodes():
        if tag == "equal":
            continue
        diff.paragraphs_removed += i2 - i1
        diff.paragraphs_added += j2 - j1
        # Within a changed run, count words: a corrected name is one word, not a paragraph.
        old_words = " ".join(old_texts[i1:i2]).split()
        new_words = " ".join(new_texts[j1:j2]).split()
        words = SequenceMatcher(None, old_words, new_words, autojunk=False)
        for word_tag, a1, a2, b1, b2 in words.get_opcodes():
            if word_tag != "equal":
                diff.words_removed += a2 - a1
                diff.words_added += b2 - b1
    return diff


def propose_speakers(prepared, episode):
    """For each label, the importer's own match and a few look-alikes to choose from."""
    notes = prepared.parsed.speakers
    counts = {}
    for paragraph in prepared.paragraphs:
        if paragraph.speaker_label:
            counts[paragraph.speaker_label] = counts.get(paragraph.speaker_label, 0) + 1
    proposals = []
    for label in prepared.labels:
        note = notes.get(label)
        role = note.role if note else Appearance.Role.OTHER
        proposed = Speaker.objects.match_label(label, episode=episode, role=role)
        alike = Speaker.objects.look_alikes(label)
        candidates = list(dict.fromkeys([s for s in [proposed, *alike] if s is not None]))
        proposals.append(
            LabelProposal(
                label=label,
                role=role,
                introduced_as=note.introduced_as if note else "",
                paragraphs=counts.get(label, 0),
                proposed=proposed,
                candidates=candidates,
            )
        )
    return proposals


def _details(metadata, *, show, filename):
    """A new episode's details as the importer would take them, with the show chosen."""
    details = new_episode_details(metadata, filename=filename)
    return replace(details, show=show.name if isinstance(show, Show) else details.show)
