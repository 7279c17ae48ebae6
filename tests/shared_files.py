"""Access to the real files in ../shared beside the checkout; tests skip without it."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# A checkout that does not sit beside them can point at them with SHARED_FILES.
SHARED = Path(os.environ.get("SHARED_FILES") or REPO.parent / "shared")
SAMPLES = SHARED / "samples"
SEED_PAGE = SHARED / "seeds" / "forum-soft-secession-2025-11-14.txt"


# samples/README.md, "Refused with a located error and nothing saved": file, line.
# empty.vtt is refused before any parser runs, so it has no line to give.
REFUSED_WEBVTT_PY_FILES = {
    "empty.vtt": None,
    "invalid.vtt": 1,
    "invalid_format1.srt": 1,
    "invalid_format2.srt": 1,
    "invalid_format3.srt": 2,
    "invalid_format4.srt": 1,
    "invalid_timeframe.srt": 6,
    "invalid_timeframe.vtt": 6,
    "missing_timeframe.srt": 6,
    "missing_timeframe.vtt": 6,
    "no_captions.vtt": None,
}
# samples/README.md, "Imported": the named files, and every other file.
IMPORTED_WEBVTT_PY_FILES = [
    "missing_caption_text.srt",
    "missing_caption_text.vtt",
    "invalid_timeframe_in_cue_text.vtt",
    "captions_with_bom.vtt",
    "comments.vtt",
    "cue_tags.vtt",
    "metadata_headers.vtt",
    "metadata_headers_multiline.vtt",
    "netflix_chicas_del_cable.vtt",
    "one_caption.srt",
    "one_caption.vtt",
    "sample.srt",
    "sample.vtt",
    "styles.vtt",
    "using_identifiers.vtt",
    "youtube_dl.vtt",
]


def shared_file(relative):
    """Path of a file under ../shared, or skip the test saying why."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(
            f"{path} is absent: the real sample files live in ../shared beside the checkout"
        )
    return path
