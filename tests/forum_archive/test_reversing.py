"""Addresses reversed once per process (forum_archive/reversing.py) are the addresses
Django's reverse() and {% url %} give, under any script prefix, and errors stay errors."""

from datetime import date

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from episodes.models import episode_addresses
from forum_archive.reversing import RememberedURLNode, addresses_of, reverse_once


@pytest.fixture
def under_sub_path():
    set_script_prefix("/archive/")
    yield
    clear_script_prefix()


def test_the_same_addresses_as_reverse():
    cases = [
        ("episodes:list", (), None),
        ("episodes:topic_detail", ("housing",), None),
        ("episodes:detail", (), {"year": 2025, "month": "01", "day": "09", "slug": "a-b"}),
    ]
    for name, args, kwargs in cases:
        for _ in range(2):  # reversed, then remembered
            assert reverse_once(name, args=args, kwargs=kwargs) == reverse(
                name, args=args, kwargs=kwargs
            )


def test_a_deployment_under_a_sub_path_gets_its_own_addresses(under_sub_path):
    reverse_once("episodes:list")  # remembered under "/" by other tests or now
    assert reverse_once("episodes:list") == "/archive/episodes/"
    clear_script_prefix()
    assert reverse_once("episodes:list") == "/episodes/"


def test_no_such_address_still_raises():
    with pytest.raises(NoReverseMatch):
        reverse_once("episodes:no-such-page")
    with pytest.raises(NoReverseMatch):
        Template("{% url 'episodes:no-such-page' %}").render(Context())


def test_the_url_tag_is_the_remembering_one_and_keeps_its_as_form():
    assert type(Template("{% url 'episodes:list' %}").nodelist[0]) is RememberedURLNode
    rendered = Template(
        "{% url 'episodes:topic_detail' slug %}|{% url 'episodes:list' as the_list %}"
        "{{ the_list }}|{% url 'episodes:no-such-page' as nothing %}{{ nothing }}|"
    ).render(Context({"slug": "a-b"}))
    assert rendered == "/topics/a-b/|/episodes/||"


def test_addresses_of_one_view_are_reverses_under_the_prefix_of_their_page(under_sub_path):
    show_url = addresses_of("episodes:show_detail")
    for slug in ["forum", "the-week", "forum"]:
        assert show_url(slug) == reverse("episodes:show_detail", args=[slug])
    assert show_url("forum").startswith("/archive/")


def test_a_pages_episode_addresses_are_reverses_under_the_prefix_of_their_page(under_sub_path):
    episode_url = episode_addresses()
    kwargs = {"year": 2025, "month": "01", "day": "09", "slug": "a-b"}
    for _ in range(2):  # made, then the page's own
        assert episode_url(date(2025, 1, 9), "a-b") == reverse("episodes:detail", kwargs=kwargs)
    assert episode_url(date(2025, 1, 9), "a-b") == "/archive/episodes/2025/01/09/a-b/"
    assert episode_addresses()(date(2025, 11, 4), "c") == "/archive/episodes/2025/11/04/c/"
