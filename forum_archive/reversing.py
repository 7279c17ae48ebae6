"""Addresses reversed once per process, not once per link: ``reverse_once`` and the
``{% url %}`` tag every template uses (this module is a builtin of the template engine,
settings.TEMPLATES, so it takes the place of Django's own tag of that name).

A list page has ~56 links (the site's own, and each card's episode, show and topics)
and an episode page ~27; Django's ``reverse()`` walks the URL patterns for each at
20-80 us, ~15% of an uncached list page's CPU. The address of a name and its arguments
only changes with the URL configuration, the script prefix (a deployment under a
sub-path) and the language, which are all part of the key, so a remembered one is
never stale: a new URL configuration (tests that override ROOT_URLCONF) comes with a
new resolver, and so with new keys.
"""

import functools

from django import template
from django.template.defaulttags import URLNode, url
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

# Every episode, show, topic and speaker a process links to, a few downloads each:
# ~100 bytes an address, a few MB at most; the least recently used go first.
REMEMBERED_ADDRESSES = 20_000


@functools.lru_cache(maxsize=REMEMBERED_ADDRESSES)
def _remembered(resolver, prefix, language, viewname, args, kwargs, current_app):
    return reverse(viewname, args=args, kwargs=dict(kwargs), current_app=current_app)


def reverse_once(viewname, args=(), kwargs=None, current_app=None):
    """``reverse()``, remembered per URL configuration, script prefix and language.
    NoReverseMatch is raised, and not remembered, as by ``reverse()``; arguments that
    cannot be a key (not hashable) are reversed each time."""
    kwargs = tuple(sorted(kwargs.items())) if kwargs else ()
    key = (get_resolver(get_urlconf()), get_script_prefix(), get_language(), viewname)
    key += (tuple(args), kwargs, current_app)
    try:
        hash(key)
    except TypeError:
        return reverse(viewname, args=args, kwargs=dict(kwargs), current_app=current_app)
    return _remembered(*key)


def page_addresses():
    """``address(viewname, *args)``: ``reverse_once(viewname, args)`` for the many links of
    one page, each address made once per call of this and the key's context (URL
    configuration, script prefix, language: context-local reads, ~60 Python calls a link)
    read once."""
    context = (get_resolver(get_urlconf()), get_script_prefix(), get_language())
    made = {}

    def address(viewname, *args):
        key = (viewname, args)
        if key not in made:
            made[key] = _remembered(*context, viewname, args, (), None)
        return made[key]

    return address


def addresses_of(viewname):
    """``address(*args)``: ``page_addresses()`` for a page's many links to one view (its
    cards' shows, its hits' speakers)."""
    return functools.partial(page_addresses(), viewname)


class RememberedURLNode(URLNode):
    """Django's URLNode (the same arguments, the same ``as`` form and errors), with the
    address from ``reverse_once``."""

    def render(self, context):
        if self.asvar:
            return super().render(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        address = reverse_once(
            self.view_name.resolve(context),
            args=[arg.resolve(context) for arg in self.args],
            kwargs={name: value.resolve(context) for name, value in self.kwargs.items()},
            current_app=current_app,
        )
        return conditional_escape(address) if context.autoescape else address


register = template.Library()


@register.tag("url")
def remembered_url(parser, token):
    node = url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
