"""Stage directions in the archive: own paragraphs, shown dimmed, never searched or timed."""

import pytest
from django.db import IntegrityError

from tests.factories import EpisodeFactory, SpeakerFactory
from transcripts.exporters import EXPORT_FORMATS, export_transcript
from transcripts.models import Segment
from transcripts.search import SearchCriteria, search
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db

SOURCE = b"""[00:00:00] Rosa Delgado: Welcome back to the show, everybody.

[00:00:04] (LAUGHTER)

[00:00:06] Sam Ortiz: Thanks, Rosa. [crosstalk] Laughter is good for the soul, they say.

[00:00:15] *Intro Music*

[00:00:20] Rosa Delgado: And we are back. [applause]
"""


@pytest.fixture
def imported():
    episode = EpisodeFactory(title="Laughs", duration_s=30)
    return import_transcript(SOURCE, filename="laughs.txt", episode=episode).transcript


def rows(transcript):
    return [
        (s.kind, s.speaker.name if s.speaker else None, s.text)
        for s in transcript.segments.select_related("speaker").order_by("position")
    ]


def test_stage_directions_are_their_own_unattributed_paragraphs(imported):
    assert [row for row in rows(imported) if row[0] == "stage"] == [
        ("stage", None, "(LAUGHTER)"),
        ("stage", None, "[crosstalk]"),
        ("stage", None, "*Intro Music*"),
        ("stage", None, "[applause]"),
    ]
    speech = " ".join(text for kind, _, text in rows(imported) if kind == "speech")
    for note in ("LAUGHTER", "crosstalk", "Intro Music", "applause"):
        assert note not in speech


def test_stage_directions_are_not_searched_as_anyones_words(imported):
    found = search(SearchCriteria(words="laughter"))
    texts = [hit.segment.text for result in found.page for hit in result.hits]
    assert texts == ["Laughter is good for the soul, they say."]
    assert not search(SearchCriteria(words="applause")).page.object_list


def test_the_episode_page_shows_them_dimmed_unnamed_and_out_of_talk_time(client, imported):
    episode = imported.episode
    response = client.get(episode.get_absolute_url())
    html = response.content.decode()
    assert '<div class="turn stage">' in html
    stage_block = html.split('<div class="turn stage">')[1].split("</div>\n</div>")[0]
    assert "speaker-name" not in stage_block and "(LAUGHTER)" in stage_block
    shares = response.context["shares"]
    assert {share.name for share in shares} == {"Rosa Delgado", "Sam Ortiz"}
    assert sum(share.words for share in shares) == sum(
        len(s.text.split()) for s in imported.segments.filter(kind="speech")
    )


@pytest.mark.parametrize("format", EXPORT_FORMATS)
def test_stage_directions_come_back_from_every_export(imported, format):
    exported = export_transcript(imported, format)
    assert "(LAUGHTER)" in exported and "*Intro Music*" in exported
    again = import_transcript(exported.encode(), filename=f"x.{format}", episode=EpisodeFactory())
    assert rows(again.transcript) == rows(imported)


def test_the_database_refuses_a_stage_direction_with_a_speaker(imported):
    stage = imported.segments.filter(kind="stage").first()
    stage.speaker = SpeakerFactory()
    with pytest.raises(IntegrityError):
        stage.save()


def test_giving_a_stage_direction_a_speaker_makes_it_speech(imported):
    from transcripts.services import edit_segment

    stage = imported.segments.filter(kind="stage").first()
    edited = edit_segment(stage, speaker=SpeakerFactory(name="Singer"))
    assert Segment.objects.get(pk=edited.pk).kind == "speech"
