"""The Segment admin hands its saves to the editing service, which records them."""

import pytest

from episodes.trail import TrailEntry
from tests.factories import SegmentFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def test_saving_a_paragraph_in_the_segment_admin_goes_through_the_editing_service(staff_client):
    segment = SegmentFactory(position=1, text="Helo.", start_ms=1000, end_ms=2000)
    speaker = SpeakerFactory(name="Rosa Delgado")
    response = staff_client.post(
        f"/admin/transcripts/segment/{segment.pk}/change/",
        {"text": "Hello.", "speaker": speaker.pk, "start_ms": 0, "end_ms": 99},
    )
    assert response.status_code == 302
    segment.refresh_from_db()
    assert (segment.text, segment.speaker) == ("Hello.", speaker)
    assert (segment.start_ms, segment.end_ms) == (1000, 2000)  # times are not edited here
    entry = TrailEntry.objects.get()
    assert entry.summary == "Edited paragraph 1: text, speaker no speaker → Rosa Delgado"
    assert segment.transcript.episode.appearances.filter(speaker=speaker).exists()
