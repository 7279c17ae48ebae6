"""Times for every paragraph: the source's where it has them, estimates elsewhere.

Untimed sources (page text) get times spread by word count over the episode's
known duration, or at a typical speaking rate when none is known; a source with
a few stamps (plain text) uses them as anchors and spreads the rest between.
"""

import itertools

from episodes.clock import clock
from transcripts.sentences import word_count

WORDS_PER_MINUTE = 160
MS_PER_WORD = 60_000 // WORDS_PER_MINUTE


def _words(paragraph):
    return max(word_count(paragraph.text), 1)


def fill_cue_ends(cues):
    """A cue without an end (HTML, plain text, some JSON) ends where the next begins.

    The last one lasts as long as its words take to say.
    """
    for cue, following in zip(cues, [*cues[1:], None], strict=True):
        if cue.end_ms is not None or cue.start_ms is None:
            continue
        if following is None:
            cue.end_ms = cue.start_ms + _words(cue) * MS_PER_WORD
        elif following.start_ms is not None:
            cue.end_ms = max(cue.start_ms, following.start_ms)
    return cues


def estimate_times(paragraphs, *, duration_s=None):
    """Fill missing times in place; return True when any start had to be estimated."""
    estimated = any(p.start_ms is None for p in paragraphs)
    if estimated:
        _spread_between_anchors(paragraphs, duration_s)
    _close_open_ends(paragraphs)
    return estimated


def _spread_between_anchors(paragraphs, duration_s):
    if paragraphs[0].start_ms is None:
        paragraphs[0].start_ms = 0  # nothing comes before the first words
    anchors = [i for i, p in enumerate(paragraphs) if p.start_ms is not None]
    for index, first in enumerate(anchors):
        last = anchors[index + 1] if index + 1 < len(anchors) else len(paragraphs)
        stretch = paragraphs[first:last]
        if all(p.end_ms is not None for p in stretch):
            continue
        start_ms = stretch[0].start_ms
        if last < len(paragraphs):
            end_ms = paragraphs[last].start_ms
        elif duration_s and duration_s * 1000 > start_ms:
            end_ms = duration_s * 1000
        else:
            end_ms = start_ms + sum(_words(p) for p in stretch) * MS_PER_WORD
        _spread(stretch, start_ms, max(end_ms, start_ms))


def _spread(stretch, start_ms, end_ms):
    total = sum(_words(p) for p in stretch)
    before = 0
    for paragraph in stretch:
        paragraph.start_ms = start_ms + (end_ms - start_ms) * before // total
        before += _words(paragraph)
        paragraph.end_ms = start_ms + (end_ms - start_ms) * before // total


def _close_open_ends(paragraphs):
    for paragraph, following in zip(paragraphs, [*paragraphs[1:], None], strict=True):
        if paragraph.end_ms is None:
            if following is not None and following.start_ms is not None:
                paragraph.end_ms = following.start_ms
            else:
                paragraph.end_ms = paragraph.start_ms + _words(paragraph) * MS_PER_WORD
        paragraph.end_ms = max(paragraph.end_ms, paragraph.start_ms)


# Silence this long between paragraphs, or one starting this long before the
# previous ends, is worth a look before saving (a lost cue, a shifted file).
ODD_GAP_MS = 30_000
ODD_OVERLAP_MS = 1_000
_EXAMPLES = 3


def odd_gaps_and_overlaps(paragraphs):
    """Warnings, for people, about long silences and overlapping times between paragraphs."""
    gaps, overlaps = [], []
    for number, (before, after) in enumerate(itertools.pairwise(paragraphs), start=2):
        if after.start_ms - before.end_ms > ODD_GAP_MS:
            gaps.append(f"{_clock(after.start_ms - before.end_ms)} before paragraph {number}")
        elif before.end_ms - after.start_ms > ODD_OVERLAP_MS:
            overlaps.append(
                f"paragraph {number} starts {_clock(before.end_ms - after.start_ms)} "
                f"before paragraph {number - 1} ends"
            )
    warnings = []
    if gaps:
        warnings.append(f"{len(gaps)} long gap(s) with no words: {_examples(gaps)}.")
    if overlaps:
        warnings.append(f"{len(overlaps)} overlap(s) in the times: {_examples(overlaps)}.")
    return warnings


def _examples(items):
    shown = "; ".join(items[:_EXAMPLES])
    return shown + (f"; and {len(items) - _EXAMPLES} more" if len(items) > _EXAMPLES else "")


def _clock(milliseconds):
    """To the nearest second: warnings speak of gaps a person can hear."""
    return clock(round(milliseconds, -3))
