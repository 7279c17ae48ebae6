"""Issue 13, finding 5: the command line attributes by name, not by likeness.

With "Alice Smith" known, new files' "John Smith", "Joan Smith" and "Jon Smith"
all became Alice Smith; "Mario Garcia" became "Maria Garcia", "Dana Whit" became
"Dana Whitfield". Now a label is an existing speaker only on its exact name (case
and accents aside), a recorded alternative spelling, or a strong full-name match;
a look-alike is reported in the summary. The admin preview still proposes it.
"""

from io import StringIO

import pytest
from django.core.management import call_command

from episodes.models import Speaker, SpeakerAlias
from episodes.speaker_names import is_same_full_name
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db


def import_labels(tmp_path, *labels):
    path = tmp_path / "2025-02-03-panel.txt"
    path.write_text("\n\n".join(f"{label}: Something {n} said." for n, label in enumerate(labels)))
    out = StringIO()
    call_command("import_transcripts", str(path), "--show", "Bay Commons", stdout=out)
    return out.getvalue()


def speaker_of(label):
    from transcripts.models import Segment

    return Segment.objects.get(speaker_label=label).speaker.name


def test_a_shared_surname_or_a_look_alike_makes_a_new_speaker_reported_in_the_summary(tmp_path):
    for name in ("Alice Smith", "John Smith", "Maria Garcia", "Dana Whitfield"):
        SpeakerFactory(name=name)
    labels = ("Jon Smith", "Joan Smith", "Mario Garcia", "Dana Whit")
    out = import_labels(tmp_path, *labels)
    for label in labels:
        assert speaker_of(label) == label  # a new speaker of that name
    assert Speaker.objects.count() == 8
    assert (
        "'Jon Smith' looked like 'John Smith': kept apart; merge them in the admin if they "
        "are the same person" in out
    )
    assert "'Mario Garcia' looked like 'Maria Garcia'" in out
    assert "'Dana Whit' looked like 'Dana Whitfield'" in out


def test_the_exact_name_a_recorded_spelling_or_a_strong_full_name_match_is_the_speaker(
    tmp_path,
):
    rosa = SpeakerFactory(name="Rosa Delgado")
    nunez = SpeakerFactory(name="José Núñez")
    eleni = SpeakerFactory(name="Eleni Kounalakis")
    SpeakerAlias.objects.create(speaker=rosa, name="Rosie D")
    out = import_labels(
        tmp_path, "ROSA DELGADO", "Jose Nunez", "Rosie D", "Dr. Eleni M. Kounalakas"
    )
    # (The reader gives a label in capitals the name's own casing.)
    assert speaker_of("Rosa Delgado") == speaker_of("Rosie D") == rosa.name
    assert speaker_of("Jose Nunez") == nunez.name
    assert speaker_of("Dr. Eleni M. Kounalakas") == eleni.name
    assert Speaker.objects.count() == 3
    assert "looked like" not in out


def test_a_strong_full_name_match_needs_the_same_first_name_and_a_close_long_surname():
    assert is_same_full_name("Eleni Kounalakas", "Eleni Kounalakis")
    assert is_same_full_name("Dr. Rosa M. Delgado", "rosa delgado")
    assert not is_same_full_name("Jon Smith", "John Smith")
    assert not is_same_full_name("Ann Lee", "Ann Leo")  # short surnames: no typos allowed
    assert not is_same_full_name("Smith", "John Smith")
    assert not is_same_full_name("Dana Whit", "Dana Whitfield")


def test_the_admin_preview_still_proposes_a_look_alike_for_staff_to_accept():
    john = SpeakerFactory(name="John Smith")
    assert Speaker.objects.match_label("Jon Smith") == john
    assert Speaker.objects.same_person("Jon Smith").speaker is None
