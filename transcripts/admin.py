"""The transcripts' admin; restoring a version is a staff page added by staff/admin.py."""

from django.contrib import admin
from django.db.models import Count

from episodes.admin import AnnouncedChangesAdmin
from transcripts.models import Segment, Transcript
from transcripts.services import editing


@admin.register(Transcript)
class TranscriptAdmin(AnnouncedChangesAdmin):
    list_display = [
        "episode",
        "version",
        "is_current",
        "source_format",
        "timing",
        "segment_count",
        "imported_at",
        "imported_by",
    ]
    list_filter = ["is_current", "source_format", "timing"]
    list_select_related = ["episode", "imported_by"]
    search_fields = ["episode__title", "source_name", "source_sha256"]
    date_hierarchy = "imported_at"
    autocomplete_fields = ["episode"]
    # The original bytes and what was derived from them are a record, not a form.
    exclude = ["original"]
    readonly_fields = [
        "episode",
        "version",
        "is_current",
        "source_format",
        "source_name",
        "source_sha256",
        "timing",
        "language",
        "imported_by",
        "imported_at",
        "warnings",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(segment_total=Count("segments"))

    @admin.display(description="segments", ordering="segment_total")
    def segment_count(self, transcript):
        return transcript.segment_total

    def has_add_permission(self, request):
        return False  # transcripts arrive through the import service only

    def has_delete_permission(self, request, obj=None):
        # A version goes with its episode only: deleting one here would leave the
        # episode without its current words, or a restorable version gone, out of the
        # trail (and lock its rows before the episode's, against every writer's order).
        return False


@admin.register(Segment)
class SegmentAdmin(AnnouncedChangesAdmin):
    list_display = [
        "transcript",
        "position",
        "start_ms",
        "speaker",
        "speaker_label",
        "speaker_inferred",
        "short_text",
    ]
    list_filter = ["speaker_inferred", "transcript__is_current"]
    list_select_related = ["transcript__episode", "speaker"]
    search_fields = ["text", "speaker_label", "speaker__name"]
    autocomplete_fields = ["speaker"]
    fields = [
        "transcript",
        "position",
        "start_ms",
        "end_ms",
        "speaker",
        "speaker_label",
        "speaker_inferred",
        "text",
    ]
    # Text and speaker are edited through transcripts.services (recorded in the trail);
    # the rest is what the import made.
    readonly_fields = [
        "transcript",
        "position",
        "start_ms",
        "end_ms",
        "speaker_label",
        "speaker_inferred",
    ]

    @admin.display(description="text")
    def short_text(self, segment):
        return segment.text[:80]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # The editor joins paragraphs (merge with the next), keeping positions whole and
        # the trail written; deleting one here would do neither.
        return False

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in ("text", "speaker")}
        changes = {name: value for name, value in changes.items() if name in form.changed_data}
        editing.edit_segment(obj, user=request.user, **changes)
