"""THE writer: one transaction puts a transcript, its segments and speakers in the database.

The command and the admin upload both call ``import_transcript``; nothing else
writes Segment rows.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max

from episodes.models import Appearance, Episode, Show, Speaker
from transcripts.errors import TranscriptImportError
from transcripts.models import Segment, Transcript
from transcripts.pipeline import prepare_transcript

IMPORTED, REPLACED, UNCHANGED = "imported", "replaced", "unchanged"
_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class ImportResult:
    status: str  # imported, replaced or unchanged
    episode: Episode
    transcript: Transcript
    warnings: list[str] = field(default_factory=list)
    segment_count: int = 0
    dry_run: bool = False


class _DryRunRollback(Exception):
    pass


def check_size(size, *, filename=None):
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if size > limit:
        raise TranscriptImportError(
            f"the file is {size / 1024 / 1024:.1f} MB, over the {settings.MAX_UPLOAD_MB} MB limit "
            f"(MAX_UPLOAD_MB)",
            filename=filename,
        )


def import_transcript(
    data: bytes,
    *,
    filename: str | None = None,
    episode: Episode | None = None,
    show: Show | str | None = None,
    format: str | None = None,
    replace: bool = False,
    publish: bool = True,
    user=None,
    speakers: dict | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import one transcript file; it lands whole or raises TranscriptImportError.

    ``speakers`` maps a source label to the Speaker to use (None: create one);
    labels it does not mention are matched by name and alternative spellings.
    With ``dry_run`` everything is done and then rolled back.
    """
    check_size(len(data), filename=filename)
    prepared = prepare_transcript(
        data, filename=filename, format=format, duration_s=episode.duration_s if episode else None
    )
    try:
        with transaction.atomic():
            result = _write(
                data,
                prepared,
                filename=filename,
                episode=episode,
                show=show,
                replace=replace,
                publish=publish,
                user=user,
                speaker_choices=speakers or {},
            )
            if dry_run:
                result.dry_run = True
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    except IntegrityError as error:
        raise TranscriptImportError(
            f"the database refused the transcript: {error}", filename=filename
        ) from error
    return result


def _write(data, prepared, *, filename, episode, show, replace, publish, user, speaker_choices):
    sha256 = hashlib.sha256(data).hexdigest()
    episode = episode or _find_or_create_episode(
        prepared.parsed.metadata, show=show, filename=filename
    )
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

    speaker_for_label = _resolve_speakers(prepared, episode, speaker_choices)
    _add_appearances(prepared, episode, speaker_for_label)

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
        original=data,
        timing=prepared.timing,
        language=prepared.parsed.language,
        imported_by=user if user is not None and user.is_authenticated else None,
        warnings="\n".join(prepared.warnings),
    )
    Segment.objects.bulk_create(
        Segment(
            transcript=transcript,
            position=position,
            start_ms=paragraph.start_ms,
            end_ms=paragraph.end_ms,
            speaker=speaker_for_label.get(paragraph.speaker_label),
            speaker_label=paragraph.speaker_label or "",
            speaker_inferred=paragraph.speaker_inferred and bool(paragraph.speaker_label),
            text=paragraph.text,
        )
        for position, paragraph in enumerate(prepared.paragraphs, start=1)
    )

    changed = []
    if not episode.duration_s and prepared.duration_ms:
        episode.duration_s = max(1, round(prepared.duration_ms / 1000))
        changed.append("duration_s")
    if publish and not episode.is_published:
        episode.is_published = True
        changed.append("is_published")
    if changed:
        episode.save(update_fields=[*changed, "updated_at"])
    return ImportResult(
        REPLACED if current is not None else IMPORTED,
        episode,
        transcript,
        prepared.warnings,
        len(prepared.paragraphs),
    )


def _find_or_create_episode(metadata, *, show, filename):
    show = _resolve_show(show or metadata.show, filename=filename)
    stem = Path(filename).stem if filename else ""
    title = metadata.title or _title_from_file_name(stem)
    air_date = metadata.air_date or _date_from_file_name(stem)
    if not title or air_date is None:
        raise TranscriptImportError(
            "the file does not say which episode it is: choose an episode, or give the file "
            "a name like 2025-11-14-episode-title",
            filename=filename,
        )
    episode = Episode.objects.filter(show=show, air_date=air_date, title__iexact=title).first()
    if episode is None:
        episode = Episode.objects.create(
            show=show,
            title=title,
            air_date=air_date,
            duration_s=metadata.duration_s,
            summary=metadata.summary[:500],
            description=metadata.description,
            source_url=metadata.source_url,
            is_published=False,
        )
    return episode


def _resolve_show(show, *, filename):
    if isinstance(show, Show):
        return show
    if not show:
        raise TranscriptImportError(
            "the file does not name its show: choose a show (--show)", filename=filename
        )
    existing = Show.objects.filter(name__iexact=show).first()
    return existing or Show.objects.create(name=show)


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


def _resolve_speakers(prepared, episode, choices):
    notes = prepared.parsed.speakers
    resolved = {}
    for label in prepared.labels:
        if label in choices:
            speaker = choices[label]
        else:
            role = notes[label].role if label in notes else ""
            speaker = Speaker.objects.match_label(label, episode=episode, role=role)
        resolved[label] = speaker or Speaker.objects.create(name=label)
    return resolved


def _add_appearances(prepared, episode, speaker_for_label):
    notes = prepared.parsed.speakers
    existing = set(episode.appearances.values_list("speaker_id", flat=True))
    new_rows = {}
    for label, speaker in speaker_for_label.items():
        if speaker.pk in existing or speaker.pk in new_rows:
            continue
        note = notes.get(label)
        new_rows[speaker.pk] = Appearance(
            episode=episode,
            speaker=speaker,
            role=note.role if note else Appearance.Role.OTHER,
            introduced_as=note.introduced_as[:300] if note else "",
        )
    Appearance.objects.bulk_create(new_rows.values())
