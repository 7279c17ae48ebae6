"""The catalogue's models: the reading QuerySet methods, called directly; then slugs,
addresses, names and media URLs. (Database constraints: test_constraints.py.)"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from episodes.credits import episode_credits, episode_for_page
from episodes.models import (
    Appearance,
    Episode,
    Show,
    Speaker,
    Topic,
    validate_media_url,
)
from tests.factories import (
    AppearanceFactory,
    EpisodeFactory,
    ShowFactory,
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


def test_the_page_reads_its_episode_with_show_then_speakers_host_first_and_topics_at_once(
    django_assert_num_queries,
):
    episode = EpisodeFactory(slug="levee", air_date=date(2025, 11, 14), media_url="/m/a.wav")
    episode.topics.add(TopicFactory(name="Housing"), TopicFactory(name="Arts"))
    AppearanceFactory(episode=episode, speaker=SpeakerFactory(name="Ann Guest"), role="guest")
    AppearanceFactory(episode=episode, speaker=SpeakerFactory(name="Zed Host"), role="host")
    with django_assert_num_queries(2):  # the episode with its show; its speakers and topics
        loaded = episode_for_page(date(2025, 11, 14), "levee")
        assert loaded.show.name == episode.show.name
        appearances, topics = episode_credits(loaded.pk)
    stored = Episode.objects.get(pk=episode.pk)
    for field in Episode._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(stored, field.attname), field.name
    assert [(a["name"], a["role_label"]) for a in appearances] == [
        ("Zed Host", "Host"),
        ("Ann Guest", "Guest"),
    ]
    assert [(t["name"], t["url"]) for t in topics] == [
        ("Arts", "/topics/arts/"),
        ("Housing", "/topics/housing/"),
    ]
    assert episode_for_page(date(2025, 11, 15), "levee") is None
    Episode.objects.filter(pk=episode.pk).update(is_published=False)
    assert episode_for_page(date(2025, 11, 14), "levee") is None
    assert episode_for_page(date(2025, 11, 14), "levee", drafts=True).pk == episode.pk


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


# --- beside the queries: slugs, addresses, names, media URLs -------------------------


def test_a_slug_is_made_from_the_name_once_and_kept_on_renaming():
    topic = TopicFactory(name="Water & Rent")
    assert topic.slug == "water-rent"
    topic.name = "Water and Rent"
    topic.save()
    assert topic.slug == "water-rent"  # a link to the topic keeps working


def test_a_taken_slug_gets_the_next_free_number():
    assert [SpeakerFactory(name="Ann Lee").slug for _ in range(3)] == [
        "ann-lee",
        "ann-lee-2",
        "ann-lee-3",
    ]


def test_a_name_with_nothing_to_slug_is_untitled():
    assert ShowFactory(name="¿?").slug == "untitled"


def test_a_long_name_gives_a_slug_that_fits_with_room_for_a_number():
    name = "word " * 39 + "word"  # 199 letters and spaces: a 199-character slug
    first, second = ShowFactory(name=name).slug, ShowFactory(name=name.upper()).slug
    assert first.startswith("word-word") and len(first) <= 192 and not first.endswith("-")
    assert second == f"{first}-2"


def test_an_episode_keeps_its_own_slug_when_saved_again():
    episode = EpisodeFactory(title="Open Lines")
    episode.slug = ""
    episode.save()  # made again, it must not count itself as taken
    assert episode.slug == "open-lines"


def test_an_episode_address_is_its_air_date_and_slug():
    episode = EpisodeFactory(title="Open Lines", air_date=date(2026, 3, 5))
    assert episode.get_absolute_url() == "/episodes/2026/03/05/open-lines/"


def test_rows_name_themselves_as_staff_read_them():
    appearance = AppearanceFactory(
        episode__title="Open Lines",
        episode__air_date=date(2026, 3, 5),
        speaker__name="Ann Lee",
        role="caller",
    )
    assert str(appearance.episode) == "Open Lines (2026-03-05)"
    assert str(appearance) == "Ann Lee (caller) in Open Lines (2026-03-05)"
    redirect = appearance.speaker.slug_redirects.create(old_slug="ann-le")
    assert str(redirect) == "/speakers/ann-le/ -> Ann Lee"


@pytest.mark.parametrize(
    "value",
    ["/\\evil.example/a.mp3", "//evil.example/a.mp3", "/media/../../etc/passwd", "/a b.mp3"],
)
def test_a_media_url_that_is_not_a_clean_local_path_or_http_url_is_refused(value):
    with pytest.raises(ValidationError):
        validate_media_url(value)


@pytest.mark.parametrize(
    "value", ["/media/demo/clip.wav", "https://cdn.example.org/a.mp3", "http://x.example/a.ogg"]
)
def test_local_paths_and_http_urls_are_media_urls(value):
    validate_media_url(value)


def test_cleaning_a_name_removes_invisible_characters_and_refuses_an_empty_one():
    show = Show(name="\u202eForum\u200b  Extra\ufeff")
    show.full_clean(exclude=["slug"])
    assert show.name == "Forum Extra"
    with pytest.raises(ValidationError) as refused:
        Topic(name="\u200b\u2066").full_clean(exclude=["slug"])
    assert refused.value.message_dict["name"] == ["Enter some visible text."]
