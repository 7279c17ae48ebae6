"""The import service on a real database: whole or nothing, versions, speakers, refusals."""

import hashlib
from datetime import date

import pytest

from episodes.models import Appearance, Episode, Show, Speaker, SpeakerAlias
from tests.factories import AppearanceFactory, EpisodeFactory, SpeakerFactory
from tests.shared_files import IMPORTED_WEBVTT_PY_FILES, REFUSED_WEBVTT_PY_FILES, shared_file
from tests.transcripts.attribution.test_corpus_floors import FLOORS
from transcripts.errors import TranscriptFormatError, TranscriptImportError
from transcripts.models import Segment, Transcript
from transcripts.services import import_transcript
from transcripts.services import importing as importer

pytestmark = pytest.mark.django_db

CORPUS_PAGES = sorted(FLOORS)

VTT = b"""WEBVTT

00:00:01.000 --> 00:00:04.000
<v Rosa Delgado>Welcome to the program.

00:00:04.000 --> 00:00:08.500
<v Sam Ortiz>Thanks, Rosa. Glad to be here &amp; ready.

00:00:08.500 --> 00:00:12.000
We have a lot to cover.
"""


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Show, Episode, Speaker, Appearance, Transcript, Segment)
    }


@pytest.fixture
def episode():
    return EpisodeFactory(title="Water week", duration_s=60, is_published=False)


def test_a_vtt_file_lands_with_segments_speakers_and_times(episode):
    result = import_transcript(VTT, filename="water.vtt", episode=episode)
    assert result.status == "imported"
    segments = list(result.transcript.segments.select_related("speaker"))
    assert [(s.speaker.name, s.start_ms, s.end_ms) for s in segments] == [
        ("Rosa Delgado", 1000, 4000),
        ("Sam Ortiz", 4000, 12000),
    ]
    assert segments[1].text == "Thanks, Rosa. Glad to be here & ready. We have a lot to cover."
    assert segments[1].speaker_label == "Sam Ortiz"
    assert result.transcript.timing == "exact"
    assert result.transcript.source_format == "vtt"
    assert bytes(result.transcript.original) == VTT
    assert len(result.transcript.source_sha256) == 64
    assert set(episode.appearances.values_list("speaker__name", flat=True)) == {
        "Rosa Delgado",
        "Sam Ortiz",
    }
    episode.refresh_from_db()
    assert episode.is_published


def test_importing_the_identical_file_again_changes_nothing_and_says_so(episode):
    import_transcript(VTT, filename="water.vtt", episode=episode)
    before = row_counts()
    again = import_transcript(VTT, filename="water.vtt", episode=episode)
    assert again.status == "unchanged"
    assert "already" in again.warnings[0]
    assert row_counts() == before


def test_a_different_file_needs_replace_and_keeps_the_previous_version(episode):
    first = import_transcript(VTT, filename="water.vtt", episode=episode)
    changed = VTT.replace(b"a lot to cover", b"plenty to cover")
    with pytest.raises(TranscriptImportError, match="replace"):
        import_transcript(changed, filename="water-v2.vtt", episode=episode)

    second = import_transcript(changed, filename="water-v2.vtt", episode=episode, replace=True)
    assert second.status == "replaced"
    versions = list(episode.transcripts.order_by("version").values_list("version", "is_current"))
    assert versions == [(1, False), (2, True)]
    assert first.transcript.segments.count() == 2  # the old version keeps its words
    assert "plenty" in second.transcript.segments.last().text


def test_a_failure_half_way_leaves_nothing_behind(monkeypatch):
    def fail(*args, **kwargs):
        raise TranscriptImportError("disk on fire")

    monkeypatch.setattr(importer, "_add_appearances", fail)
    before = row_counts()
    with pytest.raises(TranscriptImportError):
        import_transcript(VTT, filename="2025-01-02-water.vtt", show="New Show")
    assert row_counts() == before


@pytest.mark.parametrize("name", sorted(REFUSED_WEBVTT_PY_FILES))
def test_malformed_sample_files_are_refused_with_where_and_nothing_saved(name, episode):
    path = shared_file(f"samples/webvtt-py/{name}")
    before = row_counts()
    with pytest.raises(TranscriptFormatError) as refusal:
        import_transcript(path.read_bytes(), filename=name, episode=episode)
    assert name in str(refusal.value)
    if name not in ("empty.vtt", "no_captions.vtt"):
        assert refusal.value.line is not None
    assert row_counts() == before


