"""THE writer: one transaction puts a transcript, its segments and speakers in the database.

The command and the admin upload both call ``import_transcript``; besides it only
the staff's corrections (transcripts.editing) write Segment rows. Every write is
recorded in the trail, in the same transaction, and announced once it commits.
"""

import hashlib
import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from episodes import trail
from episodes.models import Appearance, Episode, Show, Speaker, Topic
from episodes.services import set_published
from episodes.signals import announce_archive_change
from transcripts.attribution.names import is_unnamed_voice
from transcripts.errors import TranscriptImportError
from transcripts.formats import parse_transcript
from transcripts.keys import carry_over, keys_for
from transcripts.models import Segment, Transcript
from transcripts.parsed import EpisodeMetadata
from transcripts.pipeline import PreparedTranscript, prepare_transcript

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
    # "'Jon Smith' looked like 'John Smith': kept apart; ...": labels that became new
    # speakers although someone in the catalogue has a similar name.
    near_misses: list[str] = field(default_factory=list)


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
                roles=roles or {},
                topics=list(topics or []),
                episode_details=_given_details(
                    episode_details or prepared.parsed.metadata, title=title, air_date=air_date
                ),
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


def _given_details(details, *, title, air_date):
    """The file's (or staff's) details, with the title and date given for it instead."""
    given = {"title": title, "air_date": air_date}
    return replace(details, **{name: value for name, value in given.items() if value})


def _known_duration(episode, episode_details):
    """The duration untimed text is spread over: the episode's, or the one staff gave."""
    if episode is not None:
        return episode.duration_s
    return episode_details.duration_s if episode_details else None


def _write(
    data,
    prepared,
    *,
    filename,
    episode,
    show,
    replace,
    publish,
    user,
    speaker_choices,
    roles,
    topics,
    episode_details,
):
    sha256 = hashlib.sha256(data).hexdigest()
    episode = episode or _find_or_create_episode(episode_details, show=show, filename=filename)
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
    _add_appearances(prepared, episode, speaker_for_label, roles)
    _add_topics(episode, topics)

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
    _copy_segments(transcript, prepared.paragraphs, speaker_for_label, replaced=current)

    if current is not None:
        # A new version: the episode's facts are this version's, not the last one's.
        _drop_appearances_of_other_versions(transcript, episode)
        _take_duration(episode, prepared.duration_ms)
    elif not episode.duration_s and prepared.duration_ms:
        _take_duration(episode, prepared.duration_ms)
    status = REPLACED if current is not None else IMPORTED
    _record_import(transcript, replaced=current, user=user, segments=len(prepared.paragraphs))
    if publish is not None and publish != episode.is_published:
        # Through the one publishing service, so the trail says who published it, and when.
        set_published([episode], published=publish, user=user)
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


def new_episode_details(metadata, *, filename=None) -> EpisodeMetadata:
    """A new episode's details: what the file says, with title and date from its name
    (2025-11-14-episode-title.vtt) where it says nothing."""
    stem = Path(filename).stem if filename else ""
    return replace(
        metadata,
        title=metadata.title or _title_from_file_name(stem),
        air_date=metadata.air_date or _date_from_file_name(stem),
    )


SEGMENT_COLUMNS = (
    "transcript_id",
    "position",
    "start_ms",
    "end_ms",
    "speaker_id",
    "speaker_label",
    "speaker_inferred",
    "kind",
    "text",
    "key",
    "former_anchors",
)


def _paragraph_keys(paragraphs, replaced):
    """(key, former anchors) per paragraph: fresh, or carried over from the version
    this one replaces where the words carry over, so links to them keep landing."""
    texts = [paragraph.text for paragraph in paragraphs]
    if replaced is None:
        return [(key, []) for key in keys_for(texts)]
    old = replaced.segments.order_by("position").values_list("key", "former_anchors", "text")
    return carry_over(list(old), texts)


def _copy_segments(transcript, paragraphs, speaker_for_label, *, replaced=None):
    """Write the paragraphs with COPY, in the import's transaction.

    Measured on 5,000 paragraphs: ~15 ms of Python against ~240 ms for
    bulk_create's INSERT. Database errors come out as Django's (IntegrityError...).
    """
    keys = _paragraph_keys(paragraphs, replaced)
    table = Segment._meta.db_table
    columns = ", ".join(SEGMENT_COLUMNS)
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        _gin_pending_list_for_one_import(cursor),
        cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for position, (paragraph, (key, former_anchors)) in enumerate(
            zip(paragraphs, keys, strict=True), start=1
        ):
            speaker = speaker_for_label.get(paragraph.speaker_label)
            copy.write_row(
                (
                    transcript.pk,
                    position,
                    paragraph.start_ms,
                    paragraph.end_ms,
                    speaker.pk if speaker else None,
                    paragraph.speaker_label or "",
                    paragraph.speaker_inferred and bool(paragraph.speaker_label),
                    paragraph.kind,
                    paragraph.text,
                    key,
                    former_anchors,
                )
            )


# The search index's pending list is kept at 256 kB (migration transcripts/0002) so
# that searches never scan a long one; a 5,000-paragraph import would flush it some
# 60 times, one small merge into the index each. For the import's own transaction it
# may grow to 4 MB, and is merged once, before commit, so readers still find it short.
# The storage parameter wins over the gin_pending_list_limit setting, hence ALTER
# INDEX (a lock other imports wait for, which readers and writers of rows do not).
SEARCH_INDEX = "segment_search_vector"
PENDING_LIST_KB = {"readers": 256, "import": 4096}


