"""Merging two speakers from the admin: choose, see what moves, confirm."""

import pytest

from episodes.models import Speaker
from episodes.trail import TrailEntry
from tests.factories import AppearanceFactory, SegmentFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def misspelt():
    segment = SegmentFactory(speaker=SpeakerFactory(name="Elany Kunaki", slug="elany-kunaki"))
    AppearanceFactory(episode=segment.transcript.episode, speaker=segment.speaker)
    return segment.speaker


def merge_url(speaker):
    return f"/admin/episodes/speaker/{speaker.pk}/merge/"


def test_look_alike_speakers_are_offered_and_the_likeliest_is_preselected(editor_client, misspelt):
    real = SpeakerFactory(name="Eleni Kounalakis")
    SpeakerFactory(name="Someone Else Entirely")
    form = editor_client.get(merge_url(misspelt)).context["form"]
    assert [value for value, _ in form.fields["into"].widget.choices] == [str(real.pk)]
    assert form["into"].value() == str(real.pk)


def test_nothing_changes_until_the_merge_is_confirmed(editor_client, misspelt):
    real = SpeakerFactory(name="Eleni Kounalakis")
    check = editor_client.post(merge_url(misspelt), {"into": str(real.pk)})
    html = check.content.decode()
    assert "1 paragraph of “Elany Kunaki” in 1 episode move to “Eleni Kounalakis”" in html
    assert "/speakers/elany-kunaki/ will redirect to" in html
    assert Speaker.objects.filter(pk=misspelt.pk).exists()

    done = editor_client.post(
        merge_url(misspelt), {"with": str(real.pk), "keep": str(real.pk), "confirm": "yes"}
    )
    assert done["Location"] == f"/admin/episodes/speaker/{real.pk}/change/"
    assert not Speaker.objects.filter(pk=misspelt.pk).exists()
    assert real.segments.count() == 1
    assert TrailEntry.objects.get().user_name == "editor"


def test_the_survivor_defaults_to_page_history_not_the_bigger_count(editor_client):
    typo = SpeakerFactory(name="Mina Kym", slug="mina-kym")
    for _ in range(3):
        SegmentFactory(speaker=typo)
    real = SpeakerFactory(name="Mina Kim", slug="mina-kim", affiliation="KQED")
    SegmentFactory(speaker=real)
    page = editor_client.get(f"{merge_url(typo)}?with={real.pk}")
    assert page.context["survivor"].speaker == real
    assert f'value="{real.pk}" checked' in page.content.decode()
    # Staff can still keep the other one.
    editor_client.post(
        merge_url(typo), {"with": str(real.pk), "keep": str(typo.pk), "confirm": "yes"}
    )
    assert list(Speaker.objects.values_list("name", flat=True)) == ["Mina Kym"]


def test_without_any_history_the_older_record_survives(editor_client):
    older, newer = SpeakerFactory(name="Mina Kim"), SpeakerFactory(name="Mina Kym")
    SegmentFactory(speaker=newer)
    page = editor_client.get(f"{merge_url(newer)}?with={older.pk}")
    assert page.context["survivor"].speaker == older


def test_a_speaker_can_be_merged_with_one_found_by_name(editor_client, misspelt):
    real = SpeakerFactory(name="Lt. Governor Kounalakis")
    check = editor_client.post(merge_url(misspelt), {"into_name": "lt. governor kounalakis"})
    assert check.context["other"] == real
    editor_client.post(
        merge_url(misspelt), {"with": str(real.pk), "keep": str(real.pk), "confirm": "yes"}
    )
    assert real.segments.count() == 1


def test_an_unknown_name_or_the_speaker_themselves_is_refused(editor_client, misspelt):
    unknown = editor_client.post(merge_url(misspelt), {"into_name": "Nobody Known"})
    assert "No speaker is called “Nobody Known”" in unknown.content.decode()
    itself = editor_client.post(merge_url(misspelt), {"into": str(misspelt.pk)})
    assert "cannot be merged into themselves" in itself.content.decode()
    editor_client.post(
        merge_url(misspelt), {"with": str(misspelt.pk), "keep": str(misspelt.pk), "confirm": "yes"}
    )
    assert Speaker.objects.filter(pk=misspelt.pk).exists()


def test_the_changelist_action_takes_two_speakers_to_the_comparison(editor_client, misspelt):
    real = SpeakerFactory(name="Eleni Kounalakis")
    response = editor_client.post(
        "/admin/episodes/speaker/",
        {"action": "merge_selected", "_selected_action": [misspelt.pk, real.pk]},
    )
    assert response["Location"] == f"{merge_url(misspelt)}?with={real.pk}"
    page = editor_client.get(response["Location"])
    assert [side.speaker for side in page.context["sides"]] == [misspelt, real]


def test_the_action_wants_exactly_two_speakers(editor_client, misspelt):
    response = editor_client.post(
        "/admin/episodes/speaker/",
        {"action": "merge_selected", "_selected_action": [misspelt.pk]},
        follow=True,
    )
    assert "Select exactly two speakers to merge." in response.content.decode()
