"""The admin import: upload, a preview that saves nothing, confirm through the import
service, cancel, refusals, replacement."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import SkipFile
from django.test import RequestFactory
from django.utils import timezone

from episodes.models import Appearance, Episode, Show, Speaker, Topic
from episodes.trail import TrailEntry
from staff.models import PendingUpload
from staff.uploads import SizeLimitUploadHandler
from tests.factories import (
    EditorFactory,
    EpisodeFactory,
    ShowFactory,
    SpeakerFactory,
    TopicFactory,
)
from tests.shared_files import shared_file
from tests.staff.forms import form_data
from transcripts.models import Segment, Transcript
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db

IMPORT = "/admin/episodes/episode/import/"
TEXT = (
    b"Rosa Delgado: Welcome to Bay Commons. Today, groundwater.\n\n"
    b"ELENI KOUNALAKIS: Groundwater feeds the wells. Groundwater is slow.\n\n"
    b"Rosa Delgado: How slow is groundwater?\n"
)


def upload(client, data, name="2025-03-11-groundwater.txt", **fields):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), **fields})


def catalogue_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Show, Episode, Speaker, Appearance, Topic, Transcript, Segment)
    }


def label_index(form, label):
    return next(i for i, p in enumerate(form.preview.labels) if p.label == label)


@pytest.fixture
def bay_commons():
    return ShowFactory(name="Bay Commons")


def test_the_episode_list_and_each_episode_link_to_the_import_page(editor_client):
    episode = EpisodeFactory()
    assert IMPORT in editor_client.get("/admin/episodes/episode/").content.decode()
    change = editor_client.get(f"/admin/episodes/episode/{episode.pk}/change/").content.decode()
    assert f"{IMPORT}?episode={episode.pk}" in change
    assert editor_client.get(f"{IMPORT}?episode={episode.pk}").status_code == 200


def test_an_upload_is_kept_for_its_preview_and_nothing_enters_the_catalogue(editor_client):
    before = catalogue_counts()
    response = upload(editor_client, TEXT)
    pending = PendingUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{IMPORT}{pending.token}/"
    assert bytes(pending.data) == TEXT
    assert editor_client.get(response["Location"]).status_code == 200
    assert catalogue_counts() == before


def test_the_preview_of_the_seed_page_shows_episode_speakers_warnings_and_paragraphs(
    editor_client,
):
    TopicFactory(name="Immigration")
    path = shared_file("seeds/forum-soft-secession-2025-11-14.txt")
    response = upload(editor_client, path.read_bytes(), name=path.name)
    page = editor_client.get(response["Location"])
    html = page.content.decode()
    form = page.context["form"]
    assert form["title"].value() == "Soft Secession: How States Break Away Without Leaving"
    assert form["show"].value() is None  # no show called Forum yet: staff choose or name one
    assert "The file says “Forum”, which is not a show in the archive." in html
    assert form["air_date"].value() == datetime.date(2025, 11, 14)
    assert form["duration_s"].value() == 3024
    assert page.context["preview"].segment_count == 143
    assert "estimated from word counts" in html
    roles = {p.label: p.role for p in form.preview.labels}
    assert roles == {
        "Clara Jeffery": "guest",
        "Alexis Madrigal": "host",
        "John Michaels": "guest",
        "Eleni Kounalakis": "guest",
        "George": "caller",
        "Pam": "caller",
    }
    assert "could not be given a speaker" in html
    assert "have speakers inferred from what was said" in html
    assert "Welcome to Forum, I&#x27;m Alexis Madrigal." in html
    assert [t.name for t in form.fields["topics"].queryset] == ["Immigration"]
    assert "Secession" in dict(form.fields["new_topics"].choices)
    assert PendingUpload.objects.count() == 1
    assert not Episode.objects.exists()


def test_an_existing_speaker_is_proposed_by_forgiving_name_matching(editor_client):
    eleni = SpeakerFactory(name="Eleni Kounalakis")
    response = upload(editor_client, TEXT)
    form = editor_client.get(response["Location"]).context["form"]
    index = label_index(form, "Eleni Kounalakis")
    assert form[f"speaker_{index}"].value() == str(eleni.pk)
    assert form[f"speaker_{label_index(form, 'Rosa Delgado')}"].value() == "new"


def test_confirm_saves_episode_transcript_speakers_roles_and_topics_in_one_import(
    editor_client, editor, bay_commons
):
    water, rosa = TopicFactory(name="Water"), SpeakerFactory(name="Rosa M. Delgado")
    response = upload(editor_client, TEXT, show=bay_commons.pk)
    page = editor_client.get(response["Location"])
    form = page.context["form"]
    rosa_index = label_index(form, "Rosa Delgado")
    choices = form_data(
        form,
        action="confirm",
        title="Groundwater, slowly",
        **{f"other_{rosa_index}": "Rosa M. Delgado", f"role_{rosa_index}": "host"},
        more_topics=[str(water.pk)],
        new_topics=["Groundwater"],
        more_new_topics="Wells, Aquifers",
    )
    assert "Groundwater" in dict(form.fields["new_topics"].choices)

    done = editor_client.post(response["Location"], choices)

    episode = Episode.objects.get()
    assert done.status_code == 302
    assert done["Location"] == f"/admin/episodes/episode/{episode.pk}/change/"
    assert (episode.title, episode.show.name, episode.is_published) == (
        "Groundwater, slowly",
        "Bay Commons",
        False,
    )
    segments = episode.transcripts.get().segments.order_by("position")
    assert [s.speaker.name for s in segments] == [
        "Rosa M. Delgado",
        "Eleni Kounalakis",  # the capitals of the file, in the name's own casing
        "Rosa M. Delgado",
    ]
    assert Appearance.objects.get(episode=episode, speaker=rosa).role == "host"
    assert sorted(episode.topics.values_list("name", flat=True)) == [
        "Aquifers",
        "Groundwater",
        "Water",
        "Wells",
    ]
    assert episode.transcripts.get().imported_by == editor
    assert not PendingUpload.objects.exists()
    assert TrailEntry.objects.get(episode=episode).action == "imported"


def test_cancel_saves_nothing_and_forgets_the_upload(editor_client):
    before = catalogue_counts()
    response = upload(editor_client, TEXT)
    cancelled = editor_client.post(response["Location"], {"action": "cancel"})
    assert cancelled.status_code == 302
    assert not PendingUpload.objects.exists()
    assert catalogue_counts() == before
    assert editor_client.get(response["Location"]).status_code == 404


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"", "empty.vtt", "The submitted file is empty"),
        (b"   \n", "blank.txt", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "cover.srt", "cover.srt"),
        (b"WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nBackwards.\n", "bad.vtt", "bad.vtt"),
    ],
)
def test_a_refused_file_shows_the_services_message_and_nothing_is_saved(
    editor_client, data, name, message
):
    before = catalogue_counts()
    response = upload(editor_client, data, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors["file"]
    assert not PendingUpload.objects.exists()
    assert catalogue_counts() == before


def test_a_file_over_the_limit_is_refused_with_a_clear_message(editor_client, settings):
    settings.MAX_UPLOAD_MB = 1
    response = upload(editor_client, b"Rosa: words\n" * 90_000, name="huge.txt")
    assert response.status_code == 200
    assert "over the 1 MB limit (MAX_UPLOAD_MB)" in response.content.decode()
    assert not PendingUpload.objects.exists()


def test_the_size_limit_drops_a_file_as_it_streams_in_before_it_is_whole(settings):
    settings.MAX_UPLOAD_MB = 1
    request = RequestFactory().post("/", CONTENT_LENGTH="5000000")
    handler = SizeLimitUploadHandler(request)
    handler.new_file("file", "huge.txt", "text/plain", None)
    chunk = b"x" * 65_536
    for start in range(0, 1024 * 1024, len(chunk)):
        assert handler.receive_data_chunk(chunk, start) == chunk
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(chunk, 1024 * 1024)
    assert request.upload_refusal == (
        "huge.txt: the file is 4.8 MB, over the 1 MB limit (MAX_UPLOAD_MB)"
    )


def test_a_refusal_at_confirm_is_shown_on_the_preview_and_nothing_is_saved(editor_client):
    # Staff make a new episode of the one the preview found, which has a transcript already.
    existing = import_transcript(
        b"Sam: Other words.\n", filename="2025-03-11-groundwater.txt", show="Bay Commons"
    ).episode
    before = catalogue_counts()
    response = upload(editor_client, TEXT)
    page = editor_client.post(response["Location"], {"action": "refresh", "target": "new"})
    assert "A new episode" in page.content.decode()  # redrawn: nothing saved yet
    refused = editor_client.post(
        response["Location"],
        form_data(
            page.context["form"], action="confirm", title=existing.title, show=existing.show_id
        ),
    )
    assert refused.status_code == 200
    assert "Nothing was saved" in refused.content.decode()
    assert "already has a transcript" in refused.content.decode()
    assert catalogue_counts() == before
    assert PendingUpload.objects.exists()  # staff can correct the choices and confirm again


def test_replacing_a_transcript_goes_through_the_preview_and_keeps_the_old_version(
    editor_client,
):
    episode = EpisodeFactory(title="Groundwater", is_published=True)
    import_transcript(b"Sam Ortiz: The first version.\n", filename="v1.txt", episode=episode)
    response = upload(editor_client, TEXT, episode=episode.pk)
    page = editor_client.get(response["Location"])
    assert "It replaces the current version 1" in page.content.decode()
    editor_client.post(response["Location"], form_data(page.context["form"], action="confirm"))
    versions = dict(episode.transcripts.values_list("version", "is_current"))
    assert versions == {1: False, 2: True}
    episode.refresh_from_db()
    assert episode.is_published  # a replacement does not unpublish
    assert TrailEntry.objects.filter(episode=episode, action="replaced").exists()


def test_the_same_file_again_has_nothing_to_confirm(editor_client):
    episode = EpisodeFactory()
    import_transcript(TEXT, filename="a.txt", episode=episode)
    response = upload(editor_client, TEXT, episode=episode.pk)
    page = editor_client.get(response["Location"]).content.decode()
    assert "Identical to the current version" in page
    assert 'value="confirm"' not in page


def test_an_upload_is_seen_only_by_the_person_who_made_it(editor_client, client):
    response = upload(editor_client, TEXT)
    client.force_login(EditorFactory(username="someone-else"))
    assert client.get(response["Location"]).status_code == 404
    assert client.post(response["Location"], {"action": "cancel"}).status_code == 404
    assert PendingUpload.objects.exists()


def test_uploads_nobody_finished_are_thrown_away_a_day_later(editor_client):
    upload(editor_client, TEXT)
    PendingUpload.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    upload(editor_client, TEXT)
    assert PendingUpload.objects.count() == 1


def test_a_second_confirm_of_the_same_upload_imports_nothing_more(editor_client, bay_commons):
    response = upload(editor_client, TEXT, show=bay_commons.pk)
    page = editor_client.get(response["Location"])
    choices = form_data(page.context["form"], action="confirm")
    assert editor_client.post(response["Location"], choices).status_code == 302
    assert editor_client.post(response["Location"], choices).status_code == 404
    assert Transcript.objects.count() == 1
