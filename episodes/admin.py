from django.contrib import admin
from django.db import models
from django.db.models import Count

from episodes.models import Appearance, Episode, Show, Speaker, SpeakerAlias, Topic


@admin.register(Show)
class ShowAdmin(admin.ModelAdmin):
    list_display = ["name", "station", "episode_count"]
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


class AppearanceInline(admin.TabularInline):
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

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(appearance_total=Count("appearances"))

    @admin.display(description="appearances", ordering="appearance_total")
    def appearance_count(self, speaker):
        return speaker.appearance_total


@admin.register(Episode)
class EpisodeAdmin(admin.ModelAdmin):
    list_display = ["title", "show", "air_date", "duration_s", "is_published"]
    list_filter = ["is_published", "show", "topics"]
    list_select_related = ["show"]
    search_fields = ["title", "summary", "description"]
    date_hierarchy = "air_date"
    autocomplete_fields = ["topics"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [AppearanceInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["publish", "unpublish"]

    @admin.action(description="Publish selected episodes")
    def publish(self, request, queryset):
        self.message_user(request, f"{queryset.update(is_published=True)} episode(s) published.")

    @admin.action(description="Unpublish selected episodes")
    def unpublish(self, request, queryset):
        self.message_user(request, f"{queryset.update(is_published=False)} episode(s) unpublished.")


@admin.register(Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    list_display = ["speaker", "episode", "role", "introduced_as"]
    list_filter = ["role"]
    list_select_related = ["speaker", "episode"]
    search_fields = ["speaker__name", "episode__title", "introduced_as"]
    autocomplete_fields = ["speaker", "episode"]
