"""What the admin preview hands the importer (roles, topics, a new episode's details),
the trail of imports, and restoring an earlier version."""

from datetime import date

import pytest

from episodes.models import Appearance, Episode, Topic
from episodes.trail import TrailEntry
from tests.factories import (
    AppearanceFactory,
    EpisodeFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
)
from transcripts.errors import TranscriptImportError
from transcripts.parsed import EpisodeMetadata
from transcripts.services import import_transcript, restore_transcript

pytestmark = pytest.mark.django_db

TEXT = b"Rosa Delgado: Welcome to the program.\n\nSam Ortiz: Glad to be here.\n"
OTHER_TEXT = b"Rosa Delgado: Welcome back.\n\nNadia Farouk: Hello.\n"


@pytest.fixture
def episode():
    return EpisodeFactory(title="Water week", is_published=False)


def test_roles_chosen_by_staff_replace_the_files_guess(episode):
    roles = {"Rosa Delgado": "host", "Sam Ortiz": "guest"}
    import_transcript(TEXT, filename="w.txt", episode=episode, roles=roles)
    roles = dict(episode.appearances.values_list("speaker__name", "role"))
    assert roles == {"Rosa Delgado": "host", "Sam Ortiz": "guest"}


def test_a_chosen_role_corrects_an_appearance_already_on_record(episode):
    sam = SpeakerFactory(name="Sam Ortiz")
    AppearanceFactory(episode=episode, speaker=sam, role="other")
    import_transcript(TEXT, filename="w.txt", episode=episode, roles={"Sam Ortiz": "caller"})
    assert Appearance.objects.get(episode=episode, speaker=sam).role == "caller"


def test_topics_are_added_and_new_names_become_topics_in_the_same_import(episode):
    water = TopicFactory(name="Water")
    import_transcript(TEXT, filename="w.txt", episode=episode, topics=[water, "Drought", "water"])
    assert sorted(episode.topics.values_list("name", flat=True)) == ["Drought", "Water"]
    assert Topic.objects.count() == 2


def test_a_refused_import_creates_no_topic(episode):
    import_transcript(TEXT, filename="w.txt", episode=episode)
    with pytest.raises(TranscriptImportError):
        import_transcript(OTHER_TEXT, filename="o.txt", episode=episode, topics=["Drought"])
    assert not Topic.objects.exists()


def test_a_new_episode_takes_the_details_staff_corrected():
    details = EpisodeMetadata(
        show="Bay Commons",
        title="Groundwater, corrected",
        air_date=date(2025, 3, 11),
        duration_s=600,
        summary="Wells",
    )
    result = import_transcript(TEXT, filename="2020-01-01-wrong.txt", episode_details=details)
    episode = result.episode
    assert (episode.show.name, episode.title, episode.air_date) == (
        "Bay Commons",
        "Groundwater, corrected",
        date(2025, 3, 11),
    )
    assert (episode.duration_s, episode.summary) == (600, "Wells")
    # Untimed text is spread over the duration staff gave.
    assert result.transcript.segments.last().end_ms == 600_000


def test_an_import_and_a_replacement_are_recorded_in_the_trail(episode):
    editor = UserFactory(username="sam")
    import_transcript(TEXT, filename="first.txt", episode=episode, user=editor)
    import_transcript(OTHER_TEXT, filename="second.txt", episode=episode, replace=True)
    replaced, published, imported = TrailEntry.objects.for_episode(episode)
    assert (published.action, published.user_name) == ("published", "sam")
    assert (imported.action, imported.user_name) == ("imported", "sam")
    assert imported.summary == "Imported first.txt as version 1 (2 paragraphs)"
    assert (replaced.action, replaced.user) == ("replaced", None)
    assert "version 1 is kept" in replaced.summary


def test_a_draft_import_unpublishes_nothing_it_was_not_asked_to(episode):
    """publish=None leaves the episode as it is; False makes it a draft, in the trail."""
    episode.is_published = True
    episode.save()
    import_transcript(TEXT, filename="a.txt", episode=episode, publish=None)
    episode.refresh_from_db()
    assert episode.is_published
    import_transcript(OTHER_TEXT, filename="b.txt", episode=episode, replace=True, publish=False)
    episode.refresh_from_db()
    assert not episode.is_published
    assert TrailEntry.objects.filter(episode=episode, action="unpublished").count() == 1


def test_a_dry_run_leaves_no_trail(episode):
    import_transcript(TEXT, filename="w.txt", episode=episode, dry_run=True)
    assert not TrailEntry.objects.exists()


def test_restoring_makes_an_earlier_version_current_and_keeps_the_other(episode):
    first = import_transcript(TEXT, filename="a.txt", episode=episode).transcript
    second = import_transcript(OTHER_TEXT, filename="b.txt", episode=episode, replace=True)
    restore_transcript(first, user=UserFactory(username="ana"))
    current = dict(episode.transcripts.values_list("version", "is_current"))
    assert current == {1: True, 2: False}
    assert second.transcript.segments.count() == 2  # nothing of version 2 is lost
    entry = TrailEntry.objects.for_episode(episode).first()
    assert (entry.action, entry.user_name) == ("restored", "ana")
    assert entry.summary == "Restored version 1 in place of version 2 (kept)"


def test_restoring_gives_the_restored_speakers_their_appearances_back(episode):
    first = import_transcript(TEXT, filename="a.txt", episode=episode).transcript
    import_transcript(OTHER_TEXT, filename="b.txt", episode=episode, replace=True)
    episode.appearances.filter(speaker__name="Sam Ortiz").delete()
    restore_transcript(first)
    assert episode.appearances.filter(speaker__name="Sam Ortiz").exists()


def test_restoring_the_current_version_is_refused(episode):
    first = import_transcript(TEXT, filename="a.txt", episode=episode).transcript
    with pytest.raises(TranscriptImportError, match="already the current"):
        restore_transcript(first)
    assert not TrailEntry.objects.filter(action="restored").exists()
    assert Episode.objects.count() == 1
