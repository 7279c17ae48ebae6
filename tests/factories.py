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
