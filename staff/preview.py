"""What staff see before an upload is saved: everything the import would do, nothing written.

``build_preview`` runs the pure pipeline (``prepare_transcript``) on the kept
bytes and adds the proposals that need the catalogue: which existing speaker
each label probably is, which topics fit, whether it replaces a transcript.
"""

import hashlib
from dataclasses import dataclass, field, replace

from episodes.models import Appearance, Episode, Show, Speaker
from staff import suggestions
from transcripts.attribution.names import name_similarity
from transcripts.importer import new_episode_details
from transcripts.parsed import EpisodeMetadata
from transcripts.pipeline import PreparedTranscript, prepare_transcript

FIRST_PARAGRAPHS = 12
CANDIDATES = 6  # existing speakers offered for a label, best first
# Trigrams find a wide pool cheaply (GIN index); the caption-forgiving comparison of
# transcripts.attribution.names ranks it ("Elany Kunaki" is 0.2 alike in trigrams, 0.71 there).
POOL_LIKENESS, POOL_SIZE = 0.15, 50
LIKENESS = 0.4


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


def build_preview(pending):
    """The preview of a PendingUpload; raises TranscriptImportError for a refused file."""
    episode = pending.episode
    prepared = prepare_transcript(
        bytes(pending.data),
        filename=pending.file_name,
        format=pending.format or None,
        duration_s=episode.duration_s if episode else None,
    )
    details = _details(prepared.parsed.metadata, show=pending.show, filename=pending.file_name)
    current = episode.transcripts.filter(is_current=True).first() if episode else None
    sha256 = hashlib.sha256(bytes(pending.data)).hexdigest()
    headline = [details.title, details.summary, details.description]
    return Preview(
        pending=pending,
        prepared=prepared,
        episode=episode,
        details=details,
        labels=propose_speakers(prepared, episode),
        current_version=current,
        unchanged=current is not None and current.source_sha256 == sha256,
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
        alike = look_alikes(label)
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


def look_alikes(name, *, exclude=None, limit=CANDIDATES):
    """Existing speakers whose name (or a spelling of it) looks like ``name``, best first."""
    pool = Speaker.objects.similar_to(name, threshold=POOL_LIKENESS)
    if exclude is not None:
        pool = pool.exclude(pk=exclude.pk)
    scored = [
        (max(speaker.similarity, name_similarity(name, speaker.name)), speaker)
        for speaker in pool[:POOL_SIZE]
    ]
    scored = [(score, s) for score, s in scored if score >= LIKENESS]
    return [s for _, s in sorted(scored, key=lambda pair: (-pair[0], pair[1].name))][:limit]


def _details(metadata, *, show, filename):
    """A new episode's details as the importer would take them, with the show chosen."""
    details = new_episode_details(metadata, filename=filename)
    return replace(details, show=show.name if isinstance(show, Show) else details.show)
