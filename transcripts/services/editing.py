"""Staff corrections to saved paragraphs: the only writer of Segment rows besides the import.

Each function is one transaction that also records what it changed in the trail, with
what a person would need to undo it by hand, and announces the change once it commits.
The search index needs no care: ``Segment.search_vector`` is a generated column, so
PostgreSQL rewrites it whenever the text changes. (Merging speakers is the catalogue's:
episodes.services.merge_speakers.)
"""

from django.db import transaction
from django.db.models import F, Max

from episodes import services as catalogue
from episodes import trail
from episodes.models import Episode, Speaker
from transcripts.errors import TranscriptEditError
from transcripts.keys import keys_taken, make_key
from transcripts.models import Segment, Transcript

KEEP = object()  # "leave this as it is", where None means "no speaker"


def edit_segment(segment, *, text=KEEP, speaker=KEEP, user=None):
    """Change a paragraph's text and/or speaker; returns the paragraph as saved."""
    with transaction.atomic():
        _lock_episodes_of([segment.pk])
        if speaker is not KEEP and speaker is not None:
            _lock_speaker(speaker)
        segment = _lock_segment(segment)
        before = _snapshot(segment)
        changed = []
        if text is not KEEP:
            text = _clean(text)
            if not text:
                raise TranscriptEditError(
                    "a paragraph needs some text: to remove one, merge it into a neighbour"
                )
            if text != segment.text:
                segment.text = text
                changed.append("text")
        if speaker is not KEEP and (speaker != segment.speaker or segment.speaker_inferred):
            _attribute(segment, speaker)
            changed += ["speaker", "speaker_label", "speaker_inferred", "kind"]
        if not changed:
            return segment
        segment.save(update_fields=changed)
        episode = segment.transcript.episode
        if speaker is not KEEP and speaker is not None:
            catalogue.ensure_appearance(episode, speaker)
        catalogue.record_transcript_change(
            episode,
            trail.Action.EDITED,
            user=user,
            summary=f"Edited paragraph {segment.position}: {_what_changed(before, segment)}",
            details={"segment": segment.pk, "before": before, "after": _snapshot(segment)},
        )
    return segment


def assign_speaker(segments, *, speaker, user=None):
    """Give a run of paragraphs (of one transcript) to one speaker; returns how many changed."""
    ids = [s.pk for s in segments]
    if not ids:
        raise TranscriptEditError("choose the paragraphs to assign")
    if speaker is None:
        raise TranscriptEditError("choose the speaker to assign the paragraphs to")
    with transaction.atomic():
        _lock_episodes_of(ids)
        _lock_speaker(speaker)
        rows = list(
            Segment.objects.select_for_update(of=("self",))
            .filter(pk__in=ids)
            .select_related("transcript__episode", "speaker")
            .order_by("position")
        )
        if len({row.transcript_id for row in rows}) > 1:
            raise TranscriptEditError("the paragraphs belong to different transcripts")
        changed = [row for row in rows if row.speaker_id != speaker.pk or row.speaker_inferred]
        before = {row.position: _speaker_name(row) for row in changed}
        for row in changed:
            _attribute(row, speaker)
        Segment.objects.bulk_update(
            changed, ["speaker", "speaker_label", "speaker_inferred", "kind"]
        )
        if not changed:
            return 0
        episode = rows[0].transcript.episode
        catalogue.ensure_appearance(episode, speaker)
        positions = sorted(before)
        catalogue.record_transcript_change(
            episode,
            trail.Action.ASSIGNED,
            user=user,
            summary=f"Assigned {_positions(positions)} to {speaker.name}",
            details={
                "speaker": speaker.pk,
                "segments": [row.pk for row in changed],
                "speakers_before": {str(p): name for p, name in before.items()},
            },
        )
    return len(changed)


def split_segment(segment, *, at, user=None):
    """Cut a paragraph in two at character offset ``at`` (between words).

    The second part becomes the next paragraph, with the same speaker; the time
    is shared between the two by their word counts. Returns (first, second).
    """
    with transaction.atomic():
        _lock_episodes_of([segment.pk])
        _lock_transcript(segment.transcript_id)
        segment = _lock_segment(segment)
        head, tail = segment.text[:at].strip(), segment.text[at:].strip()
        between_words = 0 < at < len(segment.text) and (
            segment.text[at - 1].isspace() or segment.text[at].isspace()
        )
        if not (head and tail and between_words):
            raise TranscriptEditError("split a paragraph between two words, with text on each side")
        heads, tails = len(head.split()), len(tail.split())
        span = segment.end_ms - segment.start_ms
        middle = segment.start_ms + span * heads // (heads + tails)
        end_ms = segment.end_ms

        _shift_positions(segment.transcript_id, after=segment.position, by=1)
        segment.text, segment.end_ms = head, middle
        segment.save(update_fields=["text", "end_ms"])
        second = Segment.objects.create(
            transcript_id=segment.transcript_id,
            position=segment.position + 1,
            # The first part keeps the key, so links to the paragraph land on its start.
            key=make_key(tail, _keys_in_use(segment.transcript_id)),
            start_ms=middle,
            end_ms=end_ms,
            speaker=segment.speaker,
            speaker_label=segment.speaker_label,
            speaker_inferred=segment.speaker_inferred,
            kind=segment.kind,
            text=tail,
        )
        catalogue.record_transcript_change(
            segment.transcript.episode,
            trail.Action.SPLIT,
            user=user,
            summary=f"Split paragraph {segment.position} in two ({heads} + {tails} words)",
            details={"segment": segment.pk, "new_segment": second.pk, "text": head + " " + tail},
        )
    return segment, second


