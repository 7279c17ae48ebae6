from datetime import date

import pytest

from tests.factories import (
    AppearanceFactory,
    EpisodeFactory,
    ShowFactory,
    SpeakerFactory,
    TopicFactory,
    transcript_saying,
)


@pytest.fixture(autouse=True)
def fresh_throttle(settings):
    """Each test starts with no request counted against its address."""
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE = "1000/minute"


def make_episode(show, title, day, *, speakers, texts, published=True, topics=(), timing="exact"):
    episode = EpisodeFactory(show=show, title=title, air_date=day, is_published=published)
    episode.topics.set(topics)
    for speaker in speakers:
        AppearanceFactory(episode=episode, speaker=speaker, role="guest")
    paragraphs = [(text, speakers[n % len(speakers)]) for n, text in enumerate(texts, start=1)]
    transcript_saying(episode, *paragraphs, every_ms=10_000, lasting_ms=9_000, timing=timing)
    return episode


@pytest.fixture
def archive(db):
    """Two shows, three published episodes with transcripts and one draft."""
    radio, field = ShowFactory(name="Bay Commons"), ShowFactory(name="Field Notes")
    housing, water = TopicFactory(name="Housing"), TopicFactory(name="Water")
    host, guest, expert = (
        SpeakerFactory(name="Dana Whitfield"),
        SpeakerFactory(name="Amara Bell"),
        SpeakerFactory(name="Ingrid Halvorsen"),
    )
    plans = [  # show, title, day, speakers, topics, timing, paragraphs, published
        (
            radio,
            "Rents on the shore",
            date(2026, 1, 10),
            [host, guest],
            [housing],
            "exact",
            [
                "Welcome to the show about rent control.",
                "Rent control keeps <b>tenants</b> housed & safe.",
                "Housing costs rise every year on the shore.",
            ],
            True,
        ),
        (
            field,
            "Why wells refill slowly",
            date(2026, 2, 1),
            [host, expert],
            [water],
            "estimated",
            ["Aquifers refill over years.", "The watershed needs rain and housing rules."],
            True,
        ),
        (
            radio,
            "Transit and housing",
            date(2026, 3, 5),
            [host, guest],
            [housing],
            "exact",
            [f"Paragraph {n} about buses and housing near stations." for n in range(1, 8)],
            True,
        ),
        (
            radio,
            "Secret housing draft",
            date(2026, 4, 1),
            [host, SpeakerFactory(name="Draft Only")],
            [],
            "exact",
            ["Unpublished housing words."],
            False,
        ),
    ]
    *episodes, draft = [
        make_episode(
            show,
            title,
            day,
            speakers=speakers,
            topics=topics,
            timing=timing,
            texts=texts,
            published=published,
        )
        for show, title, day, speakers, topics, timing, texts, published in plans
    ]
    return {
        "shows": (radio, field),
        "episodes": tuple(episodes),
        "draft": draft,
        "speakers": (host, guest, expert),
        "topics": (housing, water),
    }
