"""A file that does not say its show, date or title: one refusal naming all, then options."""

from datetime import date

import pytest

from episodes.models import Episode
from tests.transcripts.formats.test_header import HEADER_BLOCK
from tests.transcripts.test_commands import run
from transcripts.errors import TranscriptImportError
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db

BARE = b"Rosa Delgado: Welcome to the show.\n\nSam Ortiz: Thanks.\n"


def test_a_file_without_show_or_date_is_refused_once_naming_both():
    with pytest.raises(TranscriptImportError) as refused:
        import_transcript(BARE, filename="interview.txt")
    message = str(refused.value)
    assert "show and air date" in message
    assert "--show NAME --date YYYY-MM-DD" in message
    assert not Episode.objects.exists()


def test_without_a_file_name_show_date_and_title_are_all_named():
    with pytest.raises(TranscriptImportError) as refused:
        import_transcript(BARE)
    assert "show, air date and title" in str(refused.value)


def test_with_show_and_date_on_the_command_line_it_imports(tmp_path):
    path = tmp_path / "interview.txt"
    path.write_bytes(BARE)
    out, err, code = run("import_transcripts", str(path))
    assert code == 1 and "show and air date" in err
    out, err, code = run(
        "import_transcripts", str(path), "--show", "Bay Commons", "--date", "2025-02-03"
    )
    assert code == 0, err
    episode = Episode.objects.get()
    assert (episode.show.name, episode.air_date, episode.title) == (
        "Bay Commons",
        date(2025, 2, 3),
        "Interview",
    )


def test_the_title_option_names_a_new_episode(tmp_path):
    path = tmp_path / "2025-02-03.txt"
    path.write_bytes(BARE)
    _, err, code = run("import_transcripts", str(path), "--show", "Bay Commons")
    assert code == 1 and "title" in err and "--title TEXT" in err
    _, err, code = run(
        "import_transcripts", str(path), "--show", "Bay Commons", "--title", "Water Week"
    )
    assert code == 0, err
    assert Episode.objects.get().title == "Water Week"


def test_a_malformed_date_option_is_refused_by_the_command(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(BARE)
    _, err, code = run("import_transcripts", str(path), "--date", "03/02/2025")
    assert code and "'03/02/2025' is not a date like 2025-11-14" in err


def test_the_header_gives_a_new_episode_its_details_and_runtime():
    result = import_transcript(HEADER_BLOCK, filename="anything.txt")
    episode = result.episode
    assert (episode.show.name, episode.title, episode.air_date, episode.duration_s) == (
        "Bay Commons",
        "The Minivan Intercom",
        date(2014, 1, 31),
        38 * 60 + 45,
    )
    assert result.transcript.segments.order_by("-position").first().end_ms == 2_325_000
