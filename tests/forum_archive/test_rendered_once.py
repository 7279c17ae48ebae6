"""Partials drawn once per data (forum_archive/rendered_once.py): the same HTML as an
include, never another datum's, escaped as the page asks."""

from django.template import Context, Engine, Template
from django.utils.safestring import mark_safe

PARTIAL = "<b>{{ card.title }}</b>{% for t in card.topics %}<i>{{ t.name }}</i>{% endfor %}"
# As in production, the cached loader: a partial is one Template object, loaded once.
engine = Engine(
    loaders=[
        (
            "django.template.loaders.cached.Loader",
            [("django.template.loaders.locmem.Loader", {"card.html": PARTIAL})],
        )
    ],
    builtins=["forum_archive.rendered_once"],
)


def drawn(source, **context):
    return engine.from_string(source).render(Context(context))


def test_draws_what_an_include_of_only_those_values_draws():
    card = {"title": "Tom & <Jerry>", "topics": [{"name": "Water"}, {"name": "A<B"}]}
    included = drawn('{% include "card.html" with card=card only %}', card=card)
    assert drawn('{% render_once "card.html" card=card %}', card=card) == included
    assert included == "<b>Tom &amp; &lt;Jerry&gt;</b><i>Water</i><i>A&lt;B</i>"


def test_other_values_are_drawn_afresh_not_taken_from_the_first():
    source = '{% render_once "card.html" card=card %}'
    assert drawn(source, card={"title": "One", "topics": []}) == "<b>One</b>"
    assert drawn(source, card={"title": "Two", "topics": []}) == "<b>Two</b>"
    assert drawn(source, card={"title": "One", "topics": [{"name": "X"}]}) == "<b>One</b><i>X</i>"


def test_the_partial_sees_nothing_but_the_values_named():
    source = '{% render_once "card.html" card=card %}'
    assert drawn(source, card={"title": "T"}, t={"name": "leak"}) == "<b>T</b>"


def test_escaping_follows_the_page_once_drawn_unescaped_elsewhere():
    card = {"title": "<em>x</em>", "topics": []}
    source = '{% render_once "card.html" card=card %}'
    assert drawn(source, card=card) == "<b>&lt;em&gt;x&lt;/em&gt;</b>"
    unescaped = engine.from_string("{% autoescape off %}" + source + "{% endautoescape %}")
    assert unescaped.render(Context({"card": card})) == "<b><em>x</em></b>"
    assert drawn(source, card=card) == "<b>&lt;em&gt;x&lt;/em&gt;</b>"


def test_marked_safe_text_is_not_taken_for_the_same_text_unmarked():
    source = '{% render_once "card.html" card=card %}'
    assert drawn(source, card={"title": mark_safe("<em>x</em>")}) == "<b><em>x</em></b>"
    assert drawn(source, card={"title": "<em>x</em>"}) == "<b>&lt;em&gt;x&lt;/em&gt;</b>"


def test_the_site_templates_have_the_tag_as_a_builtin():
    card = Template('{% render_once "episodes/_episode_card.html" card=card %}')
    assert '<article class="episode-card">' in card.render(Context({"card": {"title": "T"}}))
