"""Merging two speakers from the admin: choose, see what moves, confirm."""

import pytest

from episodes.models import Speaker
from staff.models import TrailEntry
from tests.factories import AppearanceFactory, SegmentFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def misspelt():
    segment = SegmentFactory(speaker=SpeakerFactory(name="Elany Kunaki", slug="elany-kunaki"))
    AppearanceFactory(episode=segment.transcript.episode, speaker=segment.speaker)
    return segment.speaker


def merge_url(speaker):
    return f"/admin/episodes/speaker/{speaker.pk}/merge/"


def test_look_alike_speakers_are_offered_to_merge_into(editor_client, misspelt):
    real = SpeakerFactory(name="Eleni Kounalakis")
    SpeakerFactory(name="Someone Else Entirely")
    form = editor_client.get(merge_url(misspelt)).context["form"]
    assert [value for value, _ in form.fields["into"].widget.choices] == [str(real.pk)]


def test_nothing_changes_until_the_merge_is_confirmed(editor_client, misspelt):
    real = SpeakerFactory(name="Eleni Kounalakis")
    check = editor_client.post(merge_url(misspelt), {"into": str(real.pk)})
    assert "1 paragraph move from “Elany Kunaki” to “Eleni Kounalakis”" in check.content.decode()
    assert Speaker.objects.filter(pk=misspelt.pk).exists()

    done = editor_client.post(merge_url(misspelt), {"into": str(real.pk), "confirm": "yes"})
    assert done["Location"] == f"/admin/episodes/speaker/{real.pk}/change/"
    assert not Speaker.objects.filter(pk=misspelt.pk).exists()
    assert real.segments.count() == 1
    assert TrailEntry.objects.get().user_name == "editor"


def test_a_speaker_can_be_merged_into_one_found_by_name(editor_client, misspelt):
    real = SpeakerFactory(name="Lt. Governor Kounalakis")
    response = editor_client.post(
        merge_url(misspelt), {"into_name": "lt. governor kounalakis", "confirm": "yes"}
    )
    assert response.status_code == 302
    assert real.segments.count() == 1


def test_an_unknown_name_or_the_speaker_themselves_is_refused(editor_client, misspelt):
    unknown = editor_client.post(merge_url(misspelt), {"into_name": "Nobody Known"})
    assert "No speaker is called “Nobody Known”" in unknown.content.decode()
    itself = editor_client.post(merge_url(misspelt), {"into": str(misspelt.pk), "confirm": "yes"})
    assert "cannot be merged into themselves" in itself.content.decode()
    assert Speaker.objects.filter(pk=misspelt.pk).exists()


def test_the_changelist_action_takes_two_speakers_to_the_merge_page(editor_client, misspelt):
    real = SpeakerFactory(name="Eleni Kounalakis")
    SegmentFactory(speaker=real)
    SegmentFactory(speaker=real)
    response = editor_client.post(
        "/admin/episodes/speaker/",
        {"action": "merge_selected", "_selected_action": [misspelt.pk, real.pk]},
    )
    # The one heard less is the one folded in.
    assert response["Location"] == f"{merge_url(misspelt)}?into={real.pk}"
    page = editor_client.get(response["Location"])
    assert page.context["form"]["into"].value() == str(real.pk)


def test_the_action_wants_exactly_two_speakers(editor_client, misspelt):
    response = editor_client.post(
        "/admin/episodes/speaker/",
        {"action": "merge_selected", "_selected_action": [misspelt.pk]},
        follow=True,
    )
    assert "Select exactly two speakers to merge." in response.content.decode()
