"""The staff workflow's admin pages. Thin: forms in, a service call, a redirect.

They are mounted by the ModelAdmins' ``get_urls`` (episodes/admin.py,
transcripts/admin.py) behind ``admin_site.admin_view``, so only logged-in staff
reach them; each checks the model permission its change needs.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from episodes.models import Episode, Speaker
from episodes.services import set_published
from staff import editor
from staff.confirmations import restore_consequences, unpublish_consequences
from staff.forms import AssignForm, MergeSpeakerForm, ParagraphFormSet, SplitForm, paragraph_initial
from staff.import_forms import NEW_EPISODE, PreviewForm, UploadForm
from staff.merging import likely_survivor, speaker_side
from staff.models import PendingUpload
from staff.preview import IDENTICAL, build_preview, look_alikes
from staff.uploads import keep_upload, limit_upload_size
from transcripts import editing
from transcripts.errors import TranscriptEditError, TranscriptImportError
from transcripts.importer import REPLACED, UNCHANGED, import_transcript, restore_transcript
from transcripts.models import Segment, Transcript
from transcripts.pipeline import prepare_transcript


def _page(request, template, title, **context):
    context = {**admin.site.each_context(request), "title": title, **context}
    return TemplateResponse(request, template, context)


def _require(request, *permissions):
    if not request.user.has_perms(permissions):
        raise PermissionDenied


def _episode_admin_url(episode):
    return reverse("admin:episodes_episode_change", args=[episode.pk])


# --- import: upload, preview, confirm or cancel -------------------------------------------


@csrf_exempt
def upload_transcript(request):
    """The upload form. The size limit must stand before the body is read, and the
    CSRF check reads it: so the limit goes in first, then the check runs."""
    _require(request, "transcripts.add_transcript")
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
    return _page(request, "admin/staff/import_upload.html", "Import a transcript", form=form)


def import_preview(request, token):
    """The preview; its buttons update it, confirm it (one import) or cancel it."""
    _require(request, "transcripts.add_transcript")
    pending = get_object_or_404(PendingUpload.objects.of(request.user), token=token)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        return _cancel(request, pending)
    try:
        preview = build_preview(
            pending,
            as_new=request.POST.get("target") == NEW_EPISODE,
            duration_s=_positive_int(request.POST.get("duration_s")),
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
            return redirect(_episode_admin_url(episode))
    return _page(
        request,
        "admin/staff/import_preview.html",
        f"Preview: {pending.file_name}",
        preview=preview,
        form=form,
    )


def _positive_int(value):
    return int(value) if value and value.isdigit() and int(value) > 0 else None


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
            # A second click on confirm waits here, then finds the upload gone.
            if not PendingUpload.objects.select_for_update().filter(pk=pending.pk).exists():
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
        return redirect(_episode_admin_url(episode))
    return redirect("admin:episodes_episode_changelist")


# --- publishing and restoring -------------------------------------------------------------


def publish_episode(request, episode_id):
    """Publish at once; unpublish only after a page saying what it takes off the site."""
    _require(request, "episodes.change_episode")
    episode = get_object_or_404(Episode, pk=episode_id)
    publish = request.method == "POST" and request.POST.get("action") == "publish"
    if not publish and request.POST.get("confirm") != "yes":
        if not episode.is_published:
            return redirect(_episode_admin_url(episode))
        return confirm_page(
            request,
            f"Unpublish “{episode}”?",
            consequences=unpublish_consequences([episode]),
            hidden=[("action", "unpublish"), ("confirm", "yes")],
            button="Yes, unpublish it",
            back_url=_episode_admin_url(episode),
            episode=episode,
        )
    set_published([episode], published=publish, user=request.user)
    if publish:
        messages.success(request, f"“{episode}” is published.")
    else:
        messages.success(request, f"“{episode}” is unpublished: it is gone from the public site.")
    return redirect(_episode_admin_url(episode))


def confirm_page(request, title, *, consequences, hidden, button, back_url, episode=None):
    """The one confirmation page: what will change, then a button that does it."""
    return _page(
        request,
        "admin/staff/confirm.html",
        title,
        consequences=consequences,
        hidden=hidden,
        button=button,
        back_url=back_url,
        action_url=request.path,
        episode=episode,
    )


def restore_version(request, transcript_id):
    """Make an earlier version current, after a page saying what that changes."""
    _require(request, "transcripts.change_transcript")
    transcript = get_object_or_404(Transcript.objects.select_related("episode"), pk=transcript_id)
    episode = transcript.episode
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        current = episode.transcripts.current().first()
        if transcript == current:
            messages.info(request, f"Version {transcript.version} is already the current one.")
            return redirect(_episode_admin_url(episode))
        return confirm_page(
            request,
            f"Restore version {transcript.version} of “{episode}”?",
            consequences=restore_consequences(transcript, current),
            hidden=[("confirm", "yes")],
            button=f"Yes, restore version {transcript.version}",
            back_url=_episode_admin_url(episode),
            episode=episode,
        )
    try:
        restore_transcript(transcript, user=request.user)
    except TranscriptImportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Version {transcript.version} is the current transcript again.")
    return redirect(_episode_admin_url(episode))


# --- the transcript editor ----------------------------------------------------------------


def _current_transcript(episode_id):
    episode = get_object_or_404(Episode, pk=episode_id)
    transcript = episode.transcripts.current().first()
    if transcript is None:
        raise Http404("This episode has no transcript to edit.")
    return episode, transcript


def transcript_editor(request, episode_id):
    """A page of paragraphs to correct: text, speaker, a run's speaker, split, merge."""
    _require(request, "transcripts.change_segment")
    episode, transcript = _current_transcript(episode_id)
    query = request.GET.get("q", "").strip()[:200]
    at = request.GET.get("at")
    page = editor.paragraphs_page(
        transcript,
        number=request.GET.get("page"),
        query=query,
        at=int(at) if at and at.isdigit() else None,
    )
    choices = editor.speaker_choices(episode, page.object_list)
    if request.method == "POST":
        formset = ParagraphFormSet(request.POST, form_kwargs={"speaker_choices": choices})
        assign_form = AssignForm(request.POST, speaker_choices=choices)
        if formset.is_valid():
            return _apply_editor_post(request, episode, transcript, formset, assign_form)
    else:
        formset = ParagraphFormSet(
            initial=[paragraph_initial(s) for s in page.object_list],
            form_kwargs={"speaker_choices": choices},
        )
        assign_form = AssignForm(speaker_choices=choices)
    segments = {s.pk: s for s in page.object_list}
    mergeable = editor.mergeable_ids(transcript, page.object_list)
    rows = [(segments.get(_row_segment_id(form)), form) for form in formset.forms]
    return _page(
        request,
        "admin/staff/transcript_editor.html",
        f"Edit the transcript: {episode}",
        episode=episode,
        transcript=transcript,
        page=page,
        rows=[(segment, form, segment.pk in mergeable) for segment, form in rows if segment],
        formset=formset,
        assign_form=assign_form,
        query=query,
        page_query=urlencode({"q": query}) if query else "",
    )


