"""Import a transcript: upload, preview, confirm (one call to the importer) or cancel."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from staff.import_forms import NEW_EPISODE, PreviewForm, UploadForm
from staff.models import PendingUpload
from staff.preview import IDENTICAL, build_preview
from staff.uploads import keep_upload, limit_upload_size
from staff.views.pages import episode_admin_url, positive_int, render_page, require
from transcripts.errors import TranscriptImportError
from transcripts.pipeline import prepare_transcript
from transcripts.services import REPLACED, UNCHANGED, import_transcript


@csrf_exempt
def upload_transcript(request):
    """The upload form. The size limit must stand before the body is read, and the
    CSRF check reads it: so the limit goes in first, then the check runs."""
    require(request, "transcripts.add_transcript")
    if request.method == "POST":
        limit_upload_size(request)
    return _upload_transcript(request)


@csrf_protect
def _upload_transcript(request):
    if request.method != "POST":
        form = UploadForm(initial={"episode": request.GET.get("episode")})
        return _upload_page(request, form)
    form = UploadForm(request.POST, request.FILES, refusal=getattr(request, "upload_refusal", None))
    if not form.is_valid():
        return _upload_page(request, form)
    upload, episode = form.cleaned_data["file"], form.cleaned_data["episode"]
    data = upload.read()
    duration_s = episode.duration_s if episode else None
    try:
        # The pure half of the import, once: a file the importer would refuse stops here,
        # and what it makes is kept with the upload for the preview and the confirm.
        prepared = prepare_transcript(
            data,
            filename=upload.name,
            format=form.cleaned_data["format"] or None,
            duration_s=duration_s,
        )
    except TranscriptImportError as error:
        form.add_error("file", str(error))
        return _upload_page(request, form)
    pending = keep_upload(
        user=request.user,
        file_name=upload.name,
        data=data,
        prepared=prepared,
        duration_s=duration_s,
        episode=episode,
        show=form.cleaned_data["show"],
        format=form.cleaned_data["format"],
    )
    return redirect("admin:episodes_episode_import_preview", token=pending.token)


def _upload_page(request, form):
    return render_page(request, "admin/staff/import_upload.html", "Import a transcript", form=form)


def import_preview(request, token):
    """The preview; its buttons update it, confirm it (one import) or cancel it."""
    require(request, "transcripts.add_transcript")
    pending = get_object_or_404(PendingUpload.objects.of(request.user), token=token)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        return _cancel(request, pending)
    try:
        preview = build_preview(
            pending,
            as_new=request.POST.get("target") == NEW_EPISODE,
            duration_s=positive_int(request.POST.get("duration_s")),
        )
    except TranscriptImportError as error:
        pending.delete()
        messages.error(request, f"The file was refused, nothing was saved: {error}")
        return redirect("admin:episodes_episode_import")

    form = PreviewForm(preview, request.POST or None)
    if form.target_changed():
        form = PreviewForm(preview)  # redrawn for the other episode: check it, then confirm
    elif form.is_bound and form.is_valid() and request.POST.get("action") == "confirm":
        episode = _confirm(request, pending, preview, form)
        if episode is not None:
            return redirect(episode_admin_url(episode))
    return render_page(
        request,
        "admin/staff/import_preview.html",
        f"Preview: {pending.file_name}",
        preview=preview,
        form=form,
    )


def _confirm(request, pending, preview, form):
    """Import through the service; its refusal goes on the form and nothing is saved."""
    if preview.outcome == IDENTICAL:
        form.add_error(None, "This file is already the episode’s transcript: nothing to do.")
        return None
    if preview.episode is None and not request.user.has_perm("episodes.add_episode"):
        form.add_error(None, "You may not create episodes: choose an existing one.")
        return None
    try:
        with transaction.atomic():
            if not PendingUpload.objects.claim(pending):
                form.add_error(None, "This upload was already confirmed or cancelled.")
                return None
            result = import_transcript(
                bytes(pending.data),
                filename=pending.file_name,
                episode=preview.episode,
                format=pending.format or None,
                replace=preview.current_version is not None,
                user=request.user,
                prepared=preview.prepared,
                **form.import_arguments(),
            )
            pending.delete()
    except TranscriptImportError as error:
        form.add_error(None, f"Nothing was saved: {error}")
        return None
    messages.success(request, _what_happened(result, preview, form, pending.file_name))
    return result.episode


def _what_happened(result, preview, form, file_name):
    """The result page repeats the preview's promise, in the past tense."""
    episode, version = result.episode, result.transcript.version
    if result.status == UNCHANGED:
        return f"Nothing imported: {file_name} is already the transcript of “{episode}”."
    if result.status == REPLACED:
        done = f"Saved {file_name} as version {version} of “{episode}”: {preview.diff}."
    else:
        paragraphs = result.segment_count
        done = f"Saved {file_name} as a new episode, “{episode}” ({paragraphs} paragraphs)."
        if form.new_show_name:
            done += f" The new show “{episode.show}” was created."
    if episode.is_published:
        return f"{done} The episode is published."
    return f"{done} The episode is a draft: only staff see it."


def _cancel(request, pending):
    episode = pending.episode
    pending.delete()
    messages.info(request, f"Import of {pending.file_name} cancelled: nothing was saved.")
    if episode is not None:
        return redirect(episode_admin_url(episode))
    return redirect("admin:episodes_episode_changelist")
