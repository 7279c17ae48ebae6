"""The search as RSS and Atom feeds (transcripts/feeds.py): the newest matching paragraphs."""

import pytest
from django.http import QueryDict

from tests.factories import episode_with
from tests.transcripts.search.conftest import SEARCH
from transcripts.filters import SearchForm
from transcripts.search import newest_hits

pytestmark = pytest.mark.django_db


def test_the_rss_and_atom_feeds_list_the_newest_matching_paragraphs_with_filters(client, archive):
    rss = client.get("/search/feed/rss/", {"q": "transit", "speaker": archive["sam"].slug})
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "Transit strike news." in body.replace("&lt;mark&gt;", "").replace("&lt;/mark&gt;", "")
    assert "More transit buses" not in body  # Rosa said that
    assert body.index("Third") < body.index("First")  # newest first
    for said in archive["sam"].segments.all():  # each item links to its paragraph by key
        assert f"{said.get_absolute_url()}</link>" in body
    atom = client.get("/search/feed/atom/", {"q": "transit"})
    assert atom.status_code == 200 and "<feed" in atom.content.decode()


def test_the_results_page_links_its_feeds(client, archive):
    page = client.get(SEARCH, {"q": "transit", "speaker": archive["rosa"].slug}).content.decode()
    assert f"/search/feed/rss/?q=transit&amp;speaker={archive['rosa'].slug}" in page
    assert "/search/feed/atom/?q=transit" in page


def test_a_feed_with_bad_parameters_answers_400_with_the_reason(client):
    response = client.get("/search/feed/rss/", {"q": "x", "speaker": "nobody"})
    assert response.status_code == 400
    assert "There is no speaker" in response.content.decode()
    assert client.get("/search/feed/rss/").status_code == 400


def test_a_feed_of_stop_words_is_empty_not_an_error(client):
    episode_with("The and of.")
    form = SearchForm(QueryDict("q=the"))
    assert form.is_valid()
    assert newest_hits(form.criteria()) == []
    assert client.get("/search/feed/rss/", {"q": "the"}).status_code == 200
