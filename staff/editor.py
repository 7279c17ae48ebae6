"""The transcript editor's logic between its forms and ``transcripts.services.editing``.

A page of paragraphs is submitted whole; only the rows staff changed are saved,
each through ``edit_segment``, and a row someone else changed since the page was
drawn is left alone and reported rather than overwritten.
"""

import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator

from episodes.models import Speaker
from staff.forms import row_stamp
from transcripts.errors import TranscriptEditError
from transcripts.services import editing

PARAGRAPHS_PER_PAGE = 50
_WORD = re.compile(r"\S+")


def paragraphs_page(transcript, *, number=None, query="", at=None):
    """A page of the transcript's paragraphs (optionally those containing ``query``).

    ``at`` (a paragraph number) picks the page that shows it.
    """
    segments = transcript.segments.for_reading()
    if query:
        segments = segments.filter(text__unaccent__icontains=query)
    if at is not None and not query:
        number = segments.filter(position__lt=at).count() // PARAGRAPHS_PER_PAGE + 1
    return Paginator(segments, PARAGRAPHS_PER_PAGE).get_page(number)


def speaker_choices(episode, segments):
    """The episode's speakers, and any speaker of the shown paragraphs, for the selects."""
    ids = {s.speaker_id for s in segments if s.speaker_id}
    speakers = Speaker.objects.filter(appearances__episode=episode) | Speaker.objects.filter(
        pk__in=ids
    )
    return [(str(s.pk), s.name) for s in speakers.distinct().order_by("name")]


@dataclass
class EditOutcome:
    saved: list[int] = field(default_factory=list)  # paragraph numbers
    conflicts: list[int] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def first_position(self):
        return min(self.saved + self.conflicts, default=None)


def save_changed_paragraphs(transcript, rows, *, user):
    """Save the rows whose text or speaker staff changed; ``rows`` are cleaned form data."""
    by_id = {
        s.pk: s
        for s in transcript.segments.select_related("speaker").filter(
            pk__in=[row["segment"] for row in rows]
        )
    }
    speakers = Speaker.objects.in_bulk({int(row["speaker"]) for row in rows if row.get("speaker")})
    outcome = EditOutcome()
    for row in rows:
        segment = by_id.get(row["segment"])
        if segment is None:
            continue  # not a paragraph of this transcript (or merged away meanwhile)
        chosen = int(row["speaker"]) if row.get("speaker") else None
        text_changed = " ".join(row["text"].split()) != segment.text
        speaker_changed = chosen != segment.speaker_id
        if not (text_changed or speaker_changed):
            continue
        if row["stamp"] != row_stamp(segment):
            outcome.conflicts.append(segment.position)
            continue
        speaker = speakers.get(chosen) if chosen else None
        if chosen and speaker is None:
            # Chosen from the page's list, then merged away: not "no speaker".
            outcome.refused.append(
                f"Paragraph {segment.position}: the speaker chosen was merged into someone "
                "else or removed meanwhile: choose the speaker again"
            )
            continue
        try:
            editing.edit_segment(
                segment,
                text=row["text"] if text_changed else editing.KEEP,
                speaker=speaker if speaker_changed else editing.KEEP,
                user=user,
            )
        except TranscriptEditError as error:
            outcome.refused.append(f"Paragraph {segment.position}: {error.message}")
        else:
            outcome.saved.append(segment.position)
    return outcome


def mergeable_ids(transcript, segments):
    """The shown paragraphs "Merge with next" works for: a next paragraph, same speaker."""
    segments = list(segments)
    if not segments:
        return set()
    # The paragraph after the page's last one, to know whether the last row can merge.
    after = (
        transcript.segments.filter(position__gt=segments[-1].position)
        .order_by("position")
        .only("position", "speaker_id")
        .first()
    )
    followers = [*segments[1:], after]
    return {
        segment.pk
        for segment, following in zip(segments, followers, strict=True)
        if following is not None
        and following.position == segment.position + 1
        and following.speaker_id == segment.speaker_id
    }


def position_of(transcript, segment_id):
    """The position of one of the transcript's paragraphs, or None."""
    return transcript.segments.filter(pk=segment_id).values_list("position", flat=True).first()


def paragraphs_in_order(transcript, ids):
    """The transcript's paragraphs of these ids, in order."""
    return list(transcript.segments.filter(pk__in=ids).order_by("position"))


def word_offset(text, words_before):
    """The character offset where word number ``words_before`` (0-based) of ``text`` starts."""
    starts = [match.start() for match in _WORD.finditer(text)]
    if not 0 < words_before < len(starts):
        raise TranscriptEditError("put the cursor between two words, with text on each side")
    return starts[words_before]


def split_points(text):
    """Where a paragraph can be cut: before any word but the first.

    Each point is (character offset, a few words either side) for the choice list.
    """
    offsets = [match.start() for match in _WORD.finditer(text)]
    points = []
    for offset in offsets[1:]:
        before = " ".join(text[:offset].split()[-6:])
        after = " ".join(text[offset:].split()[:6])
        points.append((offset, f"…{before} ‖ {after}…"))
    return points
