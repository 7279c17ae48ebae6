"""The catalogue every public-page, filter, feed and sitemap test reads (tests/transcripts/views/
too: the episode and speaker pages)."""

from datetime import date

import pytest

from tests.factories import (
    AppearanceFactory,
    EpisodeFactory,
    SegmentFactory,
    ShowFactory,
    SpeakerFactory,
    TopicFactory,
    TranscriptFactory,
)
from transcripts.services import import_transcript


def page(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


@pytest.fixture
def archive():
    """Two shows, three published episodes and a draft, speakers and topics."""
    forum = ShowFactory(name="Forum", station="KQED")
    other = ShowFactory(name="Field Notes")
    water, housing = TopicFactory(name="Water"), TopicFactory(name="Housing")
    host, guest = SpeakerFactory(name="Alexis Madrigal"), SpeakerFactory(name="Eleni Kounalakis")
    first = EpisodeFactory(
        show=forum, title="Soft Secession", air_date=date(2025, 11, 14), duration_s=3024
    )
    second = EpisodeFactory(show=forum, title="Groundwater Blues", air_date=date(2025, 6, 1))
    third = EpisodeFactory(show=other, title="Aquifers", air_date=date(2026, 3, 14))
    draft = EpisodeFactory(show=forum, title="Secret Draft", is_published=False)
    first.topics.add(water)
    second.topics.add(water, housing)
    third.topics.add(water)
    for episode in (first, second):
        AppearanceFactory(episode=episode, speaker=host, role="host")
    AppearanceFactory(
        episode=first, speaker=guest, role="guest", introduced_as="Lieutenant Governor"
    )
    AppearanceFactory(episode=draft, speaker=guest)
    transcript = TranscriptFactory(episode=first, timing="estimated")
    # Each paragraph ends where the next begins.
    bounds_ms = [0, 60_000, 754_500, 800_000]
    paragraphs = [  # speaker, the label the file gave, text
        (host, "Alexis Madrigal", "Welcome to Forum, I'm Alexis Madrigal."),
        (guest, "Elany Kunaki", "Thank you. <script>alert('x')</script> is what the site showed."),
        (host, "Alexis Madrigal", "Let's take a call."),
    ]
    for position, (speaker, label, text) in enumerate(paragraphs, start=1):
        SegmentFactory(
            transcript=transcript,
            position=position,
            start_ms=bounds_ms[position - 1],
            end_ms=bounds_ms[position],
            speaker=speaker,
            speaker_label=label,
            # A misheard label: the speaker was inferred from what was said.
            speaker_inferred=label != speaker.name,
            text=text,
        )
    return {
        "forum": forum,
        "other": other,
        "water": water,
        "housing": housing,
        "host": host,
        "guest": guest,
        "first": first,
        "second": second,
        "third": third,
        "draft": draft,
    }


VTT = b"""WEBVTT

00:00:00.500 --> 00:00:42.000
<v Rosa Delgado>Welcome to the program about the levee and the river that runs past the town.

00:00:42.651 --> 00:01:10.000
<v Sam Ortiz>The levee held through the storm, and the farmers along the river were relieved
to see it still standing there in the grey light of the morning.

00:01:10.000 --> 00:01:10.400
<v Rosa Delgado>Right.

00:01:10.400 --> 00:01:30.000
<v Sam Ortiz>The next storm will test it again, and nobody in the valley wants to wait and see.
"""


@pytest.fixture
def episode(db):
    """ "Levee Night": a published episode whose transcript came through the importer."""
    episode = EpisodeFactory(title="Levee Night", air_date=date(2025, 11, 14))
    episode.topics.add(TopicFactory(name="Water"))
    import_transcript(VTT, filename="levee.vtt", episode=episode)
    return episode