def _row_segment_id(form):
    value = form["segment"].value()
    return int(value) if str(value).isdigit() else None


def _apply_editor_post(request, episode, transcript, formset, assign_form):
    """Save what was typed first (so nothing typed is lost), then do the button's action."""
    rows = [form.cleaned_data for form in formset.forms]
    outcome = editor.save_changed_paragraphs(transcript, rows, user=request.user)
    if outcome.saved:
        messages.success(request, f"Saved paragraph(s) {', '.join(map(str, outcome.saved))}.")
    if outcome.conflicts:
        messages.warning(
            request,
            "Someone else changed paragraph(s) "
            f"{', '.join(map(str, outcome.conflicts))} since this page was shown: your "
            "changes there were not saved. They are shown as they are now; make them again.",
        )
    for refusal in outcome.refused:
        messages.error(request, refusal)

    action = request.POST.get("action", "save")
    kind, _, target = action.partition("-")
    if kind == "page":
        # "next ›" and "‹ previous" are buttons of this form: what was typed is saved first.
        return redirect(_editor_url(episode, page=target, query=request.GET.get("q", "")))
    # Back to where staff were: the first paragraph saved, else the page's first.
    landing = outcome.first_position or _position_of(
        transcript, rows[0]["segment"] if rows else None
    )
    try:
        if kind == "assign":
            landing = _assign(request, transcript, rows, assign_form) or landing
        elif kind in ("merge", "split"):
            segment = get_object_or_404(transcript.segments, pk=int(target or 0))
            words_before = _positive_int(request.POST.get("split_words"))
            if kind == "split" and words_before:
                # The cursor's place, sent by the editor's script as the words before it.
                first, _ = editing.split_segment(
                    segment, at=editor.word_offset(segment.text, words_before), user=request.user
                )
                messages.success(request, f"Split paragraph {first.position} in two.")
                landing = first.position
            elif kind == "split":
                return redirect(
                    "admin:episodes_episode_transcript_split",
                    episode_id=episode.pk,
                    segment_id=segment.pk,
                )
            else:
                merged = editing.merge_with_next(segment, user=request.user)
                messages.success(
                    request, f"Merged paragraphs {merged.position} and {merged.position + 1}."
                )
                landing = merged.position
    except TranscriptEditError as error:
        messages.error(request, error.message)
    return redirect(_editor_url(episode, at=landing, query=request.GET.get("q", "")))


def _position_of(transcript, segment_id):
    return transcript.segments.filter(pk=segment_id).values_list("position", flat=True).first()


