"""What every staff page shares: the admin's frame, the permission check, the one
confirmation page."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse


def render_page(request, template, title, **context):
    context = {**admin.site.each_context(request), "title": title, **context}
    return TemplateResponse(request, template, context)


def require(request, *permissions):
    if not request.user.has_perms(permissions):
        raise PermissionDenied


def episode_admin_url(episode):
    return reverse("admin:episodes_episode_change", args=[episode.pk])


def positive_int(value):
    return int(value) if value and value.isdigit() and int(value) > 0 else None


def confirm_page(request, title, *, consequences, hidden, button, back_url, episode=None):
    """The one confirmation page: what will change, then a button that does it."""
    return render_page(
        request,
        "admin/staff/confirm.html",
        title,
        consequences=consequences,
        hidden=hidden,
        button=button,
        back_url=back_url,
        action_url=request.path,
        episode=episode,
    )
