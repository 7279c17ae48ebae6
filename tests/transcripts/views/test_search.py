"""The search page through Django's test client: readable hits and a helpful empty search.
(The search itself, its filters, facets and feeds: tests/transcripts/search/.)"""

from tests.episodes.conftest import page
from tests.factories import EpisodeFactory
from transcripts.search import refresh_search_words
from transcripts.services import import_transcript


def test_search_hits_name_speaker_time_and_episode_with_one_link_to_the_moment(client, episode):
    html = page(client, "/search/", q="storm")
    assert '<p class="hit-meta">' in html and "Sam Ortiz" in html and "Levee Night" in html
    assert '<a class="snippet"' not in html  # the passage is text, not a link
    assert html.count('class="hit-link"') == 2


def test_a_search_without_results_suggests_spellings_and_how_to_broaden(client, episode):
    refresh_search_words()
    html = page(client, "/search/", q="leeve")
    assert "Did you mean" in html and "?q=levee" in html
    assert "Among these matches" not in html and "RSS feed" not in html
    assert "try fewer words" in html


def test_spelling_suggestions_never_offer_words_only_drafts_say(client, episode):
    draft = EpisodeFactory(title="Draft", is_published=False)
    import_transcript(
        b"Host: The zeppelinist spoke.", filename="d.txt", episode=draft, publish=False
    )
    refresh_search_words()
    assert "zeppelinist" not in page(client, "/search/", q="zeppelinst")
