"""Publishing and unpublishing, recorded; an unpublished episode and its paragraphs are
on no public page, feed, sitemap or search."""

import pytest

from episodes.trail import TrailEntry
from tests.factories import AppearanceFactory, EpisodeFactory, SegmentFactory, TopicFactory

pytestmark = pytest.mark.django_db

WORD = "zanzibarian"  # a word found nowhere else


@pytest.fixture
def draft():
    segment = SegmentFactory(
        transcript__episode__title="Hidden Draft Episode",
        transcript__episode__is_published=False,
        text=f"A {WORD} paragraph nobody may read yet.",
    )
    episode = segment.transcript.episode
    appearance = AppearanceFactory(episode=episode, speaker__name="Dana Draftsperson")
    segment.speaker = appearance.speaker
    segment.save()
    episode.topics.add(TopicFactory(name="Drafts"))
    return episode


def public_pages(episode):
    """Every public page that would list the episode, with its status while it is a draft.

    Pages that exist only for the draft's speaker, topic and show are not found at all:
    someone heard only in drafts has no public page either.
    """
    speaker = episode.appearances.get().speaker
    topic = episode.topics.get()
    return {
        "/": 200,
        "/episodes/": 200,
        f"/speakers/{speaker.slug}/": 404,
        f"/topics/{topic.slug}/": 404,
        f"/shows/{episode.show.slug}/": 404,
        "/episodes/feed.rss": 200,
        "/episodes/feed.atom": 200,
        f"/shows/{episode.show.slug}/feed.rss": 404,
        "/sitemap.xml": 200,
        f"/search/?q={WORD}": 200,
        f"/search/?q={WORD}&sort=newest": 200,
        f"/search/feed/rss/?q={WORD}": 200,
    }


def test_the_publish_button_publishes_and_records_who(editor_client, draft):
    response = editor_client.post(
        f"/admin/episodes/episode/{draft.pk}/publish/", {"action": "publish"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published
    entry = TrailEntry.objects.get(episode=draft)
    assert (entry.action, entry.user_name) == ("published", "editor")


def test_unpublishing_takes_the_episode_off_and_records_it(editor_client, draft):
    draft.is_published = True
    draft.save()
    url = f"/admin/episodes/episode/{draft.pk}/publish/"
    asked = editor_client.post(url, {"action": "unpublish"}).content.decode()
    assert f"The public page {draft.get_absolute_url()} will answer “not found”" in asked
    assert "RSS and Atom feeds" in asked
    draft.refresh_from_db()
    assert draft.is_published  # asking changes nothing
    editor_client.post(url, {"action": "unpublish", "confirm": "yes"})
    draft.refresh_from_db()
    assert not draft.is_published
    assert TrailEntry.objects.get(episode=draft).action == "unpublished"


def test_the_changelist_actions_publish_through_the_same_service(editor_client, draft):
    other = EpisodeFactory(is_published=False)
    editor_client.post(
        "/admin/episodes/episode/",
        {"action": "publish", "_selected_action": [draft.pk, other.pk]},
    )
    assert TrailEntry.objects.filter(action="published").count() == 2
    editor_client.post(
        "/admin/episodes/episode/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    assert TrailEntry.objects.filter(action="published").count() == 2  # no change, no entry


def test_the_changelist_unpublish_action_asks_first_naming_speakers_who_lose_their_page(
    editor_client, draft
):
    draft.is_published = True
    draft.save()
    only_here = AppearanceFactory(episode=draft).speaker
    choices = {"action": "unpublish", "_selected_action": [draft.pk]}
    asked = editor_client.post("/admin/episodes/episode/", choices).content.decode()
    assert "Unpublish 1 episode(s)?" in asked
    assert f"their pages go too: Dana Draftsperson, {only_here.name}." in asked
    draft.refresh_from_db()
    assert draft.is_published
    editor_client.post("/admin/episodes/episode/", {**choices, "confirm": "yes"})
    draft.refresh_from_db()
    assert not draft.is_published


def test_the_change_form_does_not_publish_behind_the_trails_back(editor_client, draft):
    page = editor_client.get(f"/admin/episodes/episode/{draft.pk}/change/")
    assert "is_published" not in page.context["adminform"].form.fields


def test_an_unpublished_episode_and_its_paragraphs_appear_on_no_public_page(client, draft):
    for url, status in public_pages(draft).items():
        response = client.get(url)
        assert response.status_code == status, url
        html = response.content.decode()
        assert "Hidden Draft Episode" not in html, url
        assert "nobody may read yet" not in html, url
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"{draft.get_absolute_url()}transcript.vtt").status_code == 404


def test_once_published_the_same_pages_show_it(client, draft):
    draft.is_published = True
    draft.save()
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert "Hidden Draft Episode" in client.get("/episodes/").content.decode()
    assert draft.get_absolute_url() in client.get("/sitemap.xml").content.decode()
    assert "Hidden Draft Episode" in client.get(f"/search/?q={WORD}").content.decode()
