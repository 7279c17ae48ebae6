"""Versions of a transcript: making an earlier one current again, and what the episode
takes from whichever version is current (its speakers' appearances, its duration)."""

from django.db import transaction
from django.db.models import Max

from episodes import services as catalogue
from episodes import trail
from episodes.models import Appearance
from transcripts.errors import TranscriptImportError
from transcripts.formats import parse_transcript
from transcripts.models import Segment, Transcript


def restore_transcript(transcript, *, user=None) -> Transcript:
    """Make an earlier version of an episode's transcript the current one again.

    The version it replaces stays, like every version. The episode's facts follow
    the restored version: its speakers get their appearances back (with the roles its
    file gave), speakers only the other versions had lose theirs, and its duration is
    the restored version's again.
    """
    with transaction.atomic():
        catalogue.lock_episode(transcript.episode)
        versions = Transcript.objects.select_for_update().filter(episode_id=transcript.episode_id)
        current = versions.filter(is_current=True).first()
        transcript = versions.get(pk=transcript.pk)
        if transcript.is_current:
            raise TranscriptImportError(f"version {transcript.version} is already the current one")
        if current is not None:
            # First clear the current flag: only one version may hold it at a time.
            current.is_current = False
            current.save(update_fields=["is_current"])
        transcript.is_current = True
        transcript.save(update_fields=["is_current"])
        episode = transcript.episode
        _restore_appearances(transcript, episode)
        drop_appearances_of_other_versions(transcript, episode)
        last_end = transcript.segments.aggregate(end=Max("end_ms"))["end"]
        if last_end:
            catalogue.set_duration(episode, last_end)
        catalogue.record_transcript_change(
            episode,
            trail.Action.RESTORED,
            user=user,
            summary=(
                f"Restored version {transcript.version}"
                + (f" in place of version {current.version} (kept)" if current else "")
            ),
            details={
                "transcript": transcript.pk,
                "version": transcript.version,
                "previous_version": current.version if current else None,
            },
        )
    return transcript


def _restore_appearances(transcript, episode):
    labels = dict(
        transcript.segments.exclude(speaker=None).values_list("speaker_id", "speaker_label")
    )
    missing = set(labels) - set(episode.appearances.values_list("speaker_id", flat=True))
    roles = _roles_in_file(transcript) if missing else {}
    catalogue.add_appearances(
        episode,
        [
            Appearance(
                episode=episode,
                speaker_id=speaker_id,
                role=roles.get(labels[speaker_id], Appearance.Role.OTHER),
            )
            for speaker_id in sorted(missing)
        ],
    )


def _roles_in_file(transcript):
    """The roles a version's own file gives its labels ("PETER SAGAL, HOST:")."""
    try:
        parsed = parse_transcript(bytes(transcript.original), format=transcript.source_format)
    except TranscriptImportError:
        return {}
    return {label: note.role for label, note in parsed.speakers.items() if note.role}


def drop_appearances_of_other_versions(transcript, episode):
    """Speakers heard only in other versions of the episode no longer appear in it.

    Those versions keep their paragraphs (and so their record of who spoke);
    appearances no version accounts for (added by staff) are left alone.
    """
    speakers = Segment.objects.exclude(speaker=None).values_list("speaker_id", flat=True)
    heard_now = set(speakers.filter(transcript=transcript))
    heard_before = set(speakers.filter(transcript__episode=episode).exclude(transcript=transcript))
    catalogue.remove_appearances(episode, speaker_ids=heard_before - heard_now)
