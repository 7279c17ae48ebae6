"""The Jinja2 engine: which pages it draws, and how it escapes.

One engine per page type. The search page is Jinja2 (templates/jinja2/transcripts/search.html):
its results, facets and form are the most values any page prints per request, and
Django's engine cost it ~60% of its Python (a variable lookup, a localisation and an
escape in Python per value, where Jinja2 compiles each template to a Python function).
Every other page is a Django template (templates/). The layout, templates/base.html, and
the partials both kinds of page include (SHARED) are written in the syntax both engines
read: blocks, variables, ``if`` and ``for``, and the filters of forum_archive/layout.py.

Autoescaping is on. Values are escaped as Django escapes them, by the standard library's
``html.escape`` (``&quot;`` and ``&#x27;``, where markupsafe writes ``&#34;`` and ``&#39;``),
so a page's bytes do not depend on its engine; a SafeString (the highlighter's marked
passage) or a Markup is left as it is.
"""

import re
from html import escape as escape_html

from django.conf import settings
from django.template.defaultfilters import urlencode
from jinja2 import ChoiceLoader, Environment, FunctionLoader, Template, pass_context

from episodes.cards import date_text
from episodes.templatetags.archive import clock
from forum_archive.layout import address, page_url, static_url
from forum_archive.reversing import page_addresses

# Templates of templates/ that Jinja2 pages use too, written for both engines.
SHARED = {"base.html", "alerts/_follow.html", "episodes/_date_and_sort_fields.html"}


# What html.escape replaces. A search page prints ~430 values, most of them addresses,
# names, times and counts with none of these: one search for them costs less than
# html.escape's five replacements (~0.2 µs a value against ~0.45).
_NEEDS_ESCAPING = re.compile("[&<>\"']").search


def escape(value):
    """What a compiled template prints for ``{{ value }}``."""
    kind = value.__class__
    if kind is str:
        # html.escape is what Django's escape() runs
        return escape_html(value) if _NEEDS_ESCAPING(value) else value
    if kind is int:
        return str(value)  # digits and a minus sign: nothing to escape
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape_html(str(value))


class DjangoEscapingTemplate(Template):
    """A compiled template's ``escape`` is the module's: the name is one of the template
    module's globals, which Jinja2 binds to markupsafe's when the module is made."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        namespace["escape"] = escape
        return super()._from_namespace(environment, namespace, globals)


def _shared(name):
    """(source, file, up to date?) of a SHARED template of templates/, else None."""
    path = settings.BASE_DIR / "templates" / name
    if name not in SHARED or not path.is_file():
        return None  # Jinja2's TemplateNotFound, which Django reports as TemplateDoesNotExist
    modified = path.stat().st_mtime
    return path.read_text(), str(path), lambda: path.stat().st_mtime == modified


def _at_each_render(function):
    """Jinja2 folds a filter of constants (``{{ 'css/site.css'|static_url }}``) into the
    compiled template, once per process; a filter given the context is called at each
    render, so static files follow the settings as on Django's pages (``_address`` is
    given the context already)."""

    @pass_context
    def at_render(context, value, *arguments):
        return function(value, *arguments)

    return at_render


@pass_context
def _address(context, view_name, argument=None):
    """The layout's ``address`` filter on a Jinja2 page: a search page names ~16 addresses,
    made with one read of their context for the request (``page_addresses``, kept on it),
    where ``reverse_once`` read it for each (~5-10 µs)."""
    request = context.get("request")
    if request is None:  # a template drawn for no request
        return address(view_name, argument)
    made = getattr(request, "_page_addresses", None)
    if made is None:
        made = request._page_addresses = page_addresses()
    return made(view_name) if argument is None else made(view_name, argument)


def environment(**options):
    """Django's Jinja2 backend calls this with the settings' OPTIONS (autoescape on)."""
    options["loader"] = ChoiceLoader([options["loader"], FunctionLoader(_shared)])
    # As Django's engine: a template's last newline is printed.
    env = Environment(keep_trailing_newline=True, **options)
    env.template_class = DjangoEscapingTemplate
    # Django's own where both engines have a filter of the name (urlencode), the site's
    # where its Django templates have one (clock, the layout's).
    env.filters.update(
        address=_address,
        static_url=_at_each_render(static_url),
        page_url=page_url,
        urlencode=urlencode,
        clock=clock,
        date_text=date_text,
    )
    return env
