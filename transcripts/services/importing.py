"""THE writer of a transcript: one transaction puts it, its paragraphs and what it adds
to the catalogue in the database, records it in the trail and announces the change.

The command and the admin upload both call ``import_transcript`` with what the pipeline
prepared (transcripts.pipeline); the catalogue's rows (show, episode, speakers,
appearances, topics) are written by episodes.services.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import psycopg
from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import Max

from episodes import services as catalogue
from episodes import trail
from episodes.models import Appearance, Episode, Show, Speaker
from episodes.signals import announce_archive_change
from transcripts.attribution.names import is_unnamed_voice
from transcripts.errors import TranscriptImportError
from transcripts.models import Transcript
from transcripts.parsed import EpisodeMetadata
from transcripts.pipeline import (
    PreparedTranscript,
    check_new_episode_details,
    check_size,
    given_details,
    new_episode_details,
    prepare_transcript,
)
from transcripts.services.paragraphs import write_paragraphs
from transcripts.services.versions import drop_appearances_of_other_versions

IMPORTED, REPLACED, UNCHANGED = "imported", "replaced", "unchanged"


@dataclass
class ImportResult:
    status: str  # imported, replaced or unchanged
    episode: Episode
    transcript: Transcript
    warnings: list[str] = field(default_factory=list)
    segment_count: int = 0
    dry_run: bool = False
    # "'Jon Smith' looked like 'John Smith': kept apart; ...": labels that became new
    # speakers although someone in the catalogue has a similar name.
    near_misses: list[str] = field(default_factory=list)


class _DryRunRollback(Exception):
    pass


def import_transcript(
    data: bytes,
    *,
    filename: str | None = None,
    episode: Episode | None = None,
    show: Show | str | None = None,
    format: str | None = None,
    replace: bool = False,
    publish: bool | None = True,
    user=None,
    speakers: dict | None = None,
    roles: dict | None = None,
    topics=None,
    episode_details: EpisodeMetadata | None = None,
    title: str | None = None,
    air_date: date | None = None,
    dry_run: bool = False,
    prepared: PreparedTranscript | None = None,
) -> ImportResult:
    """Import one transcript file; it lands whole or raises TranscriptImportError.

    ``speakers`` maps a source label to the Speaker to use (None: create one);
    labels it does not mention are matched by name and alternative spellings.
    ``roles`` maps a label to its appearance role, over what the file says.
    ``topics`` (Topic rows, or names for new topics) are added to the episode.
    ``episode_details`` describe a new episode in place of the file's metadata
    (the admin preview lets staff correct them); ``show``, ``title`` and
    ``air_date`` (the command's options) stand in for what the file says. With
    ``dry_run`` everything is done and then rolled back. ``publish``: True
    publishes the episode, False leaves it (or makes it) a draft, None leaves a
    published episode as it is. ``prepared`` is the file as ``prepare_transcript``
    made it, when the caller has it already (the admin preview), so it is not
    parsed again.
    """
    check_size(len(data), filename=filename)
    if prepared is None:
        prepared = prepare_transcript(
            data,
            filename=filename,
            format=format,
            duration_s=_known_duration(episode, episode_details),
        )
    try:
        with transaction.atomic():
            if episode is None:
                details = episode_details or prepared.parsed.metadata
                details = given_details(details, title=title, air_date=air_date)
                episode = _find_or_create_episode(details, show=show, filename=filename)
            catalogue.lock_episode(episode)
            result = _write(
                data,
                prepared,
                episode,
                filename=filename,
                replace=replace,
                publish=publish,
                user=user,
                speaker_choices=speakers or {},
                roles=roles or {},
                topics=list(topics or []),
            )
            if dry_run:
                result.dry_run = True
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    except IntegrityError as error:
        raise TranscriptImportError(_integrity_message(error), filename=filename) from error
    except DataError as error:
        first_line = (str(error).strip().splitlines() or ["a value"])[0]
        raise TranscriptImportError(
            f"the database refused a value of this file ({first_line}); nothing was saved",
            filename=filename,
        ) from error
    return result


# Constraints two imports of one episode at once collide on: the loser is told so.
_RACE_CONSTRAINTS = (
    "episode_date_slug_unique",
    "transcript_one_current_per_episode",
    "transcript_version_unique",
    "appearance_once_per_episode",
)


def _integrity_message(error):
    constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None) or ""
    if any(name in constraint or name in str(error) for name in _RACE_CONSTRAINTS):
        return (
            "another import of this episode finished first; nothing of this one was saved: "
            "try again (with --replace, or Import/Replace in the admin, to make this file "
            "the new version)"
        )
    return (
        f"the database refused the transcript ({constraint or 'a constraint'}); nothing was saved"
    )


def _known_duration(episode, episode_details):
    """The duration untimed text is spread over: the episode's, or the one staff gave."""
    if episode is not None:
        return episode.duration_s
    return episode_details.duration_s if episode_details else None


def _write(
    data, prepared, episode, *, filename, replace, publish, user, speaker_choices, roles, topics
):
    sha256 = hashlib.sha256(data).hexdigest()
    current = episode.transcripts.select_for_update().filter(is_current=True).first()
    if current is not None and current.source_sha256 == sha256:
        return ImportResult(
            UNCHANGED,
            episode,
            current,
            ["This file is already the episode's transcript."],
            current.segments.count(),
        )
    if current is not None and not replace:
        raise TranscriptImportError(
            f"{episode} already has a transcript (version {current.version}); import with "
            f"replace to make this file the new version (the old one is kept)",
            filename=filename,
        )

    speaker_for_label, near_misses = _resolve_speakers(prepared, episode, speaker_choices)
    _hold_speakers(speaker_for_label, filename)
    _add_appearances(prepared, episode, speaker_for_label, roles)
    catalogue.add_topics(episode, topics)

    if current is not None:
        current.is_current = False
        current.save(update_fields=["is_current"])
    last_version = episode.transcripts.aggregate(last=Max("version"))["last"] or 0
    transcript = Transcript.objects.create(
        episode=episode,
        version=last_version + 1,
        is_current=True,
        source_format=prepared.parsed.format,
        source_name=Path(filename).name if filename else "",
        source_sha256=sha256,
        timing=prepared.timing,
        language=prepared.parsed.language,
        imported_by=user if user is not None and user.is_authenticated else None,
        warnings="\n".join(prepared.warnings),
    )
    _store_original(transcript, data)
    write_paragraphs(transcript, prepared.paragraphs, speaker_for_label, replaced=current)

    if current is not None:
        # A new version: the episode's facts are this version's, not the last one's.
        drop_appearances_of_other_versions(transcript, episode)
        catalogue.set_duration(episode, prepared.duration_ms)
    elif not episode.duration_s and prepared.duration_ms:
        catalogue.set_duration(episode, prepared.duration_ms)
    status = REPLACED if current is not None else IMPORTED
    _record_import(transcript, replaced=current, user=user, segments=len(prepared.paragraphs))
    if publish is not None and publish != episode.is_published:
        # Through the one publishing service, so the trail says who published it, and when.
        catalogue.set_published([episode], published=publish, user=user)
        episode.is_published = publish
    announce_archive_change()
    return ImportResult(
        status,
        episode,
        transcript,
        prepared.warnings + near_misses,
        len(prepared.paragraphs),
        near_misses=near_misses,
    )


def _store_original(transcript, data):
    """The file's bytes, sent as a bound binary parameter: through the ORM, Django's
    client-side binding sends them as a hex literal twice their size for PostgreSQL to
    parse (1.2 MB: ~100 ms against ~20 ms, load average ~12)."""
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(
            "UPDATE transcripts_transcript SET original = %b WHERE id = %s", [data, transcript.pk]
        )
    transcript.original = data


def _record_import(transcript, *, replaced, user, segments):
    source = transcript.source_name or "an upload"
    if replaced is None:
        summary = f"Imported {source} as version {transcript.version} ({segments} paragraphs)"
    else:
        summary = (
            f"Replaced version {replaced.version} with {source} as version "
            f"{transcript.version} ({segments} paragraphs); version {replaced.version} is kept"
        )
    trail.record(
        trail.Action.REPLACED if replaced else trail.Action.IMPORTED,
        user=user,
        episode=transcript.episode,
        summary=summary,
        details={
            "transcript": transcript.pk,
            "version": transcript.version,
            "source_name": transcript.source_name,
            "sha256": transcript.source_sha256,
            "replaced_version": replaced.version if replaced else None,
        },
    )


def _find_or_create_episode(metadata, *, show, filename):
    details = new_episode_details(metadata, filename=filename)
    check_new_episode_details(details, show=show, filename=filename)
    return catalogue.find_or_create_episode(
        show=catalogue.find_or_create_show(show or details.show),
        title=details.title,
        air_date=details.air_date,
        duration_s=metadata.duration_s,
        summary=metadata.summary[:500],
        description=metadata.description,
        source_url=metadata.source_url,
    )


def _resolve_speakers(prepared, episode, choices):
    """(speaker for each label, near misses): labels staff did not map are matched
    strictly (Speaker.objects.same_person); a look-alike is reported, not taken."""
    notes = prepared.parsed.speakers
    resolved, near_misses = {}, []
    for label in prepared.labels:
        speaker = choices.get(label)
        if speaker is None and is_unnamed_voice(label):
            # "Speaker 2" of this episode is nobody in the catalogue until staff say who.
            resolved[label] = None
            continue
        if label not in choices:
            role = notes[label].role if label in notes else ""
            match = Speaker.objects.same_person(label, episode=episode, role=role)
            speaker = match.speaker
            if match.near_miss is not None:
                near_misses.append(
                    f"'{label}' looked like '{match.near_miss.name}': kept apart; merge them "
                    "in the admin if they are the same person"
                )
        resolved[label] = speaker or catalogue.add_speaker(label)
    return resolved, near_misses


def _hold_speakers(speaker_for_label, filename):
    """The rows of the speakers the paragraphs go to, held after the episode's as a merge
    holds them (episodes.services.merge_speakers): a merge deleting one meanwhile would
    otherwise fail the import only at its commit, on the deferred foreign key (a server
    error where the admin's preview wraps the import in its own transaction)."""
    wanted = {speaker.pk for speaker in speaker_for_label.values() if speaker is not None}
    held = Speaker.objects.select_for_update().filter(pk__in=wanted).order_by("pk")
    gone = wanted - set(held.values_list("pk", flat=True))
    for label, speaker in speaker_for_label.items():
        if speaker is not None and speaker.pk in gone:
            raise TranscriptImportError(
                f"{speaker.name} ('{label}') was merged into someone else or removed "
                "meanwhile: import the file again",
                filename=filename,
            )


def _add_appearances(prepared, episode, speaker_for_label, roles):
    """Each speaker heard, once, with the role staff chose or the file gave."""
    notes = prepared.parsed.speakers
    appearances, corrected_roles = {}, {}
    for label, speaker in speaker_for_label.items():
        if speaker is None:
            continue
        note = notes.get(label)
        role = roles.get(label) or (note.role if note else Appearance.Role.OTHER)
        if label in roles:
            # A role staff chose in the preview corrects the one on record.
            corrected_roles[speaker.pk] = role
        appearances.setdefault(
            speaker.pk,
            Appearance(
                episode=episode,
                speaker=speaker,
                role=role,
                introduced_as=note.introduced_as[:300] if note else "",
            ),
        )
    catalogue.add_appearances(episode, appearances.values(), corrected_roles=corrected_roles)
