"""The staff home (the admin's index page): where an editor's day starts."""

from django import template

from episodes.models import Episode
from transcripts.models import Transcript

register = template.Library()

RECENT = 8


@register.simple_tag(takes_context=True)
def staff_home(context):
    """Import link, recent imports and drafts waiting for review, for templates/admin/index.html."""
    user = context["request"].user
    return {
        "can_import": user.has_perm("transcripts.add_transcript"),
        "recent_imports": list(
            Transcript.objects.select_related("episode", "imported_by").order_by("-imported_at")[
                :RECENT
            ]
        ),
        "drafts": list(
            Episode.objects.drafts()
            .with_transcript()
            .select_related("show")
            .order_by("-updated_at")[:RECENT]
        ),
    }