def _assign(request, transcript, rows, assign_form):
    selected = [row["segment"] for row in rows if row.get("selected")]
    if not selected:
        raise TranscriptEditError("Select the paragraphs to assign first.")
    if not assign_form.is_valid():
        raise TranscriptEditError(" ".join(m for ms in assign_form.errors.values() for m in ms))
    speaker = assign_form.cleaned_data["speaker"]
    segments = list(transcript.segments.filter(pk__in=selected).order_by("position"))
    changed = editing.assign_speaker(segments, speaker=speaker, user=request.user)
    messages.success(request, f"{changed} paragraph(s) assigned to {speaker.name}.")
    return segments[0].position if segments else None


def _editor_url(episode, *, at=None, query="", page=None):
    url = reverse("admin:episodes_episode_transcript", args=[episode.pk])
    parameters = {"q": query} if query else {}
    if page:
        parameters["page"] = page
    if at is not None:
        parameters["at"] = at
    anchor = f"#seg-{at}" if at is not None else ""
    return f"{url}?{urlencode(parameters)}{anchor}" if parameters else url


def split_paragraph(request, episode_id, segment_id):
    """Choose where to cut a paragraph: before a sentence (or a word)."""
    _require(request, "transcripts.change_segment")
    episode, transcript = _current_transcript(episode_id)
    segment = get_object_or_404(
        Segment.objects.select_related("speaker"), pk=segment_id, transcript=transcript
    )
    points = editor.split_points(segment.text)
    form = SplitForm(request.POST or None, split_points=points)
    if request.method == "POST" and form.is_valid():
        try:
            first, _ = editing.split_segment(segment, at=form.cleaned_data["at"], user=request.user)
        except TranscriptEditError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Split paragraph {first.position} in two.")
            return redirect(_editor_url(episode, at=first.position))
    return _page(
        request,
        "admin/staff/split_paragraph.html",
        f"Split paragraph {segment.position}",
        episode=episode,
        segment=segment,
        form=form,
        back=_editor_url(episode, at=segment.position),
    )


# --- merging speakers -----------------------------------------------------------------------

MERGE_CANDIDATES = 8


def merge_speaker(request, speaker_id):
    """Merge two speakers (say, a caption misspelling and the real name): choose the other,
    see both side by side, choose which survives, confirm."""
    _require(request, "episodes.change_speaker", "episodes.delete_speaker")
    speaker = get_object_or_404(Speaker, pk=speaker_id)
    other = _speaker_or_none(request.POST.get("with") or request.GET.get("with"), not_=speaker)
    if other is None:
        candidates = _merge_candidates(speaker)
        # The likeliest duplicate comes chosen: one click to compare.
        form = MergeSpeakerForm(
            request.POST or None,
            speaker=speaker,
            candidates=candidates,
            initial={"into": str(candidates[0].pk) if candidates else None},
        )
        if not (request.method == "POST" and form.is_valid()):
            return _page(
                request,
                "admin/staff/merge_speaker.html",
                f"Merge “{speaker.name}” with another speaker",
                speaker=speaker,
                form=form,
            )
        return _compare_page(request, speaker, form.cleaned_data["target"])
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        keep = request.POST.get("keep")
        kept, gone = (speaker, other) if keep == str(speaker.pk) else (other, speaker)
        if keep not in (str(speaker.pk), str(other.pk)):
            return _compare_page(request, speaker, other, error="Choose which speaker to keep.")
        try:
            merge = editing.merge_speakers(gone, into=kept, user=request.user)
        except TranscriptEditError as error:
            messages.error(request, error.message)
            return redirect("admin:episodes_speaker_changelist")
        messages.success(
            request,
            f"Merged “{gone.name}” into “{kept.name}”: {merge.segments} paragraph(s) "
            f"in {merge.episodes} episode(s) moved; /speakers/{gone.slug}/ now leads there.",
        )
        return redirect("admin:episodes_speaker_change", kept.pk)
    return _compare_page(request, speaker, other)


def _speaker_or_none(value, *, not_):
    if not (value or "").isdigit() or int(value) == not_.pk:
        return None
    return Speaker.objects.filter(pk=int(value)).first()


def _compare_page(request, speaker, other, *, error=""):
    """Both speakers side by side, the survivor chosen by page history; merging asks here."""
    sides = [speaker_side(speaker), speaker_side(other)]
    survivor = likely_survivor(*sides)
    return _page(
        request,
        "admin/staff/merge_speaker_compare.html",
        f"Merge “{speaker.name}” and “{other.name}”",
        speaker=speaker,
        other=other,
        sides=sides,
        choices=[(side, next(s for s in sides if s is not side)) for side in sides],
        survivor=survivor,
        error=error,
    )


def _merge_candidates(speaker):
    return look_alikes(speaker.name, exclude=speaker, limit=MERGE_CANDIDATES)
