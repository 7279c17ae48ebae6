"""The transcript editor: a page of paragraphs to correct, and the split page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode

from episodes.models import Episode
from staff import editor
from staff.forms import AssignForm, ParagraphFormSet, SplitForm, paragraph_initial
from staff.views.pages import positive_int, render_page, require
from transcripts.errors import TranscriptEditError
from transcripts.services import editing


def _current_transcript(episode_id):
    episode = get_object_or_404(Episode, pk=episode_id)
    transcript = episode.transcripts.current().first()
    if transcript is None:
        raise Http404("This episode has no transcript to edit.")
    return episode, transcript


def transcript_editor(request, episode_id):
    """A page of paragraphs to correct: text, speaker, a run's speaker, split, merge."""
    require(request, "transcripts.change_segment")
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
    return render_page(
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
    landing = outcome.first_position or editor.position_of(
        transcript, rows[0]["segment"] if rows else None
    )
    try:
        if kind == "assign":
            landing = _assign(request, transcript, rows, assign_form) or landing
        elif kind in ("merge", "split"):
            segment = get_object_or_404(transcript.segments, pk=int(target or 0))
            words_before = positive_int(request.POST.get("split_words"))
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


def _assign(request, transcript, rows, assign_form):
    selected = [row["segment"] for row in rows if row.get("selected")]
    if not selected:
        raise TranscriptEditError("Select the paragraphs to assign first.")
    if not assign_form.is_valid():
        raise TranscriptEditError(" ".join(m for ms in assign_form.errors.values() for m in ms))
    speaker = assign_form.cleaned_data["speaker"]
    segments = editor.paragraphs_in_order(transcript, selected)
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
    require(request, "transcripts.change_segment")
    episode, transcript = _current_transcript(episode_id)
    segment = get_object_or_404(transcript.segments.select_related("speaker"), pk=segment_id)
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
    return render_page(
        request,
        "admin/staff/split_paragraph.html",
        f"Split paragraph {segment.position}",
        episode=episode,
        segment=segment,
        form=form,
        back=_editor_url(episode, at=segment.position),
    )
