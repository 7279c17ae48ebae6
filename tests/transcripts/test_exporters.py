"""Export then import gives back the same paragraphs, speakers and times, in every format."""

import json

import pytest

from tests.factories import EpisodeFactory, SegmentFactory, SpeakerFactory, TranscriptFactory
from tests.shared_files import shared_file
from transcripts.exporters import EXPORT_FORMATS, export_transcript
from transcripts.pipeline import prepare_transcript
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db

# Contiguous paragraphs, a long turn, entities and markup-like text, accents.
SOURCE = "\n\n".join(
    [
        "[00:00:00] Rosa Delgado: Welcome to Bay Commons. Today: water & rent <control>.",
        "[00:00:05.250] José Núñez: Thanks, Rosa. " + " ".join(["The groundwater is low."] * 40),
        "[00:01:10] Rosa Delgado: Let's bring in a caller.",
        "[00:01:14] Marisol: Hi! I'm calling from Vallejo about the café closures --> rents.",
    ]
).encode()


def segment_rows(transcript):
    return [
        (s.position, s.start_ms, s.end_ms, s.speaker.name if s.speaker else None, s.text)
        for s in transcript.segments.select_related("speaker").order_by("position")
    ]


@pytest.fixture
def original():
    return import_transcript(SOURCE, filename="2025-05-05-water.txt", show="Bay Commons").transcript


@pytest.mark.parametrize("format", EXPORT_FORMATS)
def test_export_then_import_gives_the_same_segments_speakers_and_times(original, format):
    exported = export_transcript(original, format).encode()
    again = import_transcript(
        exported, filename=f"again.{format}", episode=EpisodeFactory()
    ).transcript
    assert again.source_format == format
    assert segment_rows(again) == segment_rows(original)


@pytest.mark.parametrize("format", EXPORT_FORMATS)
def test_the_seed_with_its_unattributed_paragraphs_round_trips(format):
    path = shared_file("seeds/forum-soft-secession-2025-11-14.txt")
    original = import_transcript(path.read_bytes(), filename=path.name).transcript
    assert original.segments.filter(speaker=None).exists()
    exported = export_transcript(original, format).encode()
    again = import_transcript(
        exported, filename=f"seed.{format}", episode=EpisodeFactory()
    ).transcript
    got, want = segment_rows(again), segment_rows(original)
    if format in ("html", "txt"):
        # These formats carry starts only: the last paragraph's end comes back from its length.
        got[-1], want[-1] = got[-1][:2] + got[-1][3:], want[-1][:2] + want[-1][3:]
    assert got == want


def test_webvtt_export_uses_voice_tags_and_escapes_text(original):
    text = export_transcript(original, "vtt")
    assert text.startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:05.250\n<v Rosa Delgado>Welcome")
    assert "water &amp; rent &lt;control&gt;." in text


def test_srt_export_uses_name_prefixes_and_comma_milliseconds(original):
    text = export_transcript(original, "srt")
    assert "1\n00:00:00,000 --> 00:00:05,250\nRosa Delgado: Welcome" in text


def test_json_export_follows_podcasting_2_0(original):
    import json

    document = json.loads(export_transcript(original, "json"))
    assert document["version"] == "1.0.0"
    assert document["segments"][1]["speaker"] == "José Núñez"
    assert document["segments"][1]["startTime"] == 5.25


def test_html_export_escapes_markup_in_the_text(original):
    text = export_transcript(original, "html")
    assert "<cite>Rosa Delgado:</cite>\n<time>0:00:00</time>\n<p>Welcome" in text
    assert "&lt;control&gt;" in text and "<control>" not in text


def flags(transcript):
    return (
        transcript.timing,
        [
            (s.speaker.name if s.speaker else None, s.speaker_inferred)
            for s in segments_of(transcript)
        ],
    )


def segments_of(transcript):
    return transcript.segments.select_related("speaker").order_by("position")


@pytest.mark.parametrize("format", EXPORT_FORMATS)
def test_the_seeds_estimated_times_and_inferred_speakers_stay_uncertain(format):
    path = shared_file("seeds/forum-soft-secession-2025-11-14.txt")
    original = import_transcript(path.read_bytes(), filename=path.name).transcript
    assert original.timing == "estimated"
    assert original.segments.filter(speaker_inferred=True).exists()
    exported = export_transcript(original, format)
    again = import_transcript(
        exported.encode(), filename=f"seed.{format}", episode=EpisodeFactory()
    ).transcript
    assert flags(again) == flags(original)
    assert [s.text for s in segments_of(again)] == [s.text for s in segments_of(original)]


def test_each_download_says_its_times_are_estimated_and_its_speakers_inferred():
    path = shared_file("seeds/forum-soft-secession-2025-11-14.txt")
    original = import_transcript(path.read_bytes(), filename=path.name).transcript
    vtt = export_transcript(original, "vtt")
    assert (
        vtt.startswith("WEBVTT\n\nNOTE\nTimes in this file are estimated") and "<v.inferred " in vtt
    )
    srt = export_transcript(original, "srt")
    assert srt.startswith("1\n00:00:00,000 --> 00:00:00,000\n[Times in this file are estimated")
    assert " (inferred): " in srt
    document = json.loads(export_transcript(original, "json"))
    assert all(segment["estimated"] for segment in document["segments"])
    assert any(segment.get("inferred") for segment in document["segments"])


def test_exact_times_and_given_speakers_claim_nothing_more(original):
    for format in EXPORT_FORMATS:
        exported = export_transcript(original, format)
        assert "estimated" not in exported and "inferred" not in exported


def test_exports_escape_speaker_names_so_no_cue_or_turn_can_be_injected():
    episode = EpisodeFactory()
    transcript = TranscriptFactory(episode=episode)
    evil = SpeakerFactory(name="Ann\n\n99\n00:00:00.000 --> 00:00:09.000\n<v Mallory>Fake")
    angle = SpeakerFactory(name="A>B & C")
    SegmentFactory(transcript=transcript, position=1, speaker=evil, text="Hello\u2028there\x07.")
    SegmentFactory(transcript=transcript, position=2, speaker=angle, text="Hi.")
    vtt = export_transcript(transcript, "vtt")
    assert vtt.count("-->") == 2  # the two cue timings; the name's arrow is escaped
    assert "\n99\n" not in vtt and "<v Mallory>" not in vtt
    assert "<v A&gt;B &amp; C>Hi." in vtt
    again = prepare_transcript(vtt.encode(), filename="again.vtt")
    assert [p.speaker_label for p in again.paragraphs][1] == "A>B & C"
    assert len(again.paragraphs) == 2
    for format in ("srt", "txt"):
        exported = export_transcript(transcript, format)
        assert "\x07" not in exported and "\u2028" not in exported
        assert "\n99\n" not in exported
        assert "Hello there ." in exported