@pytest.mark.parametrize("name", IMPORTED_WEBVTT_PY_FILES)
def test_sample_files_import(name, episode):
    path = shared_file(f"samples/webvtt-py/{name}")
    result = import_transcript(path.read_bytes(), filename=name, episode=episode)
    assert result.segment_count > 0
    assert all(s.end_ms >= s.start_ms for s in result.transcript.segments.all())
    if name.startswith("missing_caption_text"):
        assert any("no text" in warning for warning in result.warnings)


@pytest.mark.parametrize("name", CORPUS_PAGES)
def test_every_corpus_page_imports_with_catalogue_roles(name):
    # Attribution's own roles (a moderator, say) must come out as the appearance roles
    # the catalogue allows: the floors test scores these pages without writing them.
    path = shared_file(f"corpus/{name}.page.txt")
    result = import_transcript(path.read_bytes(), filename=path.name)
    assert result.segment_count > 0
    roles = set(result.transcript.episode.appearances.values_list("role", flat=True))
    assert roles and roles <= set(Appearance.Role.values)


@pytest.mark.parametrize(
    ("name", "speakers"),
    [
        ("example.vtt", {"Sarah", "Gillian"}),
        ("example.srt", {"Sarah", "Travis", "Gilon"}),
        ("example.html", {"Sarah", "Travis", "Gilon"}),
        ("example.json", {"Darth Vader", "Luke"}),
    ],
)
def test_podcast_namespace_examples_import_with_their_speakers(name, speakers, episode):
    path = shared_file(f"samples/podcast-namespace/{name}")
    result = import_transcript(path.read_bytes(), filename=name, episode=episode)
    names = set(result.transcript.segments.values_list("speaker__name", flat=True))
    assert speakers <= names
    assert result.transcript.timing == "exact"


def test_the_word_by_word_json_is_joined_back_into_sentences(episode):
    path = shared_file("samples/podcast-namespace/example.json")
    result = import_transcript(path.read_bytes(), filename="example.json", episode=episode)
    first = result.transcript.segments.first()
    assert first.text == "I am your father."
    assert (first.start_ms, first.end_ms) == (500, 2500)


def test_the_seed_page_becomes_one_forum_episode_with_its_speakers():
    path = shared_file("seeds/forum-soft-secession-2025-11-14.txt")
    result = import_transcript(path.read_bytes(), filename=path.name)
    episode = result.episode
    assert episode.show.name == "Forum"
    assert episode.title == "Soft Secession: How States Break Away Without Leaving"
    assert episode.air_date == date(2025, 11, 14)
    assert episode.duration_s == 50 * 60 + 24
    assert episode.get_absolute_url() == (
        "/episodes/2025/11/14/soft-secession-how-states-break-away-without-leaving/"
    )
    assert result.transcript.timing == "estimated"
    roles = dict(episode.appearances.values_list("speaker__name", "role"))
    assert roles["Alexis Madrigal"] == "host"
    assert roles["Clara Jeffery"] == "guest"
    assert roles["John Michaels"] == "guest"
    assert "Eleni Kounalakis" in roles
    assert "caller" in roles.values()
    segments = result.transcript.segments.all()
    assert all(s.speaker_inferred for s in segments if s.speaker_id)
    assert segments.last().end_ms <= episode.duration_s * 1000
    assert not Episode.objects.exclude(pk=episode.pk).exists()


def test_labels_match_existing_speakers_forgiving_case_accents_and_misspellings(episode):
    eleni = SpeakerFactory(name="Eleni Kounalakis")
    clara = SpeakerFactory(name="Clara Jeffery")
    # A misspelling is the speaker once recorded as an alternative spelling: likeness
    # alone is not enough on the command line (tests/episodes/test_speaker_matching.py).
    SpeakerAlias.objects.create(speaker=eleni, name="Elany Kunaki")
    text = (
        "ELENI KOUNALÁKIS: Hello there.\n\nClara Jefery: Hi.\n\nElany Kunaki: Bye now.\n"
    ).encode()
    result = import_transcript(text, filename="t.txt", episode=episode)
    speakers = list(result.transcript.segments.values_list("speaker_label", "speaker_id"))
    assert speakers == [
        ("Eleni Kounalákis", eleni.pk),  # capitals in the name's own casing
        ("Clara Jefery", clara.pk),
        ("Elany Kunaki", eleni.pk),
    ]
    assert Speaker.objects.count() == 2


def test_unknown_labels_create_speakers_with_appearances(episode):
    import_transcript(b"Nadia Farouk: Good morning.\n", filename="t.txt", episode=episode)
    appearance = Appearance.objects.get(episode=episode)
    assert appearance.speaker.name == "Nadia Farouk"
    assert appearance.role == "other"


