"""import_transcripts and export_transcript: thin shells with honest summaries and exit codes."""

import re

import pytest
from django.core.management import CommandError, call_command

from episodes.models import Episode
from tests.factories import EpisodeFactory
from tests.shared_files import shared_file
from transcripts.models import Segment, Transcript

pytestmark = pytest.mark.django_db

GOOD = b"Rosa Delgado: Welcome to the show.\n\nSam Ortiz: Thanks.\n"


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue() + str(error), error.returncode
    return out.getvalue(), err.getvalue(), 0


def test_a_folder_is_imported_recursively_past_a_bad_file_which_fails_the_run(tmp_path):
    (tmp_path / "nested").mkdir()
    (tmp_path / "2025-01-06-first-show.txt").write_bytes(GOOD)
    (tmp_path / "nested" / "2025-01-07-second-show.txt").write_bytes(GOOD + b"Rosa Delgado: Bye.\n")
    (tmp_path / "nested" / "broken.vtt").write_bytes(
        b"WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nbackwards\n"
    )
    out, err, code = run("import_transcripts", str(tmp_path), "--show", "Bay Commons")
    assert code == 1
    assert "imported 2, replaced 0, unchanged 0, failed 1" in out
    assert "broken.vtt" in err and "line 3" in err
    assert Episode.objects.filter(show__name="Bay Commons", is_published=True).count() == 2
    assert re.search(
        rf"\b{Segment.objects.count()} paragraphs in [\d.]+s \([\d,]+ paragraphs/s\)$",
        out,
        flags=re.MULTILINE,
    )


def test_importing_again_reports_unchanged_and_exits_zero(tmp_path):
    path = tmp_path / "2025-01-06-first-show.txt"
    path.write_bytes(GOOD)
    run("import_transcripts", str(path), "--show", "Bay Commons")
    out, _, code = run("import_transcripts", str(path), "--show", "Bay Commons")
    assert code == 0
    assert "imported 0, replaced 0, unchanged 1, failed 0" in out


def test_dry_run_saves_nothing(tmp_path):
    path = tmp_path / "2025-01-06-first-show.txt"
    path.write_bytes(GOOD)
    out, _, code = run("import_transcripts", str(path), "--show", "Bay Commons", "--dry-run")
    assert code == 0
    assert out.startswith("imported:")
    assert "Dry run, nothing saved. imported 1, replaced 0, unchanged 0, failed 0" in out
    assert not Episode.objects.exists()


def test_draft_leaves_the_episode_unpublished_and_replace_makes_a_new_version(tmp_path):
    episode = EpisodeFactory(is_published=False)
    path = tmp_path / "t.txt"
    path.write_bytes(GOOD)
    run("import_transcripts", str(path), "--episode", str(episode.pk), "--draft")
    episode.refresh_from_db()
    assert not episode.is_published
    path.write_bytes(GOOD + b"Sam Ortiz: One more thing.\n")
    _, err, code = run("import_transcripts", str(path), "--episode", str(episode.pk))
    assert code == 1 and "replace" in err
    run(
        "import_transcripts",
        str(path),
        "--episode",
        f"{episode.air_date}/{episode.slug}",
        "--replace",
    )
    assert list(Transcript.objects.filter(episode=episode).values_list("version", flat=True)) == [
        2,
        1,
    ]


def test_the_seed_imports_from_the_command_with_its_own_metadata():
    path = shared_file("seeds/forum-soft-secession-2025-11-14.txt")
    out, _, code = run("import_transcripts", str(path))
    assert code == 0
    assert "estimated times" in out
    assert Episode.objects.get().show.name == "Forum"


def test_format_override_reads_the_file_as_told(tmp_path):
    path = tmp_path / "2025-01-06-notes.data"
    path.write_bytes(GOOD)
    _, _, code = run("import_transcripts", str(path), "--show", "X", "--format", "txt")
    assert code == 0


def test_unknown_episode_is_a_clear_error():
    _, err, code = run("import_transcripts", "whatever.txt", "--episode", "1999-01-01/nothing")
    assert code == 1 and "no episode" in err


def test_export_writes_the_chosen_format_to_a_file(tmp_path):
    episode = EpisodeFactory()
    source = tmp_path / "t.txt"
    source.write_bytes(GOOD)
    run("import_transcripts", str(source), "--episode", str(episode.pk))
    target = tmp_path / "out.srt"
    _, _, code = run(
        "export_transcript",
        f"{episode.air_date}/{episode.slug}",
        "--format",
        "srt",
        "-o",
        str(target),
    )
    assert code == 0
    assert target.read_text().startswith("1\n00:00:00,000 --> ")
    assert "Rosa Delgado: Welcome to the show." in target.read_text()


def test_export_of_an_episode_without_transcript_is_a_clear_error():
    episode = EpisodeFactory()
    _, err, code = run("export_transcript", str(episode.pk), "--format", "vtt")
    assert code == 1 and "has no transcript" in err
