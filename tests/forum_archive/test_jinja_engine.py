"""The search page on Jinja2: the same bytes Django's engine would write, autoescaped, in the
layout every other page has (forum_archive/jinja_engine.py, forum_archive/layout.py)."""

import re
from html import escape as escape_html

import pytest
from django.conf import settings
from django.template import engines
from django.test import override_settings
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils.safestring import mark_safe

from forum_archive.jinja_engine import SHARED
from forum_archive.layout import static_url

TEMPLATES_JINJA2 = settings.BASE_DIR / "templates" / "jinja2"


def jinja(source, **context):
    return engines["jinja2"].from_string(source).render(context)


def test_jinja2_escapes_as_django_does_and_leaves_marked_html_alone():
    text = """<b>Tom & "Jerry"</b> O'Neil"""
    assert jinja("{{ text }}", text=text) == engines["django"].from_string("{{ text }}").render(
        {"text": text}
    )
    assert jinja("{{ text }}", text=text) == (
        "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; O&#x27;Neil"
    )
    assert jinja("{{ marked }}", marked=mark_safe("<mark>x</mark>")) == "<mark>x</mark>"
    assert jinja("{{ n }} {{ nothing }}", n=1000, nothing=None) == "1000 None"


@pytest.mark.parametrize("text", ["Tom & Jerry", "a < b", "a > b", 'say "when"', "O'Neil"])
def test_jinja2_escapes_a_value_with_any_one_character_html_escapes(text):
    # The engine prints a value untouched when it holds none of them: each must be seen.
    assert jinja("{{ text }}", text=text) == escape_html(text) != text


def test_jinja2_prints_numbers_and_plain_text_as_django_does():
    for value in (0, -12, 10**20, True, 1.5, "José Moreau · 1:38:55"):
        django = engines["django"].from_string("{{ value }}").render({"value": value})
        assert jinja("{{ value }}", value=value) == django


def test_no_jinja2_template_turns_escaping_off_or_marks_text_safe():
    shared = [settings.BASE_DIR / "templates" / name for name in SHARED]
    for path in [*TEMPLATES_JINJA2.rglob("*.html"), *shared]:
        source = path.read_text()
        assert not re.search(r"\|\s*safe\b|autoescape\s+false|Markup\(", source), path


def test_the_search_page_and_a_django_page_share_the_layout_to_the_byte(client, db):
    search = client.get("/search/", {"q": "housing"}).content.decode()
    episodes = client.get("/episodes/").content.decode()

    def layout(html):
        head = html[html.index("<head>") : html.index("<title>")]
        links = re.findall(r'<link rel="(?:icon|stylesheet)"[^>]*>', html)
        nav = html[html.index('<nav aria-label="Main">') : html.index("</nav>")]
        tail = html[html.index('<footer class="site-footer">') :]
        return head, links, nav, tail.replace("{% block scripts %}", "")

    assert layout(search) == layout(episodes)
    assert '<link rel="canonical" href="http://testserver/search/">' in search


def test_a_compiled_jinja2_page_follows_the_static_settings_of_each_render():
    template = engines["jinja2"].from_string("{{ 'css/site.css'|static_url }}")
    template.render({})
    with override_settings(STATIC_URL="/elsewhere/"):
        assert template.render({}).startswith("/elsewhere/")


def test_static_addresses_follow_the_settings_that_make_them():
    static_url("css/site.css")
    with override_settings(STATIC_URL="/elsewhere/"):
        assert static_url("css/site.css").startswith("/elsewhere/")
    assert not static_url("css/site.css").startswith("/elsewhere/")


def test_a_missing_shared_template_is_reported_as_a_missing_template(settings, tmp_path):
    from django.template import TemplateDoesNotExist
    from django.template.backends.jinja2 import Jinja2

    (tmp_path / "templates").mkdir()
    settings.BASE_DIR = tmp_path  # the shared templates are read from BASE_DIR/templates
    # A new engine: the site's keeps the templates it has compiled.
    engine = Jinja2(
        {
            "NAME": "jinja2-missing",
            "DIRS": [],
            "APP_DIRS": False,
            "OPTIONS": {"environment": "forum_archive.jinja_engine.environment"},
        }
    )
    with pytest.raises(TemplateDoesNotExist):
        engine.get_template("base.html")


def test_a_jinja2_pages_addresses_are_reverses_under_the_prefix_of_its_own_request(rf):
    template = engines["jinja2"].from_string(
        "{{ 'episodes:list'|address }} {{ 'episodes:show_detail'|address('forum') }}"
    )
    expected = "{} {}".format
    try:
        set_script_prefix("/archive/")
        first = rf.get("/search/")
        for _ in range(2):  # made, then the request's own
            assert template.render(request=first) == expected(
                reverse("episodes:list"), reverse("episodes:show_detail", args=["forum"])
            )
        assert template.render(request=first).startswith("/archive/episodes/ ")
    finally:
        clear_script_prefix()
    assert template.render(request=rf.get("/search/")) == "/episodes/ /shows/forum/"
    assert template.render() == "/episodes/ /shows/forum/"  # drawn for no request
