"""Merge two speakers: choose the other, compare them side by side, choose the survivor."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect

from episodes.models import Speaker
from episodes.services import CatalogueEditError, merge_speakers
from staff.forms import MergeSpeakerForm
from staff.merging import likely_survivor, speaker_side
from staff.views.pages import render_page, require

MERGE_CANDIDATES = 8


def merge_speaker(request, speaker_id):
    """Merge two speakers (say, a caption misspelling and the real name): choose the other,
    see both side by side, choose which survives, confirm."""
    require(request, "episodes.change_speaker", "episodes.delete_speaker")
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
            return render_page(
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
            merge = merge_speakers(gone, into=kept, user=request.user)
        except CatalogueEditError as error:
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
    return render_page(
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
    return Speaker.objects.look_alikes(speaker.name, exclude=speaker, limit=MERGE_CANDIDATES)
