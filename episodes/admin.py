"""The catalogue's admin. The staff workflow (import, editor, merge, publish, the episode
panel) is added on top of these by staff/admin.py: the catalogue knows nothing of it."""

from django.contrib import admin
from django.db import models
from django.db.models import Count

from episodes.models import (
    Appearance,
    Episode,
    Show,
    Speaker,
    SpeakerAlias,
    SpeakerSlugRedirect,
    Topic,
)
from episodes.services import delete_episodes, remember_old_slug
from episodes.signals import announce_archive_change


class AnnouncedChangesAdmin(admin.ModelAdmin):
    """Saves and deletions made here announce "the archive changed" (once the admin's
    atomic view commits), so public pages show them at once, as the services' writes."""

    def save_related(self, request, form, formsets, change):
        # Called after save_model on every add or change: one announcement for the row,
        # its inlines and its many-to-many fields.
        super().save_related(request, form, formsets, change)
        announce_archive_change()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        announce_archive_change()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        announce_archive_change()


@admin.register(Show)
class ShowAdmin(AnnouncedChangesAdmin):
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
class TopicAdmin(AnnouncedChangesAdmin):
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
class SpeakerAdmin(AnnouncedChangesAdmin):
    list_display = ["name", "honorific", "affiliation", "appearance_count"]
    search_fields = ["name", "aliases__name", "affiliation"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(appearance_total=Count("appearances"))

    @admin.display(description="appearances", ordering="appearance_total")
    def appearance_count(self, speaker):
        return speaker.appearance_total

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        remember_old_slug(obj, old_slug)


@admin.register(SpeakerSlugRedirect)
class SpeakerSlugRedirectAdmin(AnnouncedChangesAdmin):
    list_display = ["old_slug", "speaker", "created_at"]
    search_fields = ["old_slug", "speaker__name"]
    list_select_related = ["speaker"]
    autocomplete_fields = ["speaker"]


@admin.register(Episode)
class EpisodeAdmin(AnnouncedChangesAdmin):
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

    def get_deleted_objects(self, objs, request):
        # Its versions and paragraphs go with the episode: their admins refuse to delete
        # one alone (transcripts/admin.py), which is no reason to refuse the episode.
        deleted, counts, _, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def delete_model(self, request, obj):
        # Through the service: the episodes' rows first, the lock order of every writer.
        delete_episodes([obj])
        announce_archive_change()

    def delete_queryset(self, request, queryset):
        delete_episodes(queryset)
        announce_archive_change()


@admin.register(Appearance)
class AppearanceAdmin(AnnouncedChangesAdmin):
    list_display = ["speaker", "episode", "role", "introduced_as"]
    list_filter = ["role"]
    list_select_related = ["speaker", "episode"]
    search_fields = ["speaker__name", "episode__title", "introduced_as"]
    autocomplete_fields = ["speaker", "episode"]
