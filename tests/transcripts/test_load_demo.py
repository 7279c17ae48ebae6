import wave
from pathlib import Path

import pytest
from django.core.management import call_command

from episodes.models import Episode, Show, Speaker, Topic
from transcripts.models import Segment, Transcript

pytestmark = pytest.mark.django_db


def counts():
    return {
        m.__name__: m.objects.count() for m in (Show, Episode, Speaker, Topic, Transcript, Segment)
    }


def test_the_demo_archive_is_a_living_archive_and_loading_twice_changes_nothing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=None)
    first = counts()
    assert first["Show"] >= 2 and first["Episode"] >= 6
    assert first["Speaker"] >= 10 and first["Topic"] >= 5
    assert Transcript.objects.filter(timing="estimated").exists()
    assert all(e.transcripts.filter(is_current=True).exists() for e in Episode.objects.all())

    with_media = Episode.objects.exclude(media_url="").get()
    audio = Path(tmp_path) / with_media.media_url.removeprefix("/media/")
    with wave.open(str(audio)) as clip:
        assert clip.getnframes() / clip.getframerate() == with_media.duration_s

    call_command("load_demo")
    assert counts() == first


def test_a_recurring_guest_appears_in_several_episodes(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    assert Speaker.objects.most_heard().first().appearance_total >= 3
