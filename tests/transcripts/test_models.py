"""The transcripts' models: the reading QuerySet methods, called directly; then the
constraints the database keeps, each refusing a bad row on its own."""

import pytest
from django.db import IntegrityError, transaction

from tests.factories import EpisodeFactory, SegmentFactory, SpeakerFactory, TranscriptFactory
from transcripts.models import REMARK_MIN_CHARACTERS, Segment, Transcript, transcript_for_page

pytestmark = pytest.mark.django_db


def test_current_is_the_one_version_readers_see():
    episode = EpisodeFactory()
    TranscriptFactory(episode=episode, version=1, is_current=False)
    current = TranscriptFactory(episode=episode, version=2)
    assert list(episode.transcripts.current()) == [current]
    assert list(Transcript.objects.current()) == [current]


def test_without_original_leaves_the_file_bytes_unloaded():
    TranscriptFactory()
    transcript = Transcript.objects.current().without_original().get()
    assert "original" in transcript.get_deferred_fields()


def test_segments_current_and_public():
    published = EpisodeFactory()
    old = TranscriptFactory(episode=published, version=1, is_current=False)
    new = TranscriptFactory(episode=published, version=2)
    draft = TranscriptFactory(episode=EpisodeFactory(is_published=False))
    SegmentFactory(transcript=old, text="Old words.")
    SegmentFactory(transcript=new, text="New words.")
    SegmentFactory(transcript=draft, text="Draft words.")
    assert sorted(s.text for s in Segment.objects.current()) == ["Draft words.", "New words."]
    assert [s.text for s in Segment.objects.public()] == ["New words."]


def test_for_reading_is_in_order_with_speakers_and_no_search_vector(django_assert_num_queries):
    transcript = TranscriptFactory()
    speaker = SpeakerFactory(name="Ann Host")
    SegmentFactory(transcript=transcript, position=2, text="Second.", speaker=speaker)
    SegmentFactory(transcript=transcript, position=1, text="First.", speaker=speaker)
    with django_assert_num_queries(1):
        segments = list(transcript.segments.for_reading())
        assert [(s.text, s.speaker.name) for s in segments] == [
            ("First.", "Ann Host"),
            ("Second.", "Ann Host"),
        ]
    assert "search_vector" in segments[0].get_deferred_fields()


@pytest.mark.parametrize(
    ("bound_ms", "expected"),
    [(0, "first"), (5_000, "first"), (10_001, "second"), (10_000, "first"), (99_000, "second")],
)
def test_at_time_is_the_last_paragraph_starting_before_the_moment(bound_ms, expected):
    transcript = TranscriptFactory()
    SegmentFactory(transcript=transcript, position=1, start_ms=1_000, end_ms=9_000, text="first")
    SegmentFactory(transcript=transcript, position=2, start_ms=10_000, end_ms=19_000, text="second")
    assert transcript.segments.at_time(bound_ms).text == expected


def test_at_time_of_no_paragraphs_is_none():
    assert TranscriptFactory().segments.at_time(5_000) is None


def test_remarks_newest_first_and_longest_first():
    speaker = SpeakerFactory()
    older = TranscriptFactory(episode=EpisodeFactory(air_date="2024-01-01"))
    newer = TranscriptFactory(episode=EpisodeFactory(air_date="2025-01-01"))
    long_text = "A long remark. " * (REMARK_MIN_CHARACTERS // 10)
    short_enough = "x" * REMARK_MIN_CHARACTERS
    SegmentFactory(transcript=older, speaker=speaker, text=long_text)
    SegmentFactory(transcript=newer, speaker=speaker, text=short_enough)
    SegmentFactory(transcript=newer, speaker=speaker, text="Yeah.")
    remarks = Segment.objects.remarks_of(speaker)
    assert [s.text for s in remarks.newest_first()] == [short_enough, long_text]
    assert [s.text for s in remarks.longest_first()] == [long_text, short_enough]


# --- integrity lives in the database ----------------------------------------------------


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_episode_has_one_current_transcript():
    transcript = TranscriptFactory()
    refused(lambda: TranscriptFactory(episode=transcript.episode, version=2, is_current=True))


def test_earlier_transcript_versions_are_kept_beside_the_current_one():
    transcript = TranscriptFactory(is_current=False)
    TranscriptFactory(episode=transcript.episode, version=2, is_current=True)
    assert Transcript.objects.filter(episode=transcript.episode).count() == 2


def test_transcript_version_is_unique_per_episode():
    transcript = TranscriptFactory(is_current=False)
    refused(lambda: TranscriptFactory(episode=transcript.episode, version=1, is_current=False))


def test_transcript_timing_kind_must_be_known():
    refused(lambda: TranscriptFactory(timing="guessed"))


def test_transcript_sha256_must_be_hex():
    refused(lambda: TranscriptFactory(source_sha256="not-a-hash"))


def test_segment_end_cannot_precede_start():
    refused(lambda: SegmentFactory(start_ms=5_000, end_ms=4_999))


def test_segment_start_cannot_be_negative():
    refused(lambda: SegmentFactory(start_ms=-1, end_ms=10))


def test_segment_position_is_unique_per_transcript():
    segment = SegmentFactory()
    refused(lambda: SegmentFactory(transcript=segment.transcript, position=segment.position))


def test_deleting_a_speaker_keeps_their_words_and_label():
    speaker = SpeakerFactory(name="Clara Jeffery")
    segment = SegmentFactory(speaker=speaker, speaker_label="Clara Jeffery")
    speaker.delete()
    segment.refresh_from_db()
    assert segment.speaker is None
    assert segment.speaker_label == "Clara Jeffery"


def test_segment_search_vector_follows_the_text_stemmed_and_unaccented():
    segment = SegmentFactory(text="Kounalakis was running to the café")
    found = Segment.objects.filter(search_vector="cafe").filter(search_vector="run")
    assert list(found) == [segment]
    segment.text = "Nothing about coffee"
    segment.save()
    assert not Segment.objects.filter(search_vector="cafe").exists()


def test_the_page_reads_the_current_transcript_with_its_talk_and_inferred_speakers_counted(
    django_assert_num_queries,
):
    episode = EpisodeFactory()
    assert transcript_for_page(episode.pk) is None
    TranscriptFactory(episode=episode, version=1, is_current=False, source_name="old.txt")
    current = TranscriptFactory(
        episode=episode, version=2, timing="estimated", source_name="new.txt"
    )
    SegmentFactory.create_batch(3, transcript=current, speaker_inferred=True)
    SegmentFactory(transcript=current, kind=Segment.Kind.STAGE, text="[Music]")
    with django_assert_num_queries(1):
        read = transcript_for_page(episode.pk)
    assert (read.pk, read.spoken, read.inferred, read.is_estimated) == (current.pk, 3, 3, True)
    assert read.source_name == "new.txt"  # any other field is loaded when read
    assert transcript_for_page(EpisodeFactory().pk) is None
