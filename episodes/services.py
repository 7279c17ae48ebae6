"""Every write to the catalogue: shows, episodes, speakers, appearances and topics, speaker
merges and publishing. Each is recorded in the trail (episodes.trail) and announces the
change once it commits (episodes.signals); the importer and the staff screens call these.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from episodes import trail
from episodes.models import (
    Appearance,
    Episode,
    Show,
    Speaker,
    SpeakerSlugRedirect,
    Topic,
)
from episodes.signals import announce_archive_change


class CatalogueEditError(Exception):
    """A change to the catalogue was refused (say, merging a speaker into themselves)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def set_published(episodes, *, published, user=None):
    """Publish (or unpublish) episodes; returns how many changed.

    Unpublished episodes, their transcripts and their paragraphs leave every
    public page, feed, sitemap and search at once: they all read ``published()``.
    """
    if isinstance(episodes, QuerySet):
        ids = episodes.values("pk")
    else:
        ids = [episode.pk for episode in episodes]
    with transaction.atomic():
        changing = list(
            Episode.objects.select_for_update()
            .filter(pk__in=ids)
            .exclude(is_published=published)
            .order_by("pk")
        )
        Episode.objects.filter(pk__in=[e.pk for e in changing]).update(
            is_published=published, updated_at=timezone.now()
        )
        action = trail.Action.PUBLISHED if published else trail.Action.UNPUBLISHED
        trail.record_for_episodes(
            action,
            user=user,
            episodes=changing,
            summary_for=lambda episode: f"{'Published' if published else 'Unpublished'} {episode}",
        )
        if changing:
            announce_archive_change()
    return len(changing)


def lock_episode(episode):
    """Hold the episode's row until the transaction ends, and read it afresh (a writer
    that held it first may have changed it). Every writer of an episode's paragraphs,
    versions or publishing takes it before anything else: the lock order of the search
    words (transcripts/migrations/0009)."""
    episode.refresh_from_db(from_queryset=Episode.objects.select_for_update())
    return episode


def delete_episodes(episodes):
    """Delete episodes with their versions, paragraphs and appearances (the admin's
    deletions). Their rows are held first, in pk order, as every writer of paragraphs
    takes them (transcripts/migrations/0009): the deletion itself removes the paragraphs
    (whose trigger takes the search words' lock) before the episodes' rows, so an editor
    holding one would otherwise wait for a paragraph while the deletion waits for it."""
    ids = episodes.values("pk") if isinstance(episodes, QuerySet) else [e.pk for e in episodes]
    with transaction.atomic():
        locked = Episode.objects.select_for_update().filter(pk__in=ids).order_by("pk")
        Episode.objects.filter(pk__in=list(locked.values_list("pk", flat=True))).delete()


def remember_old_slug(speaker, old_slug):
    """After a speaker's slug changes, /speakers/<old slug>/ keeps leading to them."""
    if old_slug and old_slug != speaker.slug:
        SpeakerSlugRedirect.objects.update_or_create(
            old_slug=old_slug, defaults={"speaker": speaker}
        )
        announce_archive_change()


# --- what an import adds to the catalogue ----------------------------------------------


def find_or_create_show(show):
    """A Show row as it is; a name is the show of that name (any case) or a new one."""
    if isinstance(show, Show):
        return show
    return Show.objects.filter(name__iexact=show).first() or Show.objects.create(name=show)


def find_or_create_episode(*, show, title, air_date, **details):
    """The show's episode of that day and title (any case), or a new draft with ``details``
    (duration_s, summary, description, source_url)."""
    episode = Episode.objects.filter(show=show, air_date=air_date, title__iexact=title).first()
    return episode or Episode.objects.create(
        show=show, title=title, air_date=air_date, is_published=False, **details
    )


def add_speaker(name):
    """A new speaker (the importer matches a label to the catalogue's speakers first)."""
    return Speaker.objects.create(name=name)


def add_appearances(episode, appearances, *, corrected_roles=None):
    """Give ``episode`` the ``appearances`` (unsaved rows, one per speaker) it lacks; a
    speaker who appears already takes the role ``corrected_roles`` gives them, if any."""
    corrected_roles = corrected_roles or {}
    existing = {a.speaker_id: a for a in episode.appearances.all()}
    for speaker_id, role in corrected_roles.items():
        on_record = existing.get(speaker_id)
        if on_record is not None and on_record.role != role:
            on_record.role = role
            on_record.save(update_fields=["role"])
    Appearance.objects.bulk_create(a for a in appearances if a.speaker_id not in existing)


def remove_appearances(episode, *, speaker_ids):
    episode.appearances.filter(speaker_id__in=speaker_ids).delete()


def ensure_appearance(episode, speaker):
    """The speaker appears in the episode (as "other" if they did not yet)."""
    Appearance.objects.get_or_create(
        episode=episode, speaker=speaker, defaults={"role": Appearance.Role.OTHER}
    )


def set_duration(episode, duration_ms):
    """The episode lasts as long as its (current) transcript, in whole seconds."""
    episode.duration_s = max(1, round(duration_ms / 1000))
    episode.save(update_fields=["duration_s", "updated_at"])


def mark_updated(episodes):
    """Sitemaps and feeds date a page by its episode's updated_at."""
    Episode.objects.filter(pk__in=[episode.pk for episode in episodes]).update(
        updated_at=timezone.now()
    )


