from django.apps import apps
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