def test_a_caller_is_never_merged_into_another_person_of_the_same_first_name():
    other_george = SpeakerFactory(name="George")
    AppearanceFactory(speaker=other_george)
    path = shared_file("seeds/forum-soft-secession-2025-11-14.txt")
    result = import_transcript(path.read_bytes(), filename=path.name)
    callers = result.episode.appearances.filter(role="caller")
    assert callers.exists()
    assert other_george.pk not in set(callers.values_list("speaker_id", flat=True))


def test_staff_choices_override_the_automatic_match(episode):
    chosen = SpeakerFactory(name="Rosa M. Delgado")
    result = import_transcript(
        VTT, filename="w.vtt", episode=episode, speakers={"Rosa Delgado": chosen}
    )
    assert result.transcript.segments.first().speaker == chosen
    assert result.transcript.segments.first().speaker_label == "Rosa Delgado"


def test_a_dry_run_checks_everything_and_saves_nothing(episode):
    before = row_counts()
    result = import_transcript(VTT, filename="w.vtt", episode=episode, dry_run=True)
    assert result.dry_run and result.segment_count == 2
    assert row_counts() == before


def test_a_file_over_the_size_limit_is_refused_before_parsing(settings, episode):
    settings.MAX_UPLOAD_MB = 1
    with pytest.raises(TranscriptImportError, match="over the 1 MB limit"):
        import_transcript(b"x" * (1024 * 1024 + 1), filename="big.txt", episode=episode)


def test_a_file_that_does_not_say_its_episode_asks_for_one():
    with pytest.raises(
        TranscriptImportError, match="the episode.s air date: give it with --date YYYY-MM-DD"
    ):
        import_transcript(VTT, filename="untitled.vtt", show="Forum")


def test_episode_metadata_comes_from_the_file_name_when_the_format_has_none():
    result = import_transcript(VTT, filename="2025-03-04-drought-and-rain.vtt", show="Forum")
    assert (result.episode.title, result.episode.air_date) == ("Drought and rain", date(2025, 3, 4))
    assert result.episode.duration_s == 12


def test_windows_1252_captions_keep_their_accents(episode):
    srt = "1\r\n00:00:01,000 --> 00:00:03,000\r\nJosé: Un café, s’il vous plaît.\r\n".encode(
        "cp1252"
    )
    result = import_transcript(srt, filename="old.srt", episode=episode)
    segment = result.transcript.segments.get()
    assert segment.text == "Un café, s’il vous plaît."
    assert segment.speaker.name == "José"


def test_an_image_renamed_srt_is_refused(episode):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    with pytest.raises(TranscriptFormatError):
        import_transcript(png, filename="cover.srt", episode=episode)


UNNAMED_PAGE = b"""Talk
Two Voices
1/2/2025 | 5m
A conversation.
- So what happened next?
- We went home.
- And then?
- We slept.
"""


def test_unnamed_voices_keep_their_labels_and_create_no_speaker_until_staff_name_them(episode):
    SpeakerFactory(name="Speaker 1")  # another episode's unnamed voice: not this one
    before = Speaker.objects.count()
    result = import_transcript(UNNAMED_PAGE, filename="talk.txt", episode=episode)
    segments = list(result.transcript.segments.order_by("position"))
    assert [s.speaker_label for s in segments] == ["Speaker 1", "Speaker 2"] * 2
    assert all(s.speaker_id is None for s in segments)
    assert Speaker.objects.count() == before
    assert not episode.appearances.exists()


def test_staff_can_say_who_an_unnamed_voice_is(episode):
    chosen = SpeakerFactory(name="Rosa Delgado")
    result = import_transcript(
        UNNAMED_PAGE, filename="talk.txt", episode=episode, speakers={"Speaker 2": chosen}
    )
    by_label = {s.speaker_label: s.speaker for s in result.transcript.segments.all()}
    assert by_label == {"Speaker 1": None, "Speaker 2": chosen}
    assert list(episode.appearances.values_list("speaker__name", flat=True)) == ["Rosa Delgado"]


def test_a_cp1252_file_imports_with_its_warning_kept_on_the_transcript():
    data = "Rosa: Caf\u00e9.\n".encode("cp1252")
    result = import_transcript(data, filename="2025-01-06-cafe.txt", show="Bay Commons")
    assert "not valid UTF-8" in result.transcript.warnings


def test_the_original_file_is_kept_byte_for_byte_in_the_database():
    # Written apart from the row (a bound binary parameter, stored uncompressed).
    data = "Rosa Delgado: Caf\u00e9 con leche, se\u00f1or.\n".encode("cp1252") + bytes([0x80, 0x9F])
    result = import_transcript(data, filename="2025-02-03-bytes.txt", show="Bay Commons")
    stored = Transcript.objects.get(pk=result.transcript.pk)
    assert bytes(stored.original) == data
    assert stored.source_sha256 == hashlib.sha256(data).hexdigest()
