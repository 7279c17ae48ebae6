"""The catalogue's reading QuerySet methods, called directly."""

from datetime import date

import pytest

from episodes.models import Appearance, Episode, Show, Speaker, Topic
from tests.factories import (
    AppearanceFactory,
    EpisodeFactory,
    SpeakerFactory,
    TopicFactory,
    TranscriptFactory,
)

pytestmark = pytest.mark.django_db


def test_published_and_drafts_split_the_episodes():
    published = EpisodeFactory(title="Out")
    draft = EpisodeFactory(title="Draft", is_published=False)
    assert list(Episode.objects.published()) == [published]
    assert list(Episode.objects.drafts()) == [draft]


def test_with_transcript_keeps_episodes_that_have_a_current_transcript():
    with_one = EpisodeFactory(title="Transcribed")
    TranscriptFactory(episode=with_one)
    replaced_only = EpisodeFactory(title="Replaced")
    TranscriptFactory(episode=replaced_only, is_current=False)
    EpisodeFactory(title="Bare")
    assert list(Episode.objects.with_transcript()) == [with_one]


def test_for_page_loads_show_topics_and_speakers_host_first(django_assert_num_queries):
    episode = EpisodeFactory()
    episode.topics.add(TopicFactory(name="Housing"))
    AppearanceFactory(episode=episode, speaker=SpeakerFactory(name="Ann Guest"), role="guest")
    AppearanceFactory(episode=episode, speaker=SpeakerFactory(name="Zed Host"), role="host")
    with django_assert_num_queries(3):  # the episode with its show, its topics, its speakers
        loaded = Episode.objects.for_page().get(pk=episode.pk)
        assert loaded.show.name == episode.show.name
        assert [t.name for t in loaded.topics.all()] == ["Housing"]
        assert [a.speaker.name for a in loaded.appearances.all()] == ["Zed Host", "Ann Guest"]


def test_topic_and_show_counts_leave_out_drafts():
    topic = TopicFactory(name="Water")
    published = EpisodeFactory()
    draft = EpisodeFactory(show=published.show, is_published=False)
    for episode in (published, draft):
        episode.topics.add(topic)
    assert Topic.objects.with_episode_counts().get(pk=topic.pk).episode_total == 1
    assert Show.objects.with_episode_counts().get(pk=published.show.pk).episode_total == 1


def test_topics_talked_about_by_a_speaker_most_episodes_first():
    speaker = SpeakerFactory()
    water, housing, secret = (TopicFactory(name=n) for n in ("Water", "Housing", "Secret"))
    for topics in ([water, housing], [water]):
        episode = EpisodeFactory()
        episode.topics.add(*topics)
        AppearanceFactory(episode=episode, speaker=speaker)
    draft = EpisodeFactory(is_published=False)
    draft.topics.add(secret)
    AppearanceFactory(episode=draft, speaker=speaker)
    found = [(t.name, t.episode_total) for t in Topic.objects.talked_about_by(speaker)]
    assert found == [("Water", 2), ("Housing", 1)]


def test_appearances_published_newest_first():
    speaker = SpeakerFactory()
    older = AppearanceFactory(speaker=speaker, episode=EpisodeFactory(air_date=date(2024, 1, 2)))
    newer = AppearanceFactory(speaker=speaker, episode=EpisodeFactory(air_date=date(2025, 3, 4)))
    AppearanceFactory(speaker=speaker, episode=EpisodeFactory(is_published=False))
    assert list(speaker.appearances.published().newest_first()) == [newer, older]
    assert Appearance.objects.published().count() == 2


def test_names_heard_in_public_are_in_order_and_leave_out_draft_only_speakers():
    AppearanceFactory(speaker=SpeakerFactory(name="Zoe Public"))
    AppearanceFactory(speaker=SpeakerFactory(name="Al Public"))
    AppearanceFactory(
        speaker=SpeakerFactory(name="Dee Draft"), episode=EpisodeFactory(is_published=False)
    )
    assert list(Speaker.objects.names_heard_in_public()) == ["Al Public", "Zoe Public"]


def test_most_heard_counts_published_episodes_only():
    often, once = SpeakerFactory(name="Often"), SpeakerFactory(name="Once")
    for _ in range(2):
        AppearanceFactory(speaker=often)
    AppearanceFactory(speaker=once)
    AppearanceFactory(speaker=once, episode=EpisodeFactory(is_published=False))
    found = [(s.name, s.appearance_total) for s in Speaker.objects.most_heard()]
    assert found == [("Often", 2), ("Once", 1)]
