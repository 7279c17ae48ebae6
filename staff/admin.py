from django.contrib import admin

from staff.models import TrailEntry


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
