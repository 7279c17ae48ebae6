"""Issue 13, finding 4: nothing heard only in a draft reaches a public answer.

A speaker, a topic and a show that belong to an unpublished episode only are
named nowhere: not in suggestions, feeds, facets, lists, lookups or sitemaps.
Every public URL pattern is visited (a new one fails the test until it is added
here), with the draft's slugs, and with queries that name them.
"""

import re

import pytest
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver

from episodes.signals import announce_archive_change
from tests.factories import (
    EpisodeFactory,
    ShowFactory,
    SpeakerFactory,
    TopicFactory,
    transcript_saying,
)
from transcripts.exporters import EXPORT_FORMATS

pytestmark = pytest.mark.django_db

SECRET_NAMES = ("Quentin Draftworth", "Zephyrine Policy", "Hidden Hour")


@pytest.fixture
def archive():
    """A published episode, and a draft with its own speaker, topic and show."""
    public_show = ShowFactory(name="Forum")
    public = EpisodeFactory(show=public_show, title="Water Week", is_published=True)
    host = SpeakerFactory(name="Alexis Madrigal")
    transcript_saying(public, ("Quentin asked a question.", host))

    hidden_show = ShowFactory(name="Hidden Hour")
    draft = EpisodeFactory(show=hidden_show, title="Draft Only", is_published=False)
    secret_speaker = SpeakerFactory(name="Quentin Draftworth")
    secret_topic = TopicFactory(name="Zephyrine Policy")
    draft.topics.add(secret_topic)
    public.topics.add(TopicFactory(name="Water"))
    transcript_saying(draft, ("Quentin Draftworth on zephyrine policy and water.", secret_speaker))
    return {
        "public": public,
        "draft": draft,
        "speaker": secret_speaker,
        "topic": secret_topic,
        "show": hidden_show,
    }


def public_routes(patterns=None, prefix=""):
    """(route, pattern) of every URL outside the admin, e.g. 'speakers/<slug:slug>/'."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith("admin/") or route.startswith("^media"):
            continue
        if isinstance(entry, URLResolver):
            yield from public_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def addresses(route, archive):
    """The addresses to try for one route, filled with the draft's things."""
    kinds = {"speakers/": "speaker", "topics/": "topic", "shows/": "show"}
    values = {}
    site_route = route.removeprefix("api/v1/")  # the API's addresses mirror the site's
    if "?P<rest>" in route:  # the API's catch-all: any other address under /api/v1/
        return ["/api/v1/anything/else/"]
    for name in re.findall(r"<(?:\w+:)?(\w+)>", route):
        if name in ("year", "month", "day"):
            continue
        if name == "format":
            continue
        if name == "token":  # alert links: signed, a made-up one is refused
            values["token"] = "not-a-signed-token"
            continue
        if name == "slug" and site_route.startswith("episodes/"):
            continue
        if name == "slug":
            kind = next(kind for start, kind in kinds.items() if site_route.startswith(start))
            values["slug"] = archive[kind].slug
        else:
            raise AssertionError(f"the test does not know how to fill <{name}> in {route}")
    urls = []
    for episode in (archive["draft"], archive["public"]):
        filled = route
        filled = re.sub(r"<(?:int|yyyy):year>", str(episode.air_date.year), filled)
        filled = re.sub(r"<dd:month>", f"{episode.air_date.month:02d}", filled)
        filled = re.sub(r"<dd:day>", f"{episode.air_date.day:02d}", filled)
        filled = re.sub(r"<slug:slug>", values.get("slug", episode.slug), filled)
        filled = filled.replace("<str:token>", values.get("token", ""))
        for export in EXPORT_FORMATS if "<str:format>" in filled else [None]:
            urls.append("/" + filled.replace("<str:format>", export or ""))
    return sorted(set(urls))


def queries(archive):
    """Query strings that name the draft's things or words only it says."""
    speaker, topic, show = archive["speaker"].slug, archive["topic"].slug, archive["show"].slug
    return [
        "",
        "?q=quentin",
        "?q=draftworth",
        "?q=zephyrine",
        "?q=hidden",
        "?q=water",
        f"?speaker={speaker}",
        f"?q=water&speaker={speaker}",
        f"?topic={topic}",
        f"?show={show}",
        "?name=quentin",
        "?name=Draftworth",
        "?speaker_name=Quentin",
        "?t=1",
    ]


def test_every_public_address_keeps_a_drafts_speaker_topic_and_show_to_itself(client, archive):
    visited = 0
    for route in public_routes():
        for url in addresses(route, archive):
            for query in queries(archive):
                response = client.get(url + query, follow=True)
                raw = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                body = raw.decode(errors="replace").lower()
                for name in SECRET_NAMES:
                    assert name.lower() not in body, f"{url}{query} names {name!r}"
                visited += 1
    assert visited > 300  # every route, with every query


def test_search_suggests_no_draft_speaker_but_a_public_one(client, archive):
    page = client.get("/search/", {"q": "quentin"}).content.decode()
    assert "Quentin Draftworth" not in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        archive["public"].appearances.create(speaker=archive["speaker"])
        announce_archive_change()  # as the admin's save does (AnnouncedChangesAdmin)
    page = client.get("/search/", {"q": "quentin"}).content.decode()
    assert "Quentin Draftworth" in page  # once heard in public, the suggestion is fair


def test_draft_only_show_and_topic_pages_and_feeds_are_not_found(client, archive):
    for url in (
        f"/shows/{archive['show'].slug}/",
        f"/shows/{archive['show'].slug}/feed.rss",
        f"/topics/{archive['topic'].slug}/",
        f"/speakers/{archive['speaker'].slug}/",
    ):
        assert client.get(url).status_code == 404, url


def test_public_lists_hide_shows_topics_and_speakers_with_no_published_episode(client, archive):
    for url, public_name in (
        ("/shows/", "Forum"),
        ("/topics/", "Water"),
        ("/speakers/", "Alexis Madrigal"),
        ("/", "Forum"),
    ):
        page = client.get(url).content.decode()
        assert public_name in page
        assert not any(name in page for name in SECRET_NAMES), url