def record_transcript_change(episode, action, *, user, summary, details):
    """A committed change to an episode's words: dated for sitemaps and feeds, written in
    the trail, and announced so cached pages are forgotten."""
    mark_updated([episode])
    trail.record(action, user=user, episode=episode, summary=summary, details=details)
    announce_archive_change()


def add_topics(episode, topics):
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


# --- merging speakers ------------------------------------------------------------------


@dataclass
class SpeakerMerge:
    speaker: Speaker  # the one kept
    segments: int
    appearances: int
    episodes: int


def merge_speakers(old, *, into, user=None):
    """Fold ``old`` (say, a caption misspelling) into ``into``, then delete ``old``.

    Paragraphs and appearances move (one appearance per episode: where both
    appear, ``into``'s stays); old's name and spellings become alternative
    spellings of ``into``, and /speakers/<old slug>/ redirects to ``into``.
    """
    if old.pk == into.pk:
        raise CatalogueEditError("a speaker cannot be merged into themselves")
    for _ in range(MERGE_ATTEMPTS):
        try:
            return _merge_speakers(old, into, user)
        except _SpeakerGainedEpisodes:
            continue  # rolled back: again, holding the episodes the speaker has now
    raise CatalogueEditError("the speaker kept being given paragraphs: try the merge again")


# A merge is tried again when another writer (a merge into the merged speaker) gave them
# paragraphs in other episodes while it waited for the speakers' rows.
MERGE_ATTEMPTS = 3


class _SpeakerGainedEpisodes(Exception):
    pass


def _merge_speakers(old, into, user):
    with transaction.atomic():
        # The episodes' rows first, as every writer of their paragraphs takes them (the
        # editor holding one would otherwise wait for a paragraph this merge holds).
        episodes = list(_episodes_of(old).select_for_update())
        locked = {
            s.pk: s for s in Speaker.objects.select_for_update().filter(pk__in=[old.pk, into.pk])
        }
        if len(locked) < 2:
            raise CatalogueEditError("one of the two speakers no longer exists")
        old, into = locked[old.pk], locked[into.pk]
        # Chosen before the speaker's row was held, the episodes may be too few: a merge
        # into them committed meanwhile. Held now, the speaker gains no more.
        if not set(_episodes_of(old).values_list("pk", flat=True)) <= {e.pk for e in episodes}:
            raise _SpeakerGainedEpisodes
        # Through the reverse relation: the paragraphs are the transcripts app's rows.
        segments = old.segments.update(speaker=into)
        appearances = _move_appearances(old, into)
        _move_names(old, into)
        SpeakerSlugRedirect.objects.filter(speaker=old).update(speaker=into)
        SpeakerSlugRedirect.objects.update_or_create(old_slug=old.slug, defaults={"speaker": into})
        _fill_blanks(into, old)
        record = {
            "merged": {
                "id": old.pk,
                "name": old.name,
                "slug": old.slug,
                "honorific": old.honorific,
                "affiliation": old.affiliation,
                "bio": old.bio,
            },
            "into": into.pk,
            "segments": segments,
        }
        old.delete()
        mark_updated(episodes)
        summary = f"Merged speaker “{record['merged']['name']}” into “{into.name}”"
        if episodes:
            trail.record_for_episodes(
                trail.Action.SPEAKERS_MERGED,
                user=user,
                episodes=episodes,
                summary_for=lambda episode: summary,
                details=record,
            )
        else:
            trail.record(trail.Action.SPEAKERS_MERGED, user=user, summary=summary, details=record)
        announce_archive_change()
    return SpeakerMerge(into, segments, appearances, len(episodes))


def _episodes_of(speaker):
    return Episode.objects.filter(
        Q(pk__in=Episode.objects.filter(transcripts__segments__speaker=speaker).values("pk"))
        | Q(pk__in=Appearance.objects.filter(speaker=speaker).values("episode"))
    ).order_by("pk")


def _move_appearances(old, into):
    """Old's appearances become into's; where both appeared, into's row stays."""
    kept = {a.episode_id: a for a in Appearance.objects.filter(speaker=into)}
    moved = 0
    for appearance in Appearance.objects.filter(speaker=old):
        twin = kept.get(appearance.episode_id)
        if twin is None:
            appearance.speaker = into
            appearance.save(update_fields=["speaker"])
            moved += 1
            continue
        if not twin.introduced_as and appearance.introduced_as:
            twin.introduced_as = appearance.introduced_as
            twin.save(update_fields=["introduced_as"])
        appearance.delete()
    return moved


def _move_names(old, into):
    """Old's name and spellings become into's alternative spellings (no duplicates)."""
    known = {into.name.casefold()} | {
        name.casefold() for name in into.aliases.values_list("name", flat=True)
    }
    for alias in old.aliases.all():
        if alias.name.casefold() in known:
            alias.delete()
        else:
            alias.speaker = into
            alias.save(update_fields=["speaker"])
            known.add(alias.name.casefold())
    if old.name.casefold() not in known:
        into.aliases.create(name=old.name)


def _fill_blanks(into, old):
    """What only the merged speaker's record said (a bio, an affiliation) is kept."""
    blanks = [
        name
        for name in ("honorific", "affiliation", "bio")
        if not getattr(into, name) and getattr(old, name)
    ]
    for name in blanks:
        setattr(into, name, getattr(old, name))
    if blanks:
        into.save(update_fields=blanks)
