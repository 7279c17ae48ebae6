import pytest

from tests.factories import (
    AppearanceFactory,
    SegmentFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "/admin/episodes/show/",
    "/admin/episodes/episode/",
    "/admin/episodes/speaker/",
    "/admin/episodes/appearance/",
    "/admin/episodes/topic/",
    "/admin/transcripts/transcript/",
    "/admin/transcripts/segment/",
]


@pytest.mark.parametrize("url", ["/admin/", *CHANGELISTS])
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_logged_in_non_staff_users_cannot_reach_the_admin(client):
    client.force_login(UserFactory(is_staff=False))
    response = client.get("/admin/episodes/episode/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", CHANGELISTS)
def test_staff_see_every_changelist_with_rows(staff_client, url):
    segment = SegmentFactory(text="A paragraph of talk")
    AppearanceFactory(episode=segment.transcript.episode)
    TopicFactory(name="Housing")
    response = staff_client.get(url)
    assert response.status_code == 200


def test_staff_search_episodes_and_open_one(staff_client):
    segment = SegmentFactory()
    episode = segment.transcript.episode
    listing = staff_client.get("/admin/episodes/episode/", {"q": episode.title})
    assert episode.title in listing.content.decode()
    change = staff_client.get(f"/admin/episodes/episode/{episode.pk}/change/")
    assert change.status_code == 200


def test_speaker_autocomplete_answers_staff(staff_client):
    AppearanceFactory(speaker__name="Clara Jeffery")
    response = staff_client.get(
        "/admin/autocomplete/",
        {
            "term": "clara",
            "app_label": "episodes",
            "model_name": "appearance",
            "field_name": "speaker",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["text"] == "Clara Jeffery"
