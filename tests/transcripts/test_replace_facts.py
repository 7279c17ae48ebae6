"""Replacing or restoring a version: the episode's duration and participants follow it."""

import pytest

from tests.factories import AppearanceFactory, EpisodeFactory
from transcripts.services import import_transcript, restore_transcript

pytestmark = pytest.mark.django_db

FIRST = b"""1
00:00:00,000 --> 00:00:10,000
PETER SAGAL, HOST: Welcome to the show.

2
00:00:10,000 --> 00:00:20,000
BILL KURTIS, BYLINE: Thank you, Peter.

3
00:00:20,000 --> 00:01:30,000
SAGAL: And we are off.
"""
# The second version drops Bill Kurtis and is shorter.
SECOND = b"""1
00:00:00,000 --> 00:00:10,000
PETER SAGAL, HOST: Welcome to the show.

2
00:00:10,000 --> 00:00:45,000
SAGAL: And we are off, alone.
"""


def participants(episode):
    return dict(episode.appearances.values_list("speaker__name", "role"))


def test_replace_drops_a_speaker_and_the_duration_and_restore_brings_them_back():
    episode = EpisodeFactory(duration_s=None)
    first = import_transcript(FIRST, filename="v1.srt", episode=episode).transcript
    episode.refresh_from_db()
    assert episode.duration_s == 90
    assert participants(episode) == {"Peter Sagal": "host", "Bill Kurtis": "reporter"}

    import_transcript(SECOND, filename="v2.srt", episode=episode, replace=True)
    episode.refresh_from_db()
    assert episode.duration_s == 45
    assert participants(episode) == {"Peter Sagal": "host"}
    # The first version keeps its own record of who spoke.
    assert first.segments.filter(speaker__name="Bill Kurtis").exists()

    restore_transcript(first)
    episode.refresh_from_db()
    assert episode.duration_s == 90
    assert participants(episode) == {"Peter Sagal": "host", "Bill Kurtis": "reporter"}


def test_a_participant_no_version_accounts_for_is_kept():
    episode = EpisodeFactory(duration_s=None)
    import_transcript(FIRST, filename="v1.srt", episode=episode)
    producer = AppearanceFactory(episode=episode, speaker__name="Listed Producer")
    import_transcript(SECOND, filename="v2.srt", episode=episode, replace=True)
    assert episode.appearances.filter(pk=producer.pk).exists()
