"""The episode's admin page shows its versions and its trail: who did what, and when."""

import pytest

from episodes.services import merge_speakers
from tests.factories import EpisodeFactory, SpeakerFactory
from transcripts.services import editing, import_transcript

pytestmark = pytest.mark.django_db

TEXT = b"Rosa Delgado: Welcome.\n\nSam Ortiz: Thanks.\n"


def change_page(client, episode):
    return client.get(f"/admin/episodes/episode/{episode.pk}/change/").content.decode()


def test_the_episode_page_shows_imports_edits_restores_and_merges_with_who(editor_client, editor):
    episode = EpisodeFactory(title="Water week")
    first = import_transcript(TEXT, filename="first.txt", episode=episode, user=editor).transcript
    import_transcript(
        b"Rosa Delgado: Again.\n", filename="second.txt", episode=episode, replace=True
    )
    editor_client.post(f"/admin/transcripts/transcript/{first.pk}/restore/", {"confirm": "yes"})
    segment = first.segments.get(position=1)
    editing.edit_segment(segment, text="Welcome, everyone.", user=editor)
    sam = first.segments.get(position=2).speaker
    misspelt = SpeakerFactory(name="Sam Ortis")
    first.segments.filter(position=2).update(speaker=misspelt)
    merge_speakers(misspelt, into=sam, user=editor)

    html = change_page(editor_client, episode)

    assert "Imported first.txt as version 1 (2 paragraphs)" in html
    assert "Replaced version 1 with second.txt as version 2" in html
    assert "a command (no user)" in html  # the replacement came from a script
    assert "Restored version 1 in place of version 2 (kept)" in html
    assert "Edited paragraph 1: text" in html
    assert "Merged speaker “Sam Ortis” into “Sam Ortiz”" in html
    assert html.count("<td>editor</td>") >= 3


def test_the_episode_page_lists_versions_with_a_restore_button_for_old_ones(editor_client):
    episode = EpisodeFactory()
    import_transcript(TEXT, filename="first.txt", episode=episode)
    second = import_transcript(
        b"Rosa Delgado: Again.\n", filename="second.txt", episode=episode, replace=True
    ).transcript
    html = change_page(editor_client, episode)
    first = episode.transcripts.get(version=1)
    assert f"/admin/transcripts/transcript/{first.pk}/restore/" in html
    assert f"/admin/transcripts/transcript/{second.pk}/restore/" not in html
    old_version_page = editor_client.get(f"/admin/transcripts/transcript/{first.pk}/change/")
    assert "Make this version current" in old_version_page.content.decode()
    asked = editor_client.post(f"/admin/transcripts/transcript/{first.pk}/restore/")
    assert "becomes the current transcript in place of version 2" in asked.content.decode()
    first.refresh_from_db()
    assert not first.is_current  # asking changes nothing
    restored = editor_client.post(
        f"/admin/transcripts/transcript/{first.pk}/restore/", {"confirm": "yes"}
    )
    assert restored.status_code == 302
    first.refresh_from_db()
    assert first.is_current


def test_restoring_the_current_version_again_says_so_and_changes_nothing(editor_client):
    episode = EpisodeFactory()
    current = import_transcript(TEXT, filename="first.txt", episode=episode).transcript
    response = editor_client.post(
        f"/admin/transcripts/transcript/{current.pk}/restore/", follow=True
    )
    assert "already the current one" in response.content.decode()


def test_edits_to_the_episodes_details_appear_from_the_admin_history(editor_client):
    episode = EpisodeFactory(title="Before")
    page = editor_client.get(f"/admin/episodes/episode/{episode.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name != "topics"}
    data.update(
        {
            "title": "After",
            "air_date": episode.air_date.isoformat(),
            "appearances-TOTAL_FORMS": "0",
            "appearances-INITIAL_FORMS": "0",
        }
    )
    editor_client.post(f"/admin/episodes/episode/{episode.pk}/change/", data)
    assert "Edited the episode’s details: Changed Title." in change_page(editor_client, episode)
