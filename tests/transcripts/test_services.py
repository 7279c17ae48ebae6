"""The transcripts' write services on a real database: each change whole, positions
renumbered, the search index following the text, a trail entry for every change, and
"the archive changed" announced once per committed write, never for one rolled back.
(The import's own behaviour: test_importer*.py.)"""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.test import TestCase

from episodes.models import Appearance
from episodes.trail import TrailEntry
from tests.factories import EpisodeFactory, SpeakerFactory, UserFactory, transcript_saying
from transcripts.errors import TranscriptEditError
from transcripts.models import SEARCH_CONFIG, Segment
from transcripts.services import editing, import_transcript, restore_transcript

pytestmark = pytest.mark.django_db


def make_transcript(texts, *, speaker=None, episode=None):
    said = [(text, speaker) for text in texts] if speaker else texts
    episode = episode or EpisodeFactory()
    return transcript_saying(episode, *said, first_ms=0, every_ms=10_000, lasting_ms=10_000)


def texts_in_order(transcript):
    return list(transcript.segments.order_by("position").values_list("position", "text"))


def matching(words):
    return Segment.objects.filter(search_vector=SearchQuery(words, config=SEARCH_CONFIG))


def test_editing_a_paragraphs_text_updates_the_search_index():
    segment = make_transcript(["The reservoir is low."]).segments.get()
    assert matching("reservoir").exists()
    editing.edit_segment(segment, text="The aquifer is recharging.")
    assert not matching("reservoir").exists()
    assert list(matching("aquifers")) == [segment]  # stemmed, as the search reads it


def test_an_edit_is_recorded_with_who_when_and_the_text_before():
    editor = UserFactory(username="rosa")
    segment = make_transcript(["Helo there."]).segments.get()
    editing.edit_segment(segment, text="Hello there.", user=editor)
    entry = TrailEntry.objects.get()
    assert (entry.action, entry.user, entry.user_name) == ("edited", editor, "rosa")
    assert entry.episode == segment.transcript.episode
    assert entry.details["before"]["text"] == "Helo there."
    assert entry.details["after"]["text"] == "Hello there."
    assert "paragraph 1" in entry.summary


def test_an_edit_that_changes_nothing_records_nothing():
    segment = make_transcript(["Same words."]).segments.get()
    editing.edit_segment(segment, text="  Same   words. ")
    assert not TrailEntry.objects.exists()


def test_a_paragraph_cannot_be_emptied():
    segment = make_transcript(["Words."]).segments.get()
    with pytest.raises(TranscriptEditError, match="needs some text"):
        editing.edit_segment(segment, text="   ")
    segment.refresh_from_db()
    assert segment.text == "Words."


def test_changing_a_speaker_confirms_it_and_adds_an_appearance():
    guessed = SpeakerFactory(name="Clara Jeffery")
    actual = SpeakerFactory(name="John Michaels")
    transcript = make_transcript(["Thanks for having me."], speaker=guessed)
    Segment.objects.update(speaker_inferred=True)
    segment = transcript.segments.get()
    editing.edit_segment(segment, speaker=actual)
    segment.refresh_from_db()
    assert (segment.speaker, segment.speaker_inferred) == (actual, False)
    # The label was the attribution's guess, so it follows what staff know.
    assert segment.speaker_label == "John Michaels"
    assert Appearance.objects.filter(episode=transcript.episode, speaker=actual).exists()
    assert "Clara Jeffery → John Michaels" in TrailEntry.objects.get().summary


def test_a_label_the_source_wrote_is_kept_when_the_speaker_changes():
    source_label = SpeakerFactory(name="ROSA")
    transcript = make_transcript(["Hi."], speaker=source_label)
    segment = transcript.segments.get()
    editing.edit_segment(segment, speaker=SpeakerFactory(name="Rosa Delgado"))
    segment.refresh_from_db()
    assert segment.speaker_label == "ROSA"


def test_a_run_of_paragraphs_is_assigned_to_one_speaker_in_one_entry():
    host = SpeakerFactory(name="Alexis Madrigal")
    transcript = make_transcript(["One.", "Two.", "Three.", "Four."])
    run = list(transcript.segments.filter(position__in=[2, 3]))
    assert editing.assign_speaker(run, speaker=host) == 2
    speakers = dict(transcript.segments.values_list("position", "speaker__name"))
    assert speakers == {1: None, 2: "Alexis Madrigal", 3: "Alexis Madrigal", 4: None}
    entry = TrailEntry.objects.get()
    assert entry.action == "assigned"
    assert entry.summary == "Assigned paragraphs 2–3 to Alexis Madrigal"


def test_assigning_paragraphs_of_two_transcripts_at_once_is_refused():
    one, other = make_transcript(["A."]), make_transcript(["B."])
    segments = [one.segments.get(), other.segments.get()]
    with pytest.raises(TranscriptEditError, match="different transcripts"):
        editing.assign_speaker(segments, speaker=SpeakerFactory())
    assert not Segment.objects.exclude(speaker=None).exists()


