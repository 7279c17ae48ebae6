"""Finding 6, the lower items, each as reported."""

import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError

from episodes.models import validate_media_url
from tests.factories import (
    EpisodeFactory,
    SegmentFactory,
    SpeakerFactory,
    TopicFactory,
    TranscriptFactory,
)
from tests.shared_files import REPO
from transcripts.exporters import export_transcript
from transcripts.formats import parse_transcript
from transcripts.importer import import_transcript
from transcripts.pipeline import prepare_transcript


def test_bytes_that_are_not_utf8_are_read_with_a_warning_that_says_where():
    data = "Rosa: Hello.\n\nSam: Caf\u00e9 con leche.\n".encode("cp1252")
    parsed = parse_transcript(data, filename="cafe.txt")
    assert parsed.cues[1].text == "Caf\u00e9 con leche."
    [warning] = [w for w in parsed.warnings if "not valid UTF-8" in w]
    assert "0xE9" in warning and "line 3, column 9" in warning and "cp1252" in warning


@pytest.mark.parametrize(
    "value",
    ["/\\evil.example/a.mp3", "//evil.example/a.mp3", "/media/../../etc/passwd", "/a b.mp3"],
)
def test_a_media_url_that_is_not_a_clean_local_path_or_http_url_is_refused(value):
    with pytest.raises(ValidationError):
        validate_media_url(value)


@pytest.mark.parametrize(
    "value", ["/media/demo/clip.wav", "https://cdn.example.org/a.mp3", "http://x.example/a.ogg"]
)
def test_local_paths_and_http_urls_are_media_urls(value):
    validate_media_url(value)


@pytest.mark.django_db
def test_exports_escape_speaker_names_so_no_cue_or_turn_can_be_injected():
    episode = EpisodeFactory()
    transcript = TranscriptFactory(episode=episode)
    evil = SpeakerFactory(name="Ann\n\n99\n00:00:00.000 --> 00:00:09.000\n<v Mallory>Fake")
    angle = SpeakerFactory(name="A>B & C")
    SegmentFactory(transcript=transcript, position=1, speaker=evil, text="Hello\u2028there\x07.")
    SegmentFactory(transcript=transcript, position=2, speaker=angle, text="Hi.")
    vtt = export_transcript(transcript, "vtt")
    assert vtt.count("-->") == 2  # the two cue timings; the name's arrow is escaped
    assert "\n99\n" not in vtt and "<v Mallory>" not in vtt
    assert "<v A&gt;B &amp; C>Hi." in vtt
    again = prepare_transcript(vtt.encode(), filename="again.vtt")
    assert [p.speaker_label for p in again.paragraphs][1] == "A>B & C"
    assert len(again.paragraphs) == 2
    for format in ("srt", "txt"):
        exported = export_transcript(transcript, format)
        assert "\x07" not in exported and "\u2028" not in exported
        assert "\n99\n" not in exported
        assert "Hello there ." in exported


@pytest.mark.django_db
@pytest.mark.parametrize("moment", ["inf", "-inf", "nan", "1e999999999", "x", "-1", "172801"])
def test_a_moment_that_is_not_a_time_in_the_episode_is_a_400(client, moment):
    episode = EpisodeFactory(is_published=True)
    response = client.get(episode.get_absolute_url(), {"t": moment})
    assert response.status_code == 400
    assert "?t= must be a number of seconds" in response.content.decode()


@pytest.mark.django_db
def test_a_moment_with_a_billion_decimals_is_read_as_the_start_at_once(client):
    episode = EpisodeFactory(is_published=True)
    assert client.get(episode.get_absolute_url(), {"t": "1e-999999999"}).status_code == 302


def test_runserver_keeps_no_database_connection_between_requests():
    probe = "from django.conf import settings; print(settings.CONN_MAX_AGE)"
    results = {}
    for name in ("runserver", "shell"):
        code = (
            f"import os, sys; sys.argv = ['manage.py', '{name}']; "
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'forum_archive.settings'); "
            "import django; django.setup(); " + probe
        )
        env_run = subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            env={"PATH": "/usr/bin:/bin", "CONN_MAX_AGE": "60", "HOME": "/tmp"},
        )
        results[name] = env_run.stdout.strip().splitlines()[-1]
    assert results == {"runserver": "0", "shell": "60"}


@pytest.mark.django_db
def test_a_cp1252_file_imports_with_its_warning_kept_on_the_transcript():
    data = "Rosa: Caf\u00e9.\n".encode("cp1252")
    result = import_transcript(data, filename="2025-01-06-cafe.txt", show="Bay Commons")
    assert "not valid UTF-8" in result.transcript.warnings


# Zero-width space, right-to-left override, left-to-right isolate, byte order mark.
INVISIBLE = "\u200b\u202e\u2066\ufeff"


def admin_form_data(instance, form, **changes):
    """What the admin's change page posts for ``instance`` unchanged, with ``changes``."""
    data = {}
    for name in form.base_fields:
        value = getattr(instance, name, None)
        if name == "topics":
            value = [topic.pk for topic in instance.topics.all()]
        elif hasattr(value, "pk"):
            value = value.pk
        data[name] = "" if value is None else value
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_speaker_name_typed_in_the_admin_loses_invisible_characters_as_imported_ones_do(
    staff_client,
):
    speaker = SpeakerFactory(name="Ann Lee")
    response = staff_client.post(
        f"/admin/episodes/speaker/{speaker.pk}/change/",
        {
            "name": f"Ann{INVISIBLE} Lee\u202e",
            "slug": speaker.slug,
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": f"A.{INVISIBLE} Lee",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    speaker.refresh_from_db()
    assert speaker.name == "Ann Lee"
    assert list(speaker.aliases.values_list("name", flat=True)) == ["A. Lee"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_name, field", [("show", "name"), ("topic", "name"), ("episode", "title")]
)
def test_show_names_topics_and_titles_edited_in_the_admin_lose_invisible_characters(
    rf, staff_user, model_name, field
):
    from django.contrib import admin

    episode = EpisodeFactory(title="Soft Secession")
    episode.topics.add(TopicFactory(name="Housing"))
    instance = {"show": episode.show, "topic": episode.topics.get(), "episode": episode}[model_name]
    request = rf.post("/")
    request.user = staff_user
    model_admin = admin.site._registry[type(instance)]
    form_class = model_admin.get_form(request, instance)
    visible = getattr(instance, field)
    data = admin_form_data(instance, form_class, **{field: f"\u202e{visible}{INVISIBLE}"})
    form = form_class(data, instance=instance)
    assert form.is_valid(), form.errors
    form.save()
    instance.refresh_from_db()
    assert getattr(instance, field) == visible


@pytest.mark.django_db
def test_a_name_of_invisible_characters_only_is_refused_in_the_admin(staff_client):
    response = staff_client.post(
        "/admin/episodes/show/add/", {"name": INVISIBLE, "slug": "nothing"}
    )
    assert response.status_code == 200
    assert "Enter some visible text." in response.content.decode()
