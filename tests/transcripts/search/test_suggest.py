"""Suggestions: a speaker's or a topic's name in the query offers their page and a filter."""

import pytest
from django.urls import reverse

from episodes.models import SpeakerAlias
from tests.factories import SpeakerFactory, TopicFactory, episode_with
from tests.transcripts.search.conftest import SEARCH
from transcripts.search import suggestions

pytestmark = pytest.mark.django_db


def test_a_misspelt_speaker_name_offers_their_page_and_everything_they_said(client):
    eleni = SpeakerFactory(name="Eleni Kounalakis")
    episode_with(("Kounalakis here.", eleni))
    page = client.get(SEARCH, {"q": "Kunalakis"}).content.decode()
    assert reverse("episodes:speaker_detail", args=[eleni.slug]) in page
    assert f"?speaker={eleni.slug}" in page and "everything said by Eleni Kounalakis" in page


def test_an_alternative_spelling_or_a_name_without_its_accents_finds_the_speaker():
    nunez = SpeakerFactory(name="José Núñez")
    rosa = SpeakerFactory(name="Rosa Delgado")
    SpeakerAlias.objects.create(speaker=rosa, name="Rosie D.")
    episode_with(("Hello.", nunez), ("Hi.", rosa))
    assert suggestions("jose nunez").speakers == [nunez]
    assert suggestions("Rosie D").speakers == [rosa]
    assert suggestions("budget").speakers == []


def test_a_topic_name_offers_the_topic_and_narrowing_to_it(client):
    topic = TopicFactory(name="Wildfire")
    episode_with("Wildfire season.").topics.add(topic)
    page = client.get(SEARCH, {"q": "wildfire"}).content.decode()
    assert reverse("episodes:topic_detail", args=[topic.slug]) in page
    assert f"topic={topic.slug}" in page
