"""Recording the trail: the writer services call ``record`` inside their own transaction,
so a change and its record land together or not at all."""

from django.dispatch import Signal

from forum_archive.middleware import forget_cached_pages
from staff.models import TrailEntry

Action = TrailEntry.Action
# Sent with ``action`` and ``episodes`` for every change recorded (inside its transaction):
# what else must follow a change of the archive (email alerts) listens here.
recorded = Signal()


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
    forget_cached_pages()  # bulk writes (publishing, merging) send no save signals
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
