"""The one display-name rule every page, feed, alert email and download uses."""

from types import SimpleNamespace

from transcripts.parsed import UNKNOWN_SPEAKER
from transcripts.reading import display_name


def paragraph(speaker=None, label=""):
    return SimpleNamespace(
        speaker_id=1 if speaker else None,
        speaker=SimpleNamespace(name=speaker) if speaker else None,
        speaker_label=label,
    )


def test_a_linked_speaker_is_named_by_their_record_not_the_label_as_imported():
    assert display_name(paragraph(speaker="Rosa Delgado", label="ROSA")) == "Rosa Delgado"


def test_without_a_linked_speaker_the_label_as_imported_is_shown():
    assert display_name(paragraph(label="Caller from Fresno")) == "Caller from Fresno"


def test_a_voice_nobody_named_is_the_unknown_speaker_that_imports_read_back():
    assert display_name(paragraph()) == UNKNOWN_SPEAKER == "Unknown Speaker"
