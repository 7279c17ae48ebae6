"""The search page through Django's test client: readable hits and a helpful empty search.
(The search itself, its filters, facets and feeds: tests/transcripts/search/.)"""

from datetime import date
from urllib.parse import urlencode

from django.http import QueryDict

from tests.episodes.conftest import page
from tests.factories import EpisodeFactory, ShowFactory, SpeakerFactory, transcript_saying
from transcripts.search import refresh_search_words, suggestions
from transcripts.services import import_transcript
from transcripts.views.search import ResultLinks


def test_search_hits_name_speaker_time_and_episode_with_one_link_to_the_moment(client, episode):
    html = page(client, "/search/", q="storm")
    assert '<p class="hit-meta">' in html and "Sam Ortiz" in html and "Levee Night" in html
    assert '<a class="snippet"' not in html  # the passage is text, not a link
    assert html.count('class="hit-link"') == 2


def test_a_result_links_its_episode_show_speaker_and_each_moment_escaped(client, db):
    sam = SpeakerFactory(name="Sam <Jr> O'Neil")
    show = ShowFactory(name="Forum & Co")
    episode = EpisodeFactory(title="Levee <Night>", show=show, air_date=date(2025, 11, 14))
    transcript_saying(
        episode, ("The storm & the <b>levee</b>.", sam), "Storm again.", timing="estimated"
    )
    html = page(client, "/search/", q="storm")
    url = episode.get_absolute_url()
    assert f'<h3><a href="{url}">Levee &lt;Night&gt;</a></h3>' in html
    assert (
        f'<a href="/shows/{show.slug}/">Forum &amp; Co</a> · <time datetime="2025-11-14">'
        "Nov. 14, 2025</time> · 2 matching paragraphs" in html
    )
    assert (
        f'<a class="speaker" href="/speakers/{sam.slug}/">Sam &lt;Jr&gt; O&#x27;Neil</a>'
        " · ~1:00 · Levee &lt;Night&gt;" in html
    )
    assert "the &lt;b&gt;levee&lt;/b&gt;" in html and "<b>levee" not in html
    assert html.count(f'<a class="hit-link" href="{url}?q=storm#') == 2


def test_a_search_without_results_suggests_spellings_and_how_to_broaden(client, episode):
    refresh_search_words()
    html = page(client, "/search/", q="leeve")
    assert "Did you mean" in html and "?q=levee" in html
    assert "Among these matches" not in html and "RSS feed" not in html
    assert "try fewer words" in html


def test_the_suggestions_a_process_keeps_never_take_one_pages_spellings(client, episode):
    refresh_search_words()
    assert "Did you mean" in page(client, "/search/", q="leeve")
    assert suggestions("leeve").spellings == []  # what the next page starts from


def test_spelling_suggestions_never_offer_words_only_drafts_say(client, episode):
    draft = EpisodeFactory(title="Draft", is_published=False)
    import_transcript(
        b"Host: The zeppelinist spoke.", filename="d.txt", episode=draft, publish=False
    )
    refresh_search_words()
    assert "zeppelinist" not in page(client, "/search/", q="zeppelinst")


def test_made_up_show_or_topic_slugs_never_become_menus_kept_in_the_process(client, episode):
    from forum_archive import rendered_once

    chosen = client.get("/search/", {"q": "storm", "show": episode.show.slug})
    assert f'<option value="{episode.show.slug}" selected>' in chosen.content.decode()
    client.get("/search/", {"q": "storm", "show": "nobody-1"})
    kept = len(rendered_once._fragments)
    for n in range(2, 6):
        answer = client.get("/search/", {"q": "storm", "show": f"nobody-{n}", "topic": f"no-{n}"})
        assert answer.status_code == 400
        assert " selected>" not in answer.content.decode()
    assert len(rendered_once._fragments) == kept


def test_a_hit_nobody_is_named_for_shows_its_label_escaped_and_links_no_speaker(client, db):
    episode = EpisodeFactory(title="Levee Night", air_date=date(2025, 11, 14))
    transcript = transcript_saying(episode, "The storm is coming.")
    transcript.segments.update(speaker_label="Caller <1>")
    html = page(client, "/search/", q="storm")
    assert '<p class="hit-meta"><span class="speaker">Caller &lt;1&gt;</span> · 1:00 · ' in html
    assert '<span class="visually-hidden">: Caller &lt;1&gt; at 1:00</span>' in html
    assert 'class="speaker" href=' not in html


def test_facet_links_escape_speaker_and_show_names_and_mark_the_chosen_one(client, db):
    sam = SpeakerFactory(name='Sam <Jr> & "O\'Neil"')
    show = ShowFactory(name='Forum & "Co" <live>')
    episode = EpisodeFactory(title="Levee", show=show, air_date=date(2025, 11, 14))
    transcript_saying(episode, ("The storm & the levee.", sam), ("Storm again.", sam))
    html = page(client, "/search/", q="storm", speaker=sam.slug)
    assert (
        '<ul class="plain"><li><a href="?q=storm" aria-current="true">✓ '
        "Sam &lt;Jr&gt; &amp; &quot;O&#x27;Neil&quot;</a> "
        '<span class="count">2</span></li></ul>' in html
    )
    assert (
        f'<ul class="plain"><li><a href="?q=storm&amp;speaker={sam.slug}&amp;show={show.slug}">'
        'Forum &amp; &quot;Co&quot; &lt;live&gt;</a> <span class="count">2</span></li></ul>' in html
    )
    assert (
        f'<li><a href="?q=storm&amp;speaker={sam.slug}&amp;date_from=2025-01-01&amp;'
        'date_to=2025-12-31">2025</a> <span class="count">2</span></li>' in html
    )
    assert "<Jr>" not in html and "<live>" not in html


def test_result_links_encode_each_pair_as_urlencode_does():
    values = ["a-slug_1.2~x", "2024-01-01", "rent control", "café & <b>", "a/b?c=d", "+", "", "ß"]
    params = QueryDict(mutable=True)
    params.setlist("q", values)
    params.setlist("a b&", ["1"])
    params["page"] = "3"
    links = ResultLinks(params)
    expected = [("q", value) for value in values] + [("a b&", "1")]
    assert links.changed() == "?" + urlencode(expected)
    assert links.page(2) == "?" + urlencode([*expected, ("page", 2)])
