"""The trail: who changed what in the archive, and when.

The write services (episodes.services, transcripts.services) call
``record`` inside their own transaction, so a change and its record land together or not
at all. It lives with the catalogue, the lowest app, so that every writer can record
without importing the staff workflow above it. (The model is imported by
episodes/models.py, so Django finds it there.)
"""

from django.conf import settings
from django.db import models
from django.dispatch import Signal
from django.utils import timezone

# Sent with ``action`` and ``episodes`` for every change recorded (inside its transaction):
# what else must follow a change of the archive (email alerts) listens here.
recorded = Signal()


class TrailEntryQuerySet(models.QuerySet):
    def for_episode(self, episode):
        return self.filter(episode=episode).select_related("user")


class TrailEntry(models.Model):
    """Who changed what in the archive, and when: imports, replacements, restores, edits, merges.

    ``details`` holds what a person would need to undo the change by hand
    (the text before, the rows moved).
    """

    class Action(models.TextChoices):
        IMPORTED = "imported", "imported a transcript"
        REPLACED = "replaced", "replaced the transcript"
        RESTORED = "restored", "restored an earlier version"
        EDITED = "edited", "edited a paragraph"
        ASSIGNED = "assigned", "assigned paragraphs to a speaker"
        SPLIT = "split", "split a paragraph"
        JOINED = "joined", "merged two paragraphs"
        SPEAKERS_MERGED = "speakers merged", "merged speakers"
        PUBLISHED = "published", "published"
        UNPUBLISHED = "unpublished", "unpublished"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as text too, so the record outlives the account.
    user_name = models.CharField(max_length=150, blank=True)
    episode = models.ForeignKey(
        "episodes.Episode",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trail",
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    summary = models.CharField(max_length=500)
    details = models.JSONField(default=dict, blank=True)

    objects = TrailEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "trail entry"
        verbose_name_plural = "trail"
        indexes = [models.Index(fields=["episode", "-at"], name="trail_episode_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.who}: {self.summary}"

    @property
    def who(self):
        return self.user_name or "a command (no user)"


Action = TrailEntry.Action


def record(action, *, user=None, episode=None, summary, details=None):
    """Write one trail entry; ``user`` None means a command or script did it."""
    account = _account(user)
    recorded.send(TrailEntry, action=action, episodes=[episode])
    return TrailEntry.objects.create(
        action=action,
        user=account,
        user_name=account.get_username() if account else "",
        episode=episode,
        summary=summary[:500],
        details=details or {},
    )


def record_for_episodes(action, *, user=None, episodes, summary_for, details=None):
    """One entry per episode, for a change that touches many (a speaker merge)."""
    account = _account(user)
    episodes = list(episodes)
    recorded.send(TrailEntry, action=action, episodes=episodes)
    return TrailEntry.objects.bulk_create(
        TrailEntry(
            action=action,
            user=account,
            user_name=account.get_username() if account else "",
            episode=episode,
            summary=summary_for(episode)[:500],
            details=details or {},
        )
        for episode in episodes
    )


def _account(user):
    return user if user is not None and user.is_authenticated else None
