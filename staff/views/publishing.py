"""Publish or unpublish an episode, restore an earlier transcript version: each after a
page saying what it changes on the public site."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect

from episodes.models import Episode
from episodes.services import set_published
from staff.confirmations import restore_consequences, unpublish_consequences
from staff.views.pages import confirm_page, episode_admin_url, require
from transcripts.errors import TranscriptImportError
from transcripts.models import Transcript
from transcripts.services import restore_transcript


def publish_episode(request, episode_id):
    """Publish at once; unpublish only after a page saying what it takes off the site."""
    require(request, "episodes.change_episode")
    episode = get_object_or_404(Episode, pk=episode_id)
    publish = request.method == "POST" and request.POST.get("action") == "publish"
    if not publish and request.POST.get("confirm") != "yes":
        if not episode.is_published:
            return redirect(episode_admin_url(episode))
        return confirm_page(
            request,
            f"Unpublish “{episode}”?",
            consequences=unpublish_consequences([episode]),
            hidden=[("action", "unpublish"), ("confirm", "yes")],
            button="Yes, unpublish it",
            back_url=episode_admin_url(episode),
            episode=episode,
        )
    set_published([episode], published=publish, user=request.user)
    if publish:
        messages.success(request, f"“{episode}” is published.")
    else:
        messages.success(request, f"“{episode}” is unpublished: it is gone from the public site.")
    return redirect(episode_admin_url(episode))


def restore_version(request, transcript_id):
    """Make an earlier version current, after a page saying what that changes."""
    require(request, "transcripts.change_transcript")
    transcript = get_object_or_404(Transcript.objects.select_related("episode"), pk=transcript_id)
    episode = transcript.episode
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        current = episode.transcripts.current().first()
        if transcript == current:
            messages.info(request, f"Version {transcript.version} is already the current one.")
            return redirect(episode_admin_url(episode))
        return confirm_page(
            request,
            f"Restore version {transcript.version} of “{episode}”?",
            consequences=restore_consequences(transcript, current),
            hidden=[("confirm", "yes")],
            button=f"Yes, restore version {transcript.version}",
            back_url=episode_admin_url(episode),
            episode=episode,
        )
    try:
        restore_transcript(transcript, user=request.user)
    except TranscriptImportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Version {transcript.version} is the current transcript again.")
    return redirect(episode_admin_url(episode))
