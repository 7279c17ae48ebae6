"""The episode page and its downloads through Django's test client: the transcript a reader
sees, shared moments, a search within the episode, the files, and what the page costs."""

import pytest

from tests.episodes.conftest import page
from tests.factories import (
    AppearanceFactory,
    EpisodeFactory,
    SegmentFactory,
    SpeakerFactory,
    TopicFactory,
    TranscriptFactory,
)

pytestmark = pytest.mark.django_db


def test_episode_page_shows_everything_a_reader_needs(client, archive):
    episode = archive["first"]
    html = page(client, episode.get_absolute_url())
    assert "<h1>Soft Secession</h1>" in html
    assert "Forum" in html and "November 14, 2025" in html and "50m 24s" in html
    assert 'href="/speakers/eleni-kounalakis/"' in html and "Lieutenant Governor" in html
    assert 'href="/topics/water/"' in html
    second = archive["first"].transcripts.get().segments.get(position=2)
    assert f'id="p-{second.key}"' in html and 'href="?t=60"' in html
    assert "~1:00" in html  # estimated times are marked
    assert "(inferred)" in html
    assert "Who spoke how much" in html and "Eleni Kounalakis" in html
    for format in ("vtt", "srt", "json", "html", "txt"):
        assert f"{episode.get_absolute_url()}transcript.{format}" in html
    assert "Secret Draft" not in html


def test_transcript_text_is_escaped(client, archive):
    html = page(client, archive["first"].get_absolute_url())
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_the_kept_transcript_is_spliced_into_its_place_once_and_nothing_marks_it(client, archive):
    from transcripts.views.episodes import TRANSCRIPT_PLACE

    url = archive["first"].get_absolute_url()
    first = client.get(url)  # renders the transcript, and keeps it
    kept = client.get(url)  # the kept bytes
    assert first.content == kept.content
    html = kept.content.decode()
    assert TRANSCRIPT_PLACE not in html and "<!--transcript" not in html
    inside = html[html.index('<div class="transcript" data-transcript') :]
    inside = inside[: inside.index("</section>")]
    assert inside.count('class="speaker-name"') == 3 and "Eleni Kounalakis" in inside
    assert html.rstrip().endswith("</html>") and html.count("data-transcript ") == 1


def test_consecutive_paragraphs_of_one_speaker_are_grouped_under_one_name(client, archive):
    transcript = archive["first"].transcripts.get()
    SegmentFactory(
        transcript=transcript,
        position=4,
        start_ms=800_000,
        end_ms=810_000,
        speaker=archive["host"],
        text="Still me.",
    )
    html = page(client, archive["first"].get_absolute_url())
    transcript_html = html[html.index("data-transcript") :]
    assert transcript_html.count('class="speaker-name"') == 3


def test_a_shared_moment_link_lands_on_the_paragraph_starting_within_that_second(client, archive):
    url = archive["first"].get_absolute_url()
    first, second, third = archive["first"].transcripts.get().segments.order_by("position")
    response = client.get(url, {"t": "754"})  # the third paragraph starts at 754.5 s
    assert response.status_code == 302
    assert response["Location"] == f"{url}#p-{third.key}"
    assert client.get(url, {"t": "755"})["Location"] == f"{url}#p-{third.key}"
    assert client.get(url, {"t": "753"})["Location"] == f"{url}#p-{second.key}"
    assert client.get(url, {"t": "754.4"})["Location"] == f"{url}#p-{second.key}"
    assert client.get(url, {"t": "754.5"})["Location"] == f"{url}#p-{third.key}"
    assert client.get(url, {"t": "0"})["Location"] == f"{url}#p-{first.key}"
    assert client.get(url, {"t": "nonsense"}).status_code == 400


