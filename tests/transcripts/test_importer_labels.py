"""An NPR-style transcript in the archive: full names, roles, no labels or stage words left."""

import re

import pytest

from tests.factories import EpisodeFactory
from tests.transcripts.formats.test_labels import NPR_STYLE, NPR_STYLE_ROLES
from transcripts.reading import group_turns, talk_shares
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db


def test_npr_style_import_names_every_turn_with_its_role_and_no_label_text():
    episode = EpisodeFactory(duration_s=120)
    transcript = import_transcript(NPR_STYLE, filename="npr.txt", episode=episode).transcript
    segments = list(transcript.segments.select_related("speaker").order_by("position"))
    assert [(s.kind, s.speaker.name if s.speaker else None) for s in segments] == [
        ("speech", "Peter Sagal"),
        ("speech", "Bill Kurtis"),
        ("stage", None),
        ("speech", "Peter Sagal"),
        ("stage", None),
        ("speech", "Peter Sagal"),
        ("speech", None),  # UNIDENTIFIED PERSON: a voice left unnamed
        ("speech", "Bill Kurtis"),
        ("speech", "Mary McAdams"),
        ("speech", "Ron DeSantis"),
        ("speech", "Kevin O'Neill"),
        ("speech", "Peter Sagal"),
    ]
    label_text = re.compile(r"\b(?:SAGAL|KURTIS|HOST|BYLINE|CALLER|UNIDENTIFIED)\b|^[A-Z ]+:")
    assert not [s.text for s in segments if label_text.search(s.text)]
    assert dict(episode.appearances.values_list("speaker__name", "role")) == NPR_STYLE_ROLES
    shares = talk_shares(group_turns(segments))
    assert sum(share.words for share in shares) == sum(
        len(s.text.split()) for s in segments if s.kind == "speech"
    )
    speech = " ".join(s.text for s in segments if s.kind == "speech")
    assert "LAUGHTER" not in speech and "APPLAUSE" not in speech
