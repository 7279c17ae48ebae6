"""``{% render_once "partial.html" name=value ... %}``: a partial drawn from plain data and
remembered by the process under that data (this module is a builtin of the template
engine, settings.TEMPLATES).

An episode card cost the engine ~560 Python calls (its dozen variables each resolved,
localised and escaped), twenty of them ~40% of an uncached `/episodes/`; the search form's
show and topic menus ~3,000 calls on every search page, for options that change only with
the archive. The same data gives the same HTML, so it is drawn once: the partial sees only
the values named in the tag (as ``{% include ... only %}``), and they are the key, pickled
(their types too: a SafeString is not escaped where an equal str is), with the partial and
the context's escaping and localisation settings. So a remembered fragment can never be
stale: a card whose episode was renamed has another key. The values should be plain data
(strings, numbers, dates, None, and lists, tuples and dicts of them), and the partial must
depend on nothing else: no ``{% url %}``, ``{% static %}`` or translation inside it.
"""

import pickle
import threading

from django import template
from django.template import Context
from django.template.base import token_kwargs

# A card is ~1.5 kB of key and HTML, the menus ~10 kB: a few MB at most, then all go.
REMEMBERED_FRAGMENTS = 4_000

_fragments = {}
_lock = threading.Lock()  # runserver answers on threads

register = template.Library()


class RenderOnceNode(template.Node):
    def __init__(self, partial_name, values):
        self.partial_name = partial_name
        self.values = values

    def render(self, context):
        values = {name: value.resolve(context) for name, value in self.values.items()}
        partial = context.template.engine.get_template(self.partial_name.resolve(context))
        data = pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)
        key = (partial, context.autoescape, context.use_l10n, context.use_tz, data)
        html = _fragments.get(key)
        if html is None:
            html = partial.render(
                Context(
                    values,
                    autoescape=context.autoescape,
                    use_l10n=context.use_l10n,
                    use_tz=context.use_tz,
                )
            )
            with _lock:
                if len(_fragments) >= REMEMBERED_FRAGMENTS:
                    _fragments.clear()
                _fragments[key] = html
        return html


@register.tag("render_once")
def render_once(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a template name and name=value pairs")
    remaining = bits[2:]
    values = token_kwargs(remaining, parser, support_legacy=False)
    if remaining:
        raise template.TemplateSyntaxError(f"{bits[0]} takes only name=value pairs")
    return RenderOnceNode(parser.compile_filter(bits[1]), values)
