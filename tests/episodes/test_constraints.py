"""Integrity lives in the database: each constraint refuses a bad row on its own."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from episodes.models import (
    Appearance,
    Episode,
    SpeakerAlias,
)
from tests.factories import (
    AppearanceFactory,
    EpisodeFactory,
    SegmentFactory,
    ShowFactory,
    SpeakerFactory,
    TranscriptFactory,
)
from transcripts.models import Segment, Transcript

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_episode_duration_must_be_positive():
    refused(lambda: EpisodeFactory(duration_s=0))


def test_episode_without_duration_is_allowed():
    assert EpisodeFactory(duration_s=None).pk


def test_episode_slug_is_unique_per_air_date():
    first = EpisodeFactory(title="Same")
    refused(
        lambda: Episode.objects.create(
            show=first.show, title="x", slug=first.slug, air_date=first.air_date
        )
    )


def test_two_episodes_with_one_title_get_distinct_urls():
    first = EpisodeFactory(title="Soft Secession")
    second = EpisodeFactory(title="Soft Secession")
    assert first.slug == "soft-secession"
    assert second.slug == "soft-secession-2"
    assert first.get_absolute_url() == "/episodes/2025/11/14/soft-secession/"
    assert first.get_absolute_url() != second.get_absolute_url()


def test_same_title_on_another_day_keeps_the_plain_slug():
    EpisodeFactory(title="Open Lines")
    other = EpisodeFactory(title="Open Lines", air_date=date(2025, 11, 15))
    assert other.slug == "open-lines"


def test_appearance_is_once_per_speaker_per_episode():
    appearance = AppearanceFactory()
    refused(
        lambda: Appearance.objects.create(episode=appearance.episode, speaker=appearance.speaker)
    )


def test_appearance_role_must_be_known():
    refused(lambda: AppearanceFactory(role="narrator"))


def test_speaker_alias_is_unique_per_speaker_ignoring_case():
    speaker = SpeakerFactory()
    SpeakerAlias.objects.create(speaker=speaker, name="El ny Kunaki")
    refused(lambda: SpeakerAlias.objects.create(speaker=speaker, name="EL NY KUNAKI"))


def test_speaker_in_an_appearance_cannot_be_deleted():
    appearance = AppearanceFactory()
    with pytest.raises(ProtectedError):
        appearance.speaker.delete()


def test_show_with_episodes_cannot_be_deleted():
    episode = EpisodeFactory()
    with pytest.raises(ProtectedError):
        episode.show.delete()


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


def test_show_slug_is_made_from_the_name():
    assert ShowFactory(name="Forum").slug == "forum"
