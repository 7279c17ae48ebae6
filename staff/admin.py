"""The staff workflow, mounted on the admin from here: the upload with its preview, the
transcript editor, speaker merges, publishing, restoring a version and the episode panel.

The catalogue's and the transcripts' admins (episodes/admin.py, transcripts/admin.py)
know nothing of the workflow; the classes below extend them and take their places.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.shortcuts import redirect
from django.urls import path, reverse

from episodes import admin as catalogue_admin
from episodes.models import Episode, Speaker
from episodes.services import set_published
from episodes.trail import TrailEntry
from staff import views as staff_views
from staff.confirmations import unpublish_consequences
from staff.panel import episode_panel
from transcripts import admin as transcripts_admin
from transcripts.models import Transcript


def staff_page(model_admin, pattern, view, name):
    """A staff screen under a model's admin pages, behind the admin's login."""
    return path(pattern, model_admin.admin_site.admin_view(view), name=name)


class EpisodeWorkflowAdmin(catalogue_admin.EpisodeAdmin):
    """Episodes with the import, the editor, publishing and the panel of versions and trail."""

    actions = ["publish", "unpublish"]

    @admin.action(description="Publish selected episodes", permissions=["change"])
    def publish(self, request, queryset):
        changed = set_published(queryset, published=True, user=request.user)
        self.message_user(request, f"{changed} episode(s) published.")

    @admin.action(description="Unpublish selected episodes…", permissions=["change"])
    def unpublish(self, request, queryset):
        """Asks first, saying what leaves the public site, as the episode page's button does."""
        if request.POST.get("confirm") != "yes":
            published = list(queryset.published().order_by("-air_date"))
            if not published:
                self.message_user(request, "None of the selected episodes is published.")
                return None
            return staff_views.confirm_page(
                request,
                f"Unpublish {len(published)} episode(s)?",
                consequences=unpublish_consequences(published),
                hidden=[
                    ("action", "unpublish"),
                    ("confirm", "yes"),
                    *((ACTION_CHECKBOX_NAME, e.pk) for e in published),
                ],
                button="Yes, unpublish them",
                back_url=reverse("admin:episodes_episode_changelist"),
            )
        changed = set_published(queryset, published=False, user=request.user)
        self.message_user(request, f"{changed} episode(s) unpublished.")
        return None

    def get_urls(self):
        def route(pattern, view, name):
            return staff_page(self, pattern, view, f"episodes_episode_{name}")

        return [
            route("import/", staff_views.upload_transcript, "import"),
            route("import/<str:token>/", staff_views.import_preview, "import_preview"),
            route("<int:episode_id>/transcript/", staff_views.transcript_editor, "transcript"),
            route(
                "<int:episode_id>/transcript/split/<int:segment_id>/",
                staff_views.split_paragraph,
                "transcript_split",
            ),
            route("<int:episode_id>/publish/", staff_views.publish_episode, "publish"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        episode = self.get_object(request, object_id)
        extra = episode_panel(request, episode) if episode is not None else {}
        return super().change_view(
            request, object_id, form_url, extra_context={**(extra_context or {}), **extra}
        )


class SpeakerWorkflowAdmin(catalogue_admin.SpeakerAdmin):
    """Speakers with the merge page, reached from a row or from two selected."""

    actions = ["merge_selected"]

    def get_urls(self):
        merge = staff_page(
            self, "<int:speaker_id>/merge/", staff_views.merge_speaker, "episodes_speaker_merge"
        )
        return [merge, *super().get_urls()]

    @admin.action(
        description="Merge the two selected speakers…",
        permissions=["change", "delete"],
    )
    def merge_selected(self, request, queryset):
        """Two selected: the merge page shows both and proposes which survives."""
        # Three fetched at most: enough to tell "exactly two" from "more".
        speakers = list(queryset.order_by("pk")[:3])
        if len(speakers) != 2:
            self.message_user(request, "Select exactly two speakers to merge.", "warning")
            return None
        first, second = speakers
        url = reverse("admin:episodes_speaker_merge", args=[first.pk])
        return redirect(f"{url}?with={second.pk}")


class TranscriptWorkflowAdmin(transcripts_admin.TranscriptAdmin):
    """Transcripts with the page that makes an earlier version current again."""

    def get_urls(self):
        restore = staff_page(
            self,
            "<int:transcript_id>/restore/",
            staff_views.restore_version,
            "transcripts_transcript_restore",
        )
        return [restore, *super().get_urls()]


for model, workflow_admin in [
    (Episode, EpisodeWorkflowAdmin),
    (Speaker, SpeakerWorkflowAdmin),
    (Transcript, TranscriptWorkflowAdmin),
]:
    admin.site.unregister(model)
    admin.site.register(model, workflow_admin)


@admin.register(TrailEntry)
class TrailEntryAdmin(admin.ModelAdmin):
    """The whole trail, to read: entries are written by the services only."""

    list_display = ["at", "who", "action", "episode", "summary"]
    list_filter = ["action"]
    list_select_related = ["episode"]
    search_fields = ["summary", "user_name", "episode__title"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The staff home: the archive's name, and only the tables an editor works with.
admin.site.site_header = "Forum Archive: staff"
admin.site.site_title = "Forum Archive staff"
admin.site.index_title = "Staff home"

# Bookkeeping of the project, not the archive: superusers only see them listed.
INTERNAL_TABLES = [
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
    "episodes.SpeakerSlugRedirect",
]


def _superusers_only(request):
    return request.user.is_active and request.user.is_superuser


for label in INTERNAL_TABLES:
    internal = admin.site._registry.get(apps.get_model(label))
    if internal is not None:
        internal.has_module_permission = _superusers_only