@contextmanager
def _gin_pending_list_for_one_import(cursor):
    limit = "ALTER INDEX {} SET (gin_pending_list_limit = {})"
    cursor.execute(limit.format(SEARCH_INDEX, PENDING_LIST_KB["import"]))
    yield
    cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
    cursor.execute(limit.format(SEARCH_INDEX, PENDING_LIST_KB["readers"]))


# What a new episode needs, and how to give it where the file does not.
REQUIRED_DETAILS = {"show": "--show NAME", "air date": "--date YYYY-MM-DD", "title": "--title TEXT"}


def missing_details(details, *, show=None) -> list[str]:
    """Which of show, air date and title a new episode would still lack."""
    present = {"show": show or details.show, "air date": details.air_date, "title": details.title}
    return [name for name in REQUIRED_DETAILS if not present[name]]


def _find_or_create_episode(metadata, *, show, filename):
    details = new_episode_details(metadata, filename=filename)
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
    show = _resolve_show(show or details.show, filename=filename)
    title, air_date = details.title, details.air_date
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


def _listed(names):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _resolve_show(show, *, filename):
    if isinstance(show, Show):
        return show
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
        resolved[label] = speaker or Speaker.objects.create(name=label)
    return resolved, near_misses


def _add_appearances(prepared, episode, speaker_for_label, roles):
    notes = prepared.parsed.speakers
    existing = {a.speaker_id: a for a in episode.appearances.all()}
    new_rows = {}
    for label, speaker in speaker_for_label.items():
        if speaker is None:
            continue
        note = notes.get(label)
        role = roles.get(label) or (note.role if note else Appearance.Role.OTHER)
        if speaker.pk in existing:
            # A role staff chose in the preview corrects the one on record.
            if label in roles and existing[speaker.pk].role != role:
                existing[speaker.pk].role = role
                existing[speaker.pk].save(update_fields=["role"])
            continue
        if speaker.pk in new_rows:
            continue
        new_rows[speaker.pk] = Appearance(
            episode=episode,
            speaker=speaker,
            role=role,
            introduced_as=note.introduced_as[:300] if note else "",
        )
    Appearance.objects.bulk_create(new_rows.values())


def _add_topics(episode, topics):
    """Topic rows as they are; a name is an existing topic of that name or a new one."""
    rows = []
    for topic in topics:
        if isinstance(topic, Topic):
            rows.append(topic)
            continue
        name = " ".join(str(topic).split())[:120]
        if name:
            rows.append(
                Topic.objects.filter(name__iexact=name).first() or Topic.objects.create(name=name)
            )
    if rows:
        episode.topics.add(*rows)


def restore_transcript(transcript, *, user=None) -> Transcript:
    """Make an earlier version of an episode's transcript the current one again.

    The version it replaces stays, like every version. The episode's facts follow
    the restored version: its speakers get their appearances back (with the roles its
    file gave), speakers only the other versions had lose theirs, and its duration is
    the restored version's again.
    """
    with transaction.atomic():
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
        _drop_appearances_of_other_versions(transcript, episode)
        last_end = transcript.segments.aggregate(end=Max("end_ms"))["end"]
        if last_end:
            _take_duration(episode, last_end)
        Episode.objects.filter(pk=episode.pk).update(updated_at=timezone.now())
        trail.record(
            trail.Action.RESTORED,
            user=user,
            episode=episode,
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
        announce_archive_change()
    return transcript


def _restore_appearances(transcript, episode):
    labels = dict(
        transcript.segments.exclude(speaker=None).values_list("speaker_id", "speaker_label")
    )
    missing = set(labels) - set(episode.appearances.values_list("speaker_id", flat=True))
    roles = _roles_in_file(transcript) if missing else {}
    Appearance.objects.bulk_create(
        Appearance(
            episode=episode,
            speaker_id=speaker_id,
            role=roles.get(labels[speaker_id], Appearance.Role.OTHER),
        )
        for speaker_id in sorted(missing)
    )


def _roles_in_file(transcript):
    """The roles a version's own file gives its labels ("PETER SAGAL, HOST:")."""
    try:
        parsed = parse_transcript(bytes(transcript.original), format=transcript.source_format)
    except TranscriptImportError:
        return {}
    return {label: note.role for label, note in parsed.speakers.items() if note.role}


def _drop_appearances_of_other_versions(transcript, episode):
    """Speakers heard only in other versions of the episode no longer appear in it.

    Those versions keep their paragraphs (and so their record of who spoke);
    appearances no version accounts for (added by staff) are left alone.
    """
    speakers = Segment.objects.exclude(speaker=None).values_list("speaker_id", flat=True)
    heard_now = set(speakers.filter(transcript=transcript))
    heard_before = set(speakers.filter(transcript__episode=episode).exclude(transcript=transcript))
    episode.appearances.filter(speaker_id__in=heard_before - heard_now).delete()


def _take_duration(episode, duration_ms):
    episode.duration_s = max(1, round(duration_ms / 1000))
    episode.save(update_fields=["duration_s", "updated_at"])
