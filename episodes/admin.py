from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse

from episodes.models import (
    Appearance,
    Episode,
    Show,
    Speaker,
    SpeakerAlias,
    SpeakerSlugRedirect,
    Topic,
)
from episodes.services import remember_old_slug, set_published
from staff import views as staff_views
from staff.confirmations import unpublish_consequences
from staff.panel import episode_panel


@admin.register(Show)
class ShowAdmin(admin.ModelAdmin):
    list_display = ["name", "station", "episode_count"]
    ordering = ["name"]  # the import preview's show picker pages through them
    search_fields = ["name", "station"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(episode_total=Count("episodes"))

    @admin.display(description="episodes", ordering="episode_total")
    def episode_count(self, show):
        return show.episode_total


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "episode_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(episode_total=Count("episodes"))

    @admin.display(description="episodes", ordering="episode_total")
    def episode_count(self, topic):
        return topic.episode_total


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


class AppearanceInline(admin.StackedInline):
    """Stacked: each field keeps its own label (the tabular layout leaves them unnamed)."""

    model = Appearance
    extra = 0
    autocomplete_fields = ["speaker"]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "honorific", "affiliation", "appearance_count"]
    search_fields = ["name", "aliases__name", "affiliation"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerAliasInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(appearance_total=Count("appearances"))

    @admin.display(description="appearances", ordering="appearance_total")
    def appearance_count(self, speaker):
        return speaker.appearance_total

    def get_urls(self):
        return [
            path(
                "<int:speaker_id>/merge/",
                self.admin_site.admin_view(staff_views.merge_speaker),
                name="episodes_speaker_merge",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        remember_old_slug(obj, old_slug)

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


@admin.register(SpeakerSlugRedirect)
class SpeakerSlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "speaker", "created_at"]
    search_fields = ["old_slug", "speaker__name"]
    list_select_related = ["speaker"]
    autocomplete_fields = ["speaker"]


@admin.register(Episode)
class EpisodeAdmin(admin.ModelAdmin):
    list_display = ["title", "show", "air_date", "duration_s", "is_published"]
    list_filter = ["is_published", "show", "topics"]
    list_select_related = ["show"]
    search_fields = ["title", "summary", "description"]
    date_hierarchy = "air_date"
    autocomplete_fields = ["topics"]
    prepopulated_fields = {"slug": ["title"]}
    # Publishing goes through the buttons and actions, which record it in the trail.
    readonly_fields = ["is_published", "created_at", "updated_at"]
    inlines = [AppearanceInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["publish", "unpublish"]

    @admin.action(description="Publish selected episodes", permissions=["change"])
    def publish(self, request, queryset):
        changed = set_published(queryset, published=True, user=request.user)
        self.message_user(request, f"{changed} episode(s) published.")

    @admin.action(description="Unpublish selected episodes…", permissions=["change"])
    def unpublish(self, request, queryset):
        """Asks first, saying what leaves the public site, as the episode page's button does."""
        if request.POST.get("confirm") != "yes":
            published = list(queryset.filter(is_published=True).order_by("-air_date"))
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
            return path(pattern, self.admin_site.admin_view(view), name=f"episodes_episode_{name}")

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


@admin.register(Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    list_display = ["speaker", "episode", "role", "introduced_as"]
    list_filter = ["role"]
    list_select_related = ["speaker", "episode"]
    search_fields = ["speaker__name", "episode__title", "introduced_as"]
    autocomplete_fields = ["speaker", "episode"]
