"""Episode details stated before the words: a header block or YAML front matter."""

from datetime import date

import pytest

from transcripts.errors import TranscriptFormatError
from transcripts.formats import parse_transcript
from transcripts.formats.header import read_duration
from transcripts.pipeline import prepare_transcript

HEADER_BLOCK = b"""Title: The Minivan Intercom
Show: Bay Commons
Date: 2014-01-31
Runtime: 00:38:45
Description: A listener game about good news.

Rosa Delgado: Welcome to the show.

Sam Ortiz: Thanks for having me.
"""

FRONT_MATTER = b"""---
title: "The latest on generics: a draft"
date: 2020-08-04
duration: 50m 30s
podcast: Go Time
description: >
  Two members of the Go team
  on the new design draft.
---

Jon Calhoun: Hello and welcome.

Ian Lance Taylor: Thanks for having us.
"""


@pytest.mark.parametrize(
    "data, filename, expected, speakers",
    [
        (
            HEADER_BLOCK,
            "episode.txt",
            ("The Minivan Intercom", "Bay Commons", date(2014, 1, 31), 38 * 60 + 45),
            ["Rosa Delgado", "Sam Ortiz"],
        ),
        (
            FRONT_MATTER,
            "episode.md",
            ("The latest on generics: a draft", "Go Time", date(2020, 8, 4), 50 * 60 + 30),
            ["Jon Calhoun", "Ian Lance Taylor"],
        ),
    ],
)
def test_a_header_block_or_front_matter_gives_the_episode_details(
    data, filename, expected, speakers
):
    parsed = parse_transcript(data, filename=filename)
    meta = parsed.metadata
    assert parsed.format == "txt"
    assert (meta.title, meta.show, meta.air_date, meta.duration_s) == expected
    assert meta.description.startswith(("A listener game", "Two members of the Go team on"))
    # The header is not a paragraph: the words start after it.
    assert [c.speaker for c in parsed.cues] == speakers
    first_line = data.split(b"\n")[parsed.cues[0].line - 1]
    assert first_line.startswith(speakers[0].encode() + b":")


def test_a_title_line_above_the_keyed_lines_is_the_title():
    text = b"# Soft Secession: Breaking Away\nDate: November 14, 2025\n\nAlexis: Hello.\n"
    parsed = parse_transcript(text, format="txt")
    assert (parsed.metadata.title, parsed.metadata.air_date) == (
        "Soft Secession: Breaking Away",
        date(2025, 11, 14),
    )
    assert [c.text for c in parsed.cues] == ["Hello."]


def test_the_stated_runtime_drives_the_estimated_times():
    prepared = prepare_transcript(HEADER_BLOCK, filename="episode.txt")
    assert prepared.timing == "estimated"
    assert prepared.duration_ms == (38 * 60 + 45) * 1000


def test_an_unreadable_header_value_is_a_warning_naming_its_line():
    text = b"Title: Something\nDate: sometime soon\n\nRosa: Hi.\n"
    parsed = parse_transcript(text, format="txt")
    assert parsed.metadata.air_date is None
    assert parsed.warnings == ["line 2: unreadable date 'sometime soon' (expected e.g. 2014-01-31)"]


def test_broken_front_matter_is_refused_with_its_line():
    with pytest.raises(TranscriptFormatError) as refused:
        parse_transcript(b"---\ntitle: [unclosed\ndate: x\n---\nRosa: Hi.\n", format="txt")
    assert refused.value.line == 3 and "not valid YAML" in str(refused.value)
    with pytest.raises(TranscriptFormatError) as refused:
        parse_transcript(b"---\ntitle: x\n\nRosa: Hi.\n", format="txt")
    assert refused.value.line == 1 and "not closed" in str(refused.value)


@pytest.mark.parametrize(
    "value, seconds",
    [("00:38:45", 2325), ("38:45", 2325), ("1h 2m 3s", 3723), ("45 minutes", 2700), (2325, 2325)],
)
def test_durations_as_headers_write_them(value, seconds):
    assert read_duration(value) == seconds
