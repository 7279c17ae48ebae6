"""Writes to the catalogue that staff make from the admin, each recorded in the trail and
announced ("the archive changed") once it commits."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from episodes import trail
from episodes.models import Episode, SpeakerSlugRedirect
from episodes.signals import announce_archive_change


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


def remember_old_slug(speaker, old_slug):
    """After a speaker's slug changes, /speakers/<old slug>/ keeps leading to them."""
    if old_slug and old_slug != speaker.slug:
        SpeakerSlugRedirect.objects.update_or_create(
            old_slug=old_slug, defaults={"speaker": speaker}
        )
        announce_archive_change()