def test_unpublished_episodes_are_not_found(client, archive):
    draft = archive["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_day_no_calendar_has_or_another_days_slug_is_not_found(client, archive):
    url = archive["first"].get_absolute_url()  # /episodes/2025/11/14/<slug>/
    for wrong in ("/2025/02/31/", "/2025/13/14/", "/2025/00/14/", "/2025/11/15/"):
        assert client.get(url.replace("/2025/11/14/", wrong)).status_code == 404
    assert client.get(url.replace("/2025/11/14/", "/2025/11/14/x")).status_code == 404
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("format", "content_type", "start"),
    [
        ("vtt", "text/vtt", "WEBVTT"),
        ("srt", "application/x-subrip", "1\n00:00:00,000"),
        ("json", "application/json", "{"),
        ("html", "text/html", "<!-- Times in this file are estimated"),
        ("txt", "text/plain", "Timing: Times in this file are estimated"),
    ],
)
def test_transcripts_download_in_five_formats(client, archive, format, content_type, start):
    response = client.get(f"{archive['first'].get_absolute_url()}transcript.{format}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert f'filename="2025-11-14-soft-secession.{format}"' in response["Content-Disposition"]
    assert response.content.decode().startswith(start)


def test_unknown_download_format_is_not_found(client, archive):
    assert client.get(f"{archive['first'].get_absolute_url()}transcript.exe").status_code == 404


def test_episode_page_costs_the_same_queries_for_20_or_2000_paragraphs(
    client, django_assert_max_num_queries
):
    def episode_with(count):
        transcript = TranscriptFactory()
        speakers = SpeakerFactory.create_batch(4)
        SegmentFactory.create_batch(count, transcript=transcript, speaker=factory_cycle(speakers))
        AppearanceFactory(episode=transcript.episode, speaker=speakers[0])
        return transcript.episode

    small, large = episode_with(20), episode_with(2000)
    with django_assert_max_num_queries(8) as small_queries:
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(8) as large_queries:
        response = client.get(large.get_absolute_url())
    assert response.content.decode().count('class="segment"') == 2000
    assert len(small_queries.captured_queries) == len(large_queries.captured_queries)


def test_a_warm_episode_page_builds_no_paragraph_and_is_the_same_page(
    client, django_assert_max_num_queries
):
    from django.core.cache import cache

    transcript = TranscriptFactory(timing="estimated")
    speakers = SpeakerFactory.create_batch(3)
    SegmentFactory.create_batch(
        600,
        transcript=transcript,
        speaker=factory_cycle(speakers),
        speaker_inferred=factory_cycle([False, False, True]),
    )
    url = transcript.episode.get_absolute_url()
    cold = page(client, url)
    # The episode, its speakers and topics (one statement), its transcript with what the
    # page says of it.
    with django_assert_max_num_queries(3) as warm_queries:
        warm = page(client, url)
    assert warm == cold
    assert not any(
        '"transcripts_segment"."text"' in q["sql"] for q in warm_queries.captured_queries
    )
    assert "(inferred)" in warm and "Who spoke how much" in warm and "~" in warm
    cache.clear()
    assert page(client, url) == cold


def test_the_page_credits_people_in_billing_order_and_topics_by_name_escaped(client):
    episode = EpisodeFactory(title="Levee")
    TranscriptFactory(episode=episode)
    host = SpeakerFactory(name='Zoe <Host> & "Co"')
    bea = SpeakerFactory(name="Bea O'Neil", affiliation="Bay <Area> & Lab")
    cy = SpeakerFactory(name="Cy", affiliation="never shown: introduced otherwise")
    caller = SpeakerFactory(name="Abe")
    AppearanceFactory(episode=episode, speaker=caller, role="caller")
    AppearanceFactory(
        episode=episode, speaker=cy, role="guest", introduced_as='editor, "The <Times>"'
    )
    AppearanceFactory(episode=episode, speaker=bea, role="guest")
    AppearanceFactory(episode=episode, speaker=host, role="host")
    episode.topics.add(TopicFactory(name="Water & <Power>"), TopicFactory(name="Amber 'x'"))
    html = page(client, episode.get_absolute_url())
    link = {s: f'<a href="/speakers/{s.slug}/">' for s in (host, bea, cy, caller)}
    assert (
        f'<p class="with">With {link[host]}Zoe &lt;Host&gt; &amp; &quot;Co&quot;</a> (host), '
        f'{link[bea]}Bea O&#x27;Neil</a>, {link[cy]}Cy</a> and <a href="#participants">1 more</a>'
        in html
    )
    assert (
        '<p class="tags">Topics: <a href="/topics/amber-x/">Amber &#x27;x&#x27;</a> · '
        '<a href="/topics/water-power/">Water &amp; &lt;Power&gt;</a></p>' in html
    )
    assert "<summary>Participants (4)</summary>" in html
    items = [
        f'{link[host]}Zoe &lt;Host&gt; &amp; &quot;Co&quot;</a> <span class="role">Host</span>',
        f'{link[bea]}Bea O&#x27;Neil</a> <span class="role">Guest</span>, Bay &lt;Area&gt;',
        f'{link[cy]}Cy</a> <span class="role">Guest</span>, editor, &quot;The &lt;Times&gt;',
        f'{link[caller]}Abe</a> <span class="role">Caller</span></li>',
    ]
    places = [html.index(f"<li>{item}") for item in items]
    assert places == sorted(places)


def factory_cycle(items):
    import factory

    return factory.Iterator(items)


def test_pages_carry_canonical_url_and_opengraph_tags(client, archive):
    html = page(client, archive["first"].get_absolute_url() + "?utm=x")
    assert (
        '<link rel="canonical" href="http://testserver/episodes/2025/11/14/soft-secession/">'
        in html
    )
    assert '<meta property="og:title" content="Soft Secession">' in html
    assert '<meta property="og:type" content="article">' in html


def test_a_missing_page_is_a_friendly_404(client, settings):
    settings.DEBUG = False
    response = client.get("/episodes/2099/01/01/nothing/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_pages_have_no_inline_scripts(client, archive):
    html = page(client, archive["first"].get_absolute_url())
    assert "<script>" not in html and "onclick" not in html and " style=" not in html
    assert '<script src="/static/js/episode.js" defer></script>' in html


def test_the_cached_transcript_fragment_never_outlives_an_edit(client, archive):
    from django.test import TestCase

    from episodes.signals import announce_archive_change
    from transcripts.models import Segment
    from transcripts.services import edit_segment

    url = archive["first"].get_absolute_url()
    assert "take a call." in page(client, url)
    segment = Segment.objects.get(text="Let's take a call.")
    with TestCase.captureOnCommitCallbacks(execute=True):
        edit_segment(segment, text="Let's take another call.")
    html = page(client, url)
    assert "take another call." in html and "take a call." not in html
    with TestCase.captureOnCommitCallbacks(execute=True):
        archive["host"].name = "Alexis M. Madrigal"
        archive["host"].save()
        announce_archive_change()  # as a rename in the admin does (AnnouncedChangesAdmin)
    assert page(client, url).count("Alexis M. Madrigal") >= 2


@pytest.mark.parametrize("moment", ["inf", "-inf", "nan", "1e999999999", "x", "-1", "172801"])
def test_a_moment_that_is_not_a_time_in_the_episode_is_a_400(
    client, moment, django_assert_num_queries
):
    episode = EpisodeFactory(is_published=True)
    # Refused before the episode is looked up.
    with django_assert_num_queries(0):
        response = client.get(episode.get_absolute_url(), {"t": moment})
    assert response.status_code == 400
    assert "?t= must be a number of seconds" in response.content.decode()


def test_a_moment_with_a_billion_decimals_is_read_as_the_start_at_once(client):
    episode = EpisodeFactory(is_published=True)
    assert client.get(episode.get_absolute_url(), {"t": "1e-999999999"}).status_code == 302


def test_every_time_link_on_the_page_redirects_to_its_own_paragraph(client, episode):
    html = page(client, episode.get_absolute_url())
    for segment in episode.transcripts.get().segments.all():
        start = html.index(f'id="{segment.anchor}"')
        moment = html[start:].split('href="?t=', 1)[1].split('"', 1)[0]
        response = client.get(episode.get_absolute_url(), {"t": moment})
        assert response["Location"].endswith(f"#{segment.anchor}"), (segment.position, moment)


def test_the_transcript_comes_before_the_description_and_participants(client, episode):
    html = page(client, episode.get_absolute_url())
    # Description, participants and talk time are folded (beside the transcript when wide).
    folds = html.split('<details class="fold', 4)
    assert len(folds) == 4 and "Participants (2)" in folds[2] and "Who spoke" in folds[3]
    assert html.index("<h1>") < html.index('class="with"') < html.index('class="transcript"')
    assert "Who spoke how much" in html and 'class="timeline-name">Sam Ortiz' in html


def test_a_search_in_the_episode_marks_the_words_with_next_and_previous(client, episode):
    html = page(client, episode.get_absolute_url(), q="levee")
    first, second = episode.transcripts.get().segments.order_by("position")[:2]
    transcript = html[html.index('class="transcript"') :]
    assert transcript.count('class="segment match"') == 2
    assert "<mark>levee</mark>" in transcript
    assert f'href="#{second.anchor}" rel="next"' in transcript
    assert f'href="#{first.anchor}" rel="prev"' in transcript


def test_a_process_keeps_recent_transcripts_within_its_bound_least_recent_out_first():
    from transcripts.views.episodes import RecentTranscripts

    recent = RecentTranscripts(max_chars=10)
    rendered = []

    def html(text):
        def render():
            rendered.append(text)
            return text

        return render

    assert recent.get(("a", 1), html("aaaa")) == "aaaa"
    assert recent.get(("a", 1), html("not again")) == "aaaa"  # kept: not rendered again
    recent.get(("b", 1), html("bbbb"))
    recent.get(("a", 1), html("not again"))  # a is now the most recent
    recent.get(("c", 1), html("cccc"))  # over 10 characters: b goes, not a
    assert recent.get(("a", 1), html("not again")) == "aaaa"
    assert recent.get(("b", 1), html("bbbb again")) == "bbbb again"
    assert recent.get(("d", 1), html("x" * 11)) == "x" * 11  # larger than the bound: not kept
    assert recent.chars <= 10 and ("d", 1) not in recent.entries
    assert rendered == ["aaaa", "bbbb", "cccc", "bbbb again", "x" * 11]
