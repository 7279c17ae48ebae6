"""The staff panel on an episode's admin page: its transcript versions and its trail."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from episodes.trail import TrailEntry

TRAIL_LENGTH = 50


@dataclass
class TrailLine:
    at: datetime
    who: str
    what: str


def episode_panel(request, episode):
    """Context for templates/admin/episodes/episode/change_form.html."""
    user = request.user
    return {
        "transcript_versions": list(
            episode.transcripts.annotate(segment_total=Count("segments"))
            .select_related("imported_by")
            .order_by("-version")
        ),
        "trail": episode_trail(episode),
        "can_import": user.has_perm("transcripts.add_transcript"),
        "can_edit_transcript": user.has_perm("transcripts.change_segment"),
        "can_restore": user.has_perm("transcripts.change_transcript"),
        "can_publish": user.has_perm("episodes.change_episode"),
    }


def episode_trail(episode, *, limit=TRAIL_LENGTH):
    """The staff trail and the admin's own history of the episode, newest first."""
    lines = [
        TrailLine(entry.at, entry.who, entry.summary)
        for entry in TrailEntry.objects.for_episode(episode)[:limit]
    ]
    history = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(episode), object_id=str(episode.pk)
    ).select_related("user")[:limit]
    lines += [
        TrailLine(entry.action_time, entry.user.get_username(), _history_text(entry))
        for entry in history
    ]
    return sorted(lines, key=lambda line: line.at, reverse=True)[:limit]


def _history_text(entry):
    if entry.is_addition():
        return "Added the episode"
    if entry.is_deletion():
        return "Deleted the episode"
    return f"Edited the episode’s details: {entry.get_change_message() or 'no fields changed'}"
