"""Property-based tests for the search and filter parameters: whatever is asked, never a 500.

The episode list filters, the speaker index and the search page (and its feed)
get arbitrary combinations of their own parameters and unknown ones, with
values that are valid, almost valid (a slug with a typo, 30 February), hostile
(quotes, search operators, mark-up, NUL and other control characters) or just
random text. Any answer below 500 is an answer; 400 for a malformed request is
fine.
"""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import AppearanceFactory, TopicFactory
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db

PAGES = settings(
    max_examples=50,
    deadline=None,
    # The archive below is made once per test and only read by the examples.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SLUGS = ["forum", "city-arts", "rosa-delgado", "sam-ortiz", "housing", "water", "nobody"]
TRICKY = [
    "",
    " ",
    "0",
    "-1",
    "1e9",
    "99999999999999999999999",
    "last",
    "2025-11-14",
    "2025-02-30",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "14/11/2025",
    "'",
    '"',
    '"unterminated',
    "\\",
    "%",
    "%00",
    "*",
    "()",
    "!",
    "&",
    "|",
    ":*",
    "OR",
    "-",
    "--",
    "- -",
    "a -b",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\x00",
    "\x1b[31m",
    "\ue000",
    "é" * 300,
    "word " * 60,
]
VALUES = st.sampled_from(SLUGS + TRICKY) | st.text(max_size=40) | st.integers().map(str)


def parameters(names):
    keys = st.sampled_from([*names, "junk", "page"])
    return st.lists(st.tuples(keys, VALUES), max_size=6)


EPISODE_LIST = [
    "q",
    "show",
    "speaker",
    "topic",
    "date_from",
    "date_to",
    "has_transcript",
    "sort",
]
SEARCH = ["q", "speaker", "show", "topic", "date_from", "date_to", "sort"]


@pytest.fixture
def archive(db):
    for name, day in (("Forum", "2025-11-14"), ("City Arts", "2025-10-01")):
        source = (
            f"[00:00:00] Rosa Delgado: Welcome to {name}. Today: water, housing & rent.\n\n"
            "[00:00:07] Sam Ortiz: Thanks, Rosa. The groundwater is low; the café closed.\n"
        ).encode()
        import_transcript(source, filename=f"{day}-{name.lower()}-water.txt", show=name)
    TopicFactory(name="Housing")
    AppearanceFactory(speaker__name="Nobody Special")


def get_quietly(client, url, pairs):
    response = client.get(f"{url}?{urlencode(pairs)}")
    assert response.status_code < 500, (url, pairs, response.status_code)
    return response


@PAGES
@given(pairs=parameters(EPISODE_LIST))
def test_episode_list_filters_never_answer_500(client, archive, pairs):
    get_quietly(client, "/episodes/", pairs)


@PAGES
@given(pairs=parameters(["name"]))
def test_the_speaker_index_never_answers_500(client, archive, pairs):
    get_quietly(client, "/speakers/", pairs)


@PAGES
@given(pairs=parameters(SEARCH))
def test_search_never_answers_500(client, archive, pairs):
    get_quietly(client, "/search/", pairs)


@settings(PAGES, max_examples=25)
@given(pairs=parameters(SEARCH))
def test_the_search_feed_never_answers_500(client, archive, pairs):
    get_quietly(client, "/search/feed/rss/", pairs)


# What a WSGI server hands over for any bytes after the "?": them, read as Latin-1.
RAW_QUERY_STRINGS = st.binary(max_size=80).map(lambda raw: raw.decode("latin-1")) | st.text(
    alphabet=st.sampled_from("=&%;+?#0123456789abcdefABCDEF[]q"), max_size=40
)


@settings(PAGES, max_examples=25)
@given(raw=RAW_QUERY_STRINGS)
def test_a_raw_garbage_query_string_never_answers_500(client, archive, raw):
    for url in ("/episodes/", "/speakers/", "/search/"):
        response = client.get(url, QUERY_STRING=raw)
        assert response.status_code < 500, (url, raw)


def test_the_archive_used_here_answers_real_searches(client, archive):
    assert "groundwater" in client.get("/search/", {"q": "groundwater"}).content.decode()
    assert client.get("/episodes/", {"show": "forum"}).status_code == 200
