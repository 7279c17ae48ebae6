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
    ShowFactory,
    SpeakerFactory,
)

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


def test_show_slug_is_made_from_the_name():
    assert ShowFactory(name="Forum").slug == "forum"
