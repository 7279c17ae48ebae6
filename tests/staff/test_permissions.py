"""Who reaches what: anonymous visitors and non-staff never reach the admin; staff
without the Editors group cannot change transcripts; Editors can, but not users or groups."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from episodes.models import Episode
from tests.factories import (
    EditorFactory,
    SegmentFactory,
    SpeakerFactory,
    TranscriptFactory,
    UserFactory,
)
from tests.staff.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def things():
    segment = SegmentFactory()
    transcript = segment.transcript
    old = TranscriptFactory(episode=transcript.episode, version=2, is_current=False)
    return {
        "episode": transcript.episode.pk,
        "segment": segment.pk,
        "old_version": old.pk,
        "speaker": SpeakerFactory().pk,
    }


def staff_pages(things):
    """(method, url) of every staff workflow page."""
    episode = f"/admin/episodes/episode/{things['episode']}"
    return [
        ("get", "/admin/episodes/episode/import/"),
        ("get", "/admin/episodes/episode/import/some-token/"),
        ("get", f"{episode}/transcript/"),
        ("get", f"{episode}/transcript/split/{things['segment']}/"),
        ("post", f"{episode}/publish/"),
        ("post", f"/admin/transcripts/transcript/{things['old_version']}/restore/"),
        ("get", f"/admin/episodes/speaker/{things['speaker']}/merge/"),
    ]


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in-not-staff"])
def test_visitors_who_are_not_staff_are_sent_to_the_login_page_from_every_staff_page(
    client, things, signed_in
):
    if signed_in:
        client.force_login(UserFactory(is_staff=False))
    for method, url in staff_pages(things):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


def test_staff_outside_the_editors_group_may_not_use_the_staff_pages(client, things):
    client.force_login(UserFactory(is_staff=True))
    for method, url in staff_pages(things):
        assert getattr(client, method)(url).status_code == 403, url


def test_editors_reach_the_staff_pages(editor_client, things):
    for method, url in staff_pages(things):
        if "some-token" in url:
            continue  # an upload of nobody's: 404
        assert getattr(editor_client, method)(url).status_code in (200, 302), url


# The admin pages of the catalogue and transcripts, which editors manage; those of
# users and groups, which they may not even see.
CATALOGUE_ADMIN = [
    "/admin/episodes/episode/add/",
    "/admin/episodes/speaker/add/",
    "/admin/episodes/topic/add/",
    "/admin/episodes/show/add/",
    "/admin/episodes/appearance/",
    "/admin/transcripts/transcript/",
    "/admin/transcripts/segment/",
    "/admin/episodes/trailentry/",
]
ACCOUNTS_ADMIN = [
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/admin/auth/group/",
    "/admin/auth/group/add/",
]


@pytest.mark.parametrize(
    "url, status",
    [(url, 200) for url in CATALOGUE_ADMIN] + [(url, 403) for url in ACCOUNTS_ADMIN],
)
def test_editors_manage_the_catalogue_but_not_users_or_groups(editor_client, url, status):
    assert editor_client.get(url).status_code == status


def test_editors_cannot_delete_episodes_or_transcripts(editor_client):
    transcript = TranscriptFactory()
    episode = transcript.episode
    assert editor_client.get(f"/admin/episodes/episode/{episode.pk}/delete/").status_code == 403
    delete_transcript = f"/admin/transcripts/transcript/{transcript.pk}/delete/"
    assert editor_client.get(delete_transcript).status_code == 403


def test_the_editors_group_comes_from_a_migration_without_user_or_group_rights():
    group = Group.objects.get(name="Editors")
    rights = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert {
        ("transcripts", "add_transcript"),
        ("transcripts", "change_segment"),
        ("transcripts", "change_transcript"),
        ("episodes", "change_episode"),
        ("episodes", "add_speaker"),
        ("episodes", "delete_speaker"),
        ("episodes", "add_topic"),
        ("episodes", "change_topic"),
    } <= rights
    assert not {app for app, _ in rights} & {"auth", "contenttypes", "sessions", "admin"}
    assert ("episodes", "delete_episode") not in rights
    assert ("transcripts", "delete_transcript") not in rights


def test_a_member_of_editors_without_staff_status_never_reaches_the_admin(client):
    member = EditorFactory(username="not-staff", is_staff=False)
    client.force_login(member)
    response = client.get("/admin/episodes/episode/import/")
    assert response["Location"].startswith("/admin/login/")


def test_without_the_right_to_add_episodes_an_import_must_go_into_an_existing_one(
    editor_client, editor
):
    importers = Group.objects.create(name="Importers")
    importers.permissions.set(
        Permission.objects.filter(codename__in=["add_transcript", "view_episode"])
    )
    editor.groups.set([importers])
    file = SimpleUploadedFile("2025-01-02-title.txt", b"Rosa: Hello.\n")
    response = editor_client.post("/admin/episodes/episode/import/", {"file": file})
    page = editor_client.get(response["Location"])
    refused = editor_client.post(
        response["Location"], form_data(page.context["form"], action="confirm", new_show="Forum")
    )
    assert "You may not create episodes" in refused.content.decode()
    assert not Episode.objects.exists()
