"""The catalogue's write services on a real database: publishing, what an import adds,
merging speakers; each recorded in the trail and announced once it commits."""

import pytest
from django.db import transaction
from django.test import TestCase

from episodes.models import Appearance, Episode, Show, Speaker, SpeakerAlias, SpeakerSlugRedirect
from episodes.services import (
    CatalogueEditError,
    add_appearances,
    add_topics,
    find_or_create_episode,
    find_or_create_show,
    merge_speakers,
    set_published,
)
from episodes.trail import TrailEntry
from tests.factories import (
    AppearanceFactory,
    EpisodeFactory,
    SegmentFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# --- publishing ------------------------------------------------------------------------


def test_publishing_records_who_and_announces_once_it_commits(announcements):
    drafts = [EpisodeFactory(is_published=False), EpisodeFactory(is_published=False)]
    editor = UserFactory(username="rosa")
    with TestCase.captureOnCommitCallbacks(execute=True):
        changed = set_published(Episode.objects.all(), published=True, user=editor)
        assert announcements == []  # not before the commit
    assert changed == 2
    assert Episode.objects.published().count() == 2
    assert [e.who for e in TrailEntry.objects.order_by("pk")] == ["rosa", "rosa"]
    assert {e.episode for e in TrailEntry.objects.all()} == set(drafts)
    assert len(announcements) == 1


def test_publishing_what_is_published_already_changes_and_announces_nothing(announcements):
    EpisodeFactory(is_published=True)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert set_published(Episode.objects.all(), published=True) == 0
    assert not TrailEntry.objects.exists()
    assert announcements == []


def test_a_publication_rolled_back_announces_nothing(announcements):
    EpisodeFactory(is_published=False)
    with (
        TestCase.captureOnCommitCallbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        set_published(Episode.objects.all(), published=True)
        raise RuntimeError("a later step of the same transaction failed")
    assert announcements == []
    assert not Episode.objects.published().exists()


# --- what an import adds ---------------------------------------------------------------


def test_a_show_and_an_episode_are_found_again_whatever_the_case():
    show = find_or_create_show("City Arts & Lectures")
    assert find_or_create_show("city arts & lectures") == show
    first = find_or_create_episode(show=show, title="Water Week", air_date="2025-11-14")
    again = find_or_create_episode(show=show, title="water week", air_date="2025-11-14")
    assert again == first
    assert not first.is_published  # a new episode is a draft until someone publishes it
    assert (Show.objects.count(), Episode.objects.count()) == (1, 1)


def test_appearances_are_added_once_and_a_corrected_role_replaces_the_one_on_record():
    episode = EpisodeFactory()
    host, guest = SpeakerFactory(), SpeakerFactory()
    AppearanceFactory(episode=episode, speaker=host, role="guest")
    rows = [
        Appearance(episode=episode, speaker=host, role="host"),
        Appearance(episode=episode, speaker=guest, role="guest"),
    ]
    add_appearances(episode, rows, corrected_roles={host.pk: "host"})
    add_appearances(episode, rows)
    roles = dict(episode.appearances.values_list("speaker_id", "role"))
    assert roles == {host.pk: "host", guest.pk: "guest"}


def test_topics_are_rows_or_names_of_existing_or_new_topics():
    episode = EpisodeFactory()
    housing = TopicFactory(name="Housing")
    add_topics(episode, [housing, "  water   supply ", "HOUSING", ""])
    assert sorted(episode.topics.values_list("name", flat=True)) == ["Housing", "water supply"]


# --- merging speakers ------------------------------------------------------------------


def test_merging_a_misspelling_moves_paragraphs_and_appearances_and_keeps_the_name():
    real = SpeakerFactory(name="Eleni Kounalakis", slug="eleni-kounalakis")
    misspelt = SpeakerFactory(name="Elany Kunaki", slug="elany-kunaki", affiliation="Lt. Gov.")
    transcript = SegmentFactory(
        text="I want to talk about the budget.", speaker=misspelt
    ).transcript
    AppearanceFactory(episode=transcript.episode, speaker=misspelt, role="guest")

    merge = merge_speakers(misspelt, into=real, user=UserFactory())

    assert (merge.segments, merge.appearances, merge.episodes) == (1, 1, 1)
    assert transcript.segments.get().speaker == real
    assert Appearance.objects.get(episode=transcript.episode).speaker == real
    assert list(real.aliases.values_list("name", flat=True)) == ["Elany Kunaki"]
    assert SpeakerSlugRedirect.objects.get(old_slug="elany-kunaki").speaker == real
    assert not Speaker.objects.filter(pk=misspelt.pk).exists()
    real.refresh_from_db()
    assert real.affiliation == "Lt. Gov."  # what only the merged record said is kept
    entry = TrailEntry.objects.get()
    assert entry.episode == transcript.episode
    assert entry.summary == "Merged speaker “Elany Kunaki” into “Eleni Kounalakis”"


def test_where_both_speakers_appear_one_appearance_stays():
    real, misspelt = SpeakerFactory(name="Clara Jeffery"), SpeakerFactory(name="Clara Jefery")
    episode = EpisodeFactory()
    AppearanceFactory(episode=episode, speaker=real, role="guest")
    AppearanceFactory(episode=episode, speaker=misspelt, role="other", introduced_as="editor")
    merge_speakers(misspelt, into=real)
    appearance = Appearance.objects.get(episode=episode)
    assert (appearance.speaker, appearance.role) == (real, "guest")
    assert appearance.introduced_as == "editor"


def test_merging_moves_alternative_spellings_and_earlier_redirects():
    real = SpeakerFactory(name="Eleni Kounalakis")
    misspelt = SpeakerFactory(name="El ny Kunaki", slug="el-ny-kunaki")
    SpeakerAlias.objects.create(speaker=misspelt, name="Eleni Kounalakis")  # same as real's name
    SpeakerAlias.objects.create(speaker=misspelt, name="Elany Kunaki")
    SpeakerSlugRedirect.objects.create(old_slug="older-slug", speaker=misspelt)
    merge_speakers(misspelt, into=real)
    assert sorted(real.aliases.values_list("name", flat=True)) == ["El ny Kunaki", "Elany Kunaki"]
    assert set(real.slug_redirects.values_list("old_slug", flat=True)) == {
        "older-slug",
        "el-ny-kunaki",
    }


def test_a_speaker_cannot_be_merged_into_themselves():
    speaker = SpeakerFactory()
    with pytest.raises(CatalogueEditError, match="themselves"):
        merge_speakers(speaker, into=speaker)
    assert Speaker.objects.filter(pk=speaker.pk).exists()
