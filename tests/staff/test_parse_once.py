"""The upload is parsed once: what the pipeline made of it waits with the PendingUpload,
for the preview (however often it is redrawn) and for the confirm."""

import dataclasses

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from episodes.models import Episode
from episodes.trail import TrailEntry
from staff.models import PendingUpload
from tests.shared_files import shared_file
from tests.staff.forms import form_data
from transcripts import pipeline
from transcripts.parsed import Cue
from transcripts.pipeline import prepare_transcript
from transcripts.prepared_json import StalePreparedData, prepared_from_json, prepared_to_json

IMPORT = "/admin/episodes/episode/import/"


@pytest.fixture
def parser_calls(monkeypatch):
    """Counts the calls to the parser, which still does its real work."""
    calls = []
    parse = pipeline.parse_transcript

    def counting_parse(*args, **kwargs):
        calls.append(kwargs.get("filename"))
        return parse(*args, **kwargs)

    monkeypatch.setattr(pipeline, "parse_transcript", counting_parse)
    return calls


@pytest.mark.django_db
def test_the_seed_is_parsed_once_from_upload_to_confirm(editor_client, parser_calls):
    seed = shared_file("seeds/forum-soft-secession-2025-11-14.txt")
    response = editor_client.post(
        IMPORT, {"file": SimpleUploadedFile(seed.name, seed.read_bytes())}
    )
    preview = response["Location"]
    page = editor_client.get(preview)
    redrawn = editor_client.post(preview, form_data(page.context["form"], action="refresh"))
    done = editor_client.post(
        preview,
        form_data(
            redrawn.context["form"], action="confirm", new_show="Forum", publication="published"
        ),
    )
    assert done.status_code == 302
    assert Episode.objects.get().transcripts.get().segments.count() == 143
    assert parser_calls == [seed.name]
    # Publishing at import is in the trail, after the import itself.
    assert list(TrailEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "imported",
        "published",
    ]


@pytest.mark.django_db
def test_a_stored_preparation_that_no_longer_fits_is_prepared_again(editor_client, parser_calls):
    response = editor_client.post(
        IMPORT, {"file": SimpleUploadedFile("2025-03-11-water.txt", b"Rosa: Water.\n")}
    )
    PendingUpload.objects.update(prepared={"version": 0})
    assert editor_client.get(response["Location"]).status_code == 200
    assert len(parser_calls) == 2
    assert PendingUpload.objects.get().prepared["version"] == 1
    assert editor_client.get(response["Location"]).status_code == 200
    assert len(parser_calls) == 2


def test_a_prepared_transcript_comes_back_from_json_as_it_went_in():
    prepared = prepare_transcript(
        b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Rosa>Welcome. (LAUGHTER)\n",
        filename="2025-03-11-water.vtt",
    )
    assert prepared_from_json(prepared_to_json(prepared)) == prepared


def test_fields_added_or_dropped_since_the_data_was_stored_are_tolerated():
    prepared = prepare_transcript(b"Rosa: Water.\n\nSam: Wells.\n", filename="a.txt")
    stored = prepared_to_json(prepared)
    cue = stored["prepared"]["parsed"]["cues"][0]
    cue["a_field_from_the_future"] = 1  # written by a newer pipeline: dropped
    del cue["kind"]  # written before Cue had it: its default
    read = prepared_from_json(stored)
    assert read.parsed.cues[0].kind == Cue.__dataclass_fields__["kind"].default
    assert [p.text for p in read.paragraphs] == [p.text for p in prepared.paragraphs]


def test_data_missing_a_field_without_a_default_is_stale():
    stored = prepared_to_json(prepare_transcript(b"Rosa: Water.\n", filename="a.txt"))
    del stored["prepared"]["parsed"]["cues"][0]["text"]
    with pytest.raises(StalePreparedData):
        prepared_from_json(stored)
    with pytest.raises(StalePreparedData):
        prepared_from_json({"version": 99})


def test_every_field_of_the_pipeline_dataclasses_is_written():
    prepared = prepare_transcript(b"Rosa: Water.\n", filename="a.txt")
    stored = prepared_to_json(prepared)["prepared"]
    assert set(stored) == {f.name for f in dataclasses.fields(prepared)}
    assert set(stored["parsed"]["cues"][0]) == {f.name for f in dataclasses.fields(Cue)}
