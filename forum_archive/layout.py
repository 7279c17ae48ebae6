"""The filters the site's shared layout (templates/base.html) and its shared partials are
written with, in the one syntax both template engines read: ``{{ 'home'|address }}``,
``{{ 'css/site.css'|static_url }}``, ``{{ request|page_url }}``.

The Django engine has them as builtins (settings.TEMPLATES), the Jinja2 engine as filters
(forum_archive/jinja_engine.py), so one base.html serves the pages of either engine. They also
cost the Django pages less than the tags they replace: ``{% static %}`` ~90 Python calls
each, ``{% url %}`` ~60.
"""

import functools

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static

from forum_archive.reversing import reverse_once

register = template.Library()


@register.filter
def address(view_name, argument=None):
    """The address of the view named (with one URL argument, if given): ``{% url %}``."""
    return reverse_once(view_name, () if argument is None else (argument,))


@register.filter
@functools.cache
def static_url(path):
    """``{% static path %}``, found once per process: the manifest does not change while
    it runs (the settings that choose it, changed by tests, forget what was found)."""
    return static(path)


def _forget_static_urls(*, setting, **kwargs):
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_DIRS"}:
        static_url.cache_clear()


setting_changed.connect(_forget_static_urls, dispatch_uid="forum_archive.layout.static")


@register.filter
def page_url(request):
    """The address of the page being drawn, as the browser asked for it (canonical, og:url);
    "" where a page is drawn for no request."""
    if not request:
        return ""
    return f"{request.scheme}://{request.get_host()}{request.path}"
