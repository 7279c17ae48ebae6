"""Every name-to-speaker match, in one module: called directly."""

import pytest

from episodes.models import Speaker, SpeakerAlias
from episodes.speaker_names import is_same_full_name, name_similarity, normalize_name
from tests.factories import SpeakerFactory


def test_normal_form_drops_case_accents_and_punctuation():
    assert normalize_name("  Élany   KUNAKI, Jr. ") == "elany kunaki jr"


def test_name_similarity_forgives_captions_splitting_and_misspelling_names():
    assert name_similarity("El ny Kunaki", "Elany Kunaki") > 0.9
    assert name_similarity("Clara Jeffery", "John Michaels") < 0.3


def test_same_full_name_ignores_honorifics_and_middle_initials():
    assert is_same_full_name("Dr. Rosa M. Delgado", "rosa delgado")
    assert not is_same_full_name("Jon Smith", "John Smith")


@pytest.mark.django_db
def test_look_alikes_ranks_a_caption_misspelling_first_and_leaves_out_the_excluded():
    eleni = SpeakerFactory(name="Eleni Kounalakis")
    SpeakerFactory(name="Clara Jeffery")
    misspelt = SpeakerFactory(name="Elany Kunaki")
    assert Speaker.objects.look_alikes("Elany Kunaki", exclude=misspelt) == [eleni]
    assert Speaker.objects.look_alikes("Elany Kunaki", limit=1) == [misspelt]


@pytest.mark.django_db
def test_named_matches_an_alternative_spelling_whatever_its_case_and_accents():
    speaker = SpeakerFactory(name="Eleni Kounalakis")
    SpeakerAlias.objects.create(speaker=speaker, name="Elany Kunaki")
    assert list(Speaker.objects.named("ELANY KÚNAKI")) == [speaker]
