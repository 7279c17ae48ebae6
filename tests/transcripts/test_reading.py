"""transcripts/reading.py: the one display-name rule every page, feed, alert email and
download uses; what a ?t= moment means, and the shortest one for a paragraph."""

from types import SimpleNamespace

import pytest

from transcripts.parsed import UNKNOWN_SPEAKER
from transcripts.reading import display_name, moment_bound_ms, share_moment


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


def test_a_moment_names_a_span_at_its_own_precision():
    assert moment_bound_ms("42") == 43_000
    assert moment_bound_ms("42.6") == 42_700
    assert moment_bound_ms("42.651") == 42_652
    for bad in ("nan", "inf", "-1", "abc", ""):
        with pytest.raises(ValueError):
            moment_bound_ms(bad)


def test_copy_link_times_are_the_shortest_that_land_on_their_own_paragraph():
    assert share_moment(42_651, 70_000) == "42"
    assert share_moment(70_000, 70_400) == "70.0"  # the next starts within the second
    assert share_moment(70_000, 70_050) == "70.000"
    assert share_moment(500, None) == "0"
    for start, following in [(42_651, 70_000), (70_000, 70_400), (70_000, 70_050)]:
        bound = moment_bound_ms(share_moment(start, following))
        assert start < bound <= following