def merge_with_next(segment, *, user=None):
    """Join a paragraph and the one after it (same speaker) into one; returns it."""
    with transaction.atomic():
        _lock_episodes_of([segment.pk])
        _lock_transcript(segment.transcript_id)
        first = _lock_segment(segment)
        second = (
            Segment.objects.select_for_update(of=("self",))
            .filter(transcript_id=first.transcript_id, position__gt=first.position)
            .select_related("speaker")
            .order_by("position")
            .first()
        )
        if second is None:
            raise TranscriptEditError(f"paragraph {first.position} is the last: nothing follows it")
        if first.speaker_id != second.speaker_id:
            raise TranscriptEditError(
                f"paragraphs {first.position} and {second.position} have different speakers "
                f"({_speaker_name(first)}, {_speaker_name(second)}): give them one speaker first"
            )
        if first.kind != second.kind:
            raise TranscriptEditError(
                f"paragraph {first.position} or {second.position} is a stage direction and the "
                f"other is speech: they stay apart"
            )
        removed = {**_snapshot(second), "position": second.position, "start_ms": second.start_ms}
        first.text = f"{first.text} {second.text}"
        first.end_ms = max(first.end_ms, second.end_ms)
        # Either part being a guess makes the whole a guess.
        first.speaker_inferred = first.speaker_inferred or second.speaker_inferred
        # Links to the second paragraph now land on the merged one.
        first.former_anchors = [*first.former_anchors, second.anchor, *second.former_anchors]
        second.delete()
        first.save(update_fields=["text", "end_ms", "speaker_inferred", "former_anchors"])
        _shift_positions(first.transcript_id, after=removed["position"], by=-1)
        catalogue.record_transcript_change(
            first.transcript.episode,
            trail.Action.JOINED,
            user=user,
            summary=f"Merged paragraphs {first.position} and {removed['position']}",
            details={"segment": first.pk, "removed": removed},
        )
    return first


# --- helpers ------------------------------------------------------------------------


def _lock_episodes_of(segment_ids):
    """First of all, the rows of the paragraphs' episodes: the lock order every writer
    of the search words keeps (transcripts/migrations/0009)."""
    episodes = Episode.objects.select_for_update(of=("self",)).filter(
        transcripts__segments__in=segment_ids
    )
    list(episodes.order_by("pk").values_list("pk", flat=True))


def _lock_speaker(speaker):
    """Next, the row of the speaker the paragraphs are given to, as a merge takes it
    (episodes.services.merge_speakers): a merge deleting that speaker meanwhile would
    otherwise fail this edit only at its commit, on the deferred foreign key."""
    held = Speaker.objects.select_for_update().filter(pk=speaker.pk).values_list("pk")
    if not list(held):
        raise TranscriptEditError(
            f"{speaker.name} was merged into someone else or removed meanwhile: "
            "choose the speaker again"
        )


def _lock_segment(segment):
    return (
        Segment.objects.select_for_update(of=("self",))
        .select_related("transcript__episode", "speaker")
        .get(pk=segment.pk)
    )


def _lock_transcript(transcript_id):
    """Structural edits (split, merge) of one transcript queue up here, one at a time."""
    Transcript.objects.select_for_update().filter(pk=transcript_id).get()


def _keys_in_use(transcript_id):
    rows = Segment.objects.filter(transcript_id=transcript_id).values_list("key", "former_anchors")
    return keys_taken(rows)


def _shift_positions(transcript_id, *, after, by):
    """Move every paragraph after position ``after`` by ``by`` (+1 or -1).

    PostgreSQL checks the unique (transcript, position) constraint row by row, so
    a plain ``position + 1`` can collide half-way. The rows first jump above every
    position in use, then come down to their new places: neither step collides.
    """
    rows = Segment.objects.filter(transcript_id=transcript_id)
    top = rows.aggregate(top=Max("position"))["top"] or 0
    offset = top + 1
    rows.filter(position__gt=after).update(position=F("position") + offset)
    rows.filter(position__gt=after + offset).update(position=F("position") - offset + by)


def _attribute(segment, speaker):
    if segment.speaker_inferred or not segment.speaker_label:
        # The label was the attribution's guess (or there was none), not the source's
        # words: what staff know replaces it. A label the source wrote is kept.
        segment.speaker_label = speaker.name if speaker else ""
    segment.speaker = speaker
    segment.speaker_inferred = False
    if speaker is not None:
        # Staff giving a stage direction a speaker say those are someone's words.
        segment.kind = Segment.Kind.SPEECH


def _clean(text):
    return " ".join(str(text).split())


def _snapshot(segment):
    return {
        "text": segment.text,
        "speaker": segment.speaker_id,
        "speaker_name": _speaker_name(segment),
    }


def _speaker_name(segment):
    if segment.speaker_id:
        return segment.speaker.name
    return segment.speaker_label or "no speaker"


def _what_changed(before, segment):
    parts = []
    if before["text"] != segment.text:
        parts.append("text")
    if before["speaker"] != segment.speaker_id:
        parts.append(f"speaker {before['speaker_name']} → {_speaker_name(segment)}")
    elif not parts:
        parts.append(f"speaker {_speaker_name(segment)} confirmed")
    return ", ".join(parts)


def _positions(positions):
    if len(positions) == 1:
        return f"paragraph {positions[0]}"
    if positions == list(range(positions[0], positions[-1] + 1)):
        return f"paragraphs {positions[0]}–{positions[-1]}"
    return "paragraphs " + ", ".join(map(str, positions))