def test_splitting_a_paragraph_shifts_the_later_ones_and_shares_the_time():
    transcript = make_transcript(["First.", "Two words. Then four more words.", "Last."])
    segment = transcript.segments.get(position=2)
    first, second = editing.split_segment(segment, at=len("Two words. "))
    assert texts_in_order(transcript) == [
        (1, "First."),
        (2, "Two words."),
        (3, "Then four more words."),
        (4, "Last."),
    ]
    assert (first.start_ms, first.end_ms) == (10_000, 13_333)  # 2 of 6 words
    assert (second.start_ms, second.end_ms) == (13_333, 20_000)
    assert TrailEntry.objects.get().action == "split"


def test_splitting_inside_a_word_is_refused_and_changes_nothing():
    transcript = make_transcript(["Indivisible words."])
    with pytest.raises(TranscriptEditError, match="between two words"):
        editing.split_segment(transcript.segments.get(), at=3)
    assert texts_in_order(transcript) == [(1, "Indivisible words.")]


def test_merging_neighbours_joins_them_and_closes_the_gap():
    speaker = SpeakerFactory()
    transcript = make_transcript(["One.", "Two.", "Three.", "Four."], speaker=speaker)
    merged = editing.merge_with_next(transcript.segments.get(position=2))
    assert texts_in_order(transcript) == [(1, "One."), (2, "Two. Three."), (3, "Four.")]
    assert (merged.start_ms, merged.end_ms) == (10_000, 30_000)
    assert TrailEntry.objects.get().details["removed"]["text"] == "Three."


def test_neighbours_of_different_speakers_are_not_merged():
    transcript = make_transcript(["One.", "Two."])
    transcript.segments.filter(position=2).update(speaker=SpeakerFactory(name="Pam"))
    with pytest.raises(TranscriptEditError, match="different speakers"):
        editing.merge_with_next(transcript.segments.get(position=1))
    assert transcript.segments.count() == 2


def test_the_last_paragraph_has_nothing_to_merge_with():
    transcript = make_transcript(["Only."])
    with pytest.raises(TranscriptEditError, match="is the last"):
        editing.merge_with_next(transcript.segments.get())


def test_many_splits_and_merges_keep_positions_one_to_n():
    transcript = make_transcript([f"Sentence {n}. Another {n}." for n in range(1, 41)])
    for position in (1, 10, 39):
        segment = transcript.segments.get(position=position)
        editing.split_segment(segment, at=segment.text.index("Another"))
    for position in (5, 20):
        editing.merge_with_next(transcript.segments.get(position=position))
    positions = list(transcript.segments.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, 42))


# --- "the archive changed" -------------------------------------------------------------

TEXT = b"Rosa Delgado: Welcome to the programme.\n\nSam Ortiz: Thanks for having me.\n"


def test_an_import_announces_once_when_it_commits(announcements):
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = import_transcript(
            TEXT, filename="2025-11-14-water.txt", show="Forum", publish=False
        )
        assert announcements == []
    assert result.status == "imported"
    assert len(announcements) == 1  # (publishing it too is a second write, announced too)


def test_an_unchanged_file_or_a_dry_run_announces_nothing(announcements):
    episode = import_transcript(TEXT, filename="2025-11-14-water.txt", show="Forum").episode
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert import_transcript(TEXT, episode=episode).status == "unchanged"
        dry = import_transcript(b"Rosa Delgado: Hi.\n", episode=episode, replace=True, dry_run=True)
    assert dry.dry_run
    assert announcements == []


def test_a_restore_announces_when_it_commits(announcements):
    first = import_transcript(TEXT, filename="2025-11-14-water.txt", show="Forum").transcript
    import_transcript(b"Rosa Delgado: Again.\n", episode=first.episode, replace=True)
    with TestCase.captureOnCommitCallbacks(execute=True):
        restore_transcript(first)
    assert len(announcements) == 1


def test_each_paragraph_edit_announces_once(announcements):
    transcript = make_transcript(["One two.", "Three four."], speaker=SpeakerFactory())
    first = transcript.segments.get(position=1)
    with TestCase.captureOnCommitCallbacks(execute=True):
        editing.edit_segment(first, text="One, two.")
    with TestCase.captureOnCommitCallbacks(execute=True):
        editing.split_segment(first, at=4)
    with TestCase.captureOnCommitCallbacks(execute=True):
        editing.merge_with_next(transcript.segments.get(position=1))
    assert len(announcements) == 3


def test_an_edit_refused_announces_nothing(announcements):
    segment = make_transcript(["One two."]).segments.get()
    with TestCase.captureOnCommitCallbacks(execute=True), pytest.raises(TranscriptEditError):
        editing.edit_segment(segment, text="   ")
    assert announcements == []
