import hashlib
from datetime import date

import factory
from django.contrib.auth import get_user_model

from episodes.models import Appearance, Episode, Show, Speaker, Topic
from transcripts.models import Segment, Transcript


class ShowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Show
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Show {n}")
    station = "KXYZ"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    show = factory.SubFactory(ShowFactory)
    title = factory.Sequence(lambda n: f"Episode {n}")
    air_date = date(2025, 11, 14)
    duration_s = 3000
    is_published = True


class AppearanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appearance

    episode = factory.SubFactory(EpisodeFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    role = "guest"


class TranscriptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transcript

    episode = factory.SubFactory(EpisodeFactory)
    version = 1
    source_format = "txt"
    original = b"Host: hello"
    source_sha256 = factory.LazyAttribute(lambda t: hashlib.sha256(bytes(t.original)).hexdigest())
    timing = "exact"


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment

    transcript = factory.SubFactory(TranscriptFactory)
    position = factory.Sequence(lambda n: n + 1)
    start_ms = factory.Sequence(lambda n: n * 10_000)
    end_ms = factory.LazyAttribute(lambda s: s.start_ms + 9_000)
    text = "Words spoken on the air."


def transcript_saying(
    episode, *paragraphs, every_ms=60_000, lasting_ms=30_000, first_ms=None, **fields
):
    """The transcript of ``episode`` saying ``paragraphs`` (text, or (text, speaker)) in order.

    A paragraph starts ``every_ms`` after the one before (the first at ``first_ms``,
    by default ``every_ms``) and lasts ``lasting_ms``; a speaker who speaks appears
    in the episode, as an import records. One statement writes them all, so a test
    may ask for thousands.
    """
    transcript = TranscriptFactory(episode=episode, **fields)
    said = [
        paragraph if isinstance(paragraph, tuple) else (paragraph, None) for paragraph in paragraphs
    ]
    start_ms = every_ms if first_ms is None else first_ms
    for speaker in dict.fromkeys(speaker for _, speaker in said if speaker is not None):
        Appearance.objects.get_or_create(episode=episode, speaker=speaker)
    Segment.objects.bulk_create(
        Segment(
            transcript=transcript,
            position=position,
            start_ms=start_ms + (position - 1) * every_ms,
            end_ms=start_ms + (position - 1) * every_ms + lasting_ms,
            speaker=speaker,
            speaker_label=speaker.name if speaker else "",
            text=text,
        )
        for position, (text, speaker) in enumerate(said, start=1)
    )
    return transcript


def episode_with(*paragraphs, **episode_fields):
    """An episode whose current transcript says ``paragraphs`` (text or (text, speaker))."""
    episode = EpisodeFactory(**episode_fields)
    transcript_saying(episode, *paragraphs)
    return episode


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("a-long-test-password")


def editors_group():
    """The Editors group its migration (staff/0002) makes.

    A transactional test's flush empties auth tables; this makes the group again the
    same way, so tests that run after one still find it.
    """
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    group = Group.objects.filter(name="Editors").first()
    if group is None:
        migration = importlib.import_module("staff.migrations.0002_editors_group")
        group = migration.grant_editor_permissions(apps)
    return group


class EditorFactory(UserFactory):
    """A staff member in the Editors group."""

    class Meta:
        skip_postgeneration_save = True

    is_staff = True

    @factory.post_generation
    def in_editors_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(editors_group())
