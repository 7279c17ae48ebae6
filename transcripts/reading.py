"""Shapes a transcript for reading: turns of one speaker, and who spoke how much.

Pure functions over segments already loaded for the page: no extra queries.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from transcripts.parsed import UNKNOWN_SPEAKER
from transcripts.sentences import word_count


def display_name(segment):
    """The name every page, feed, message and download gives a paragraph's speaker:
    the speaker's, else the label as imported, else UNKNOWN_SPEAKER. Templates read it
    as ``segment.speaker_name``."""
    if segment.speaker_id:
        return segment.speaker.name
    return segment.speaker_label or UNKNOWN_SPEAKER


@dataclass
class Turn:
    """Consecutive paragraphs of one speaker, shown under one name."""

    name: str
    speaker: object
    inferred: bool
    segments: list = field(default_factory=list)
    # "stage" for stage directions: shown dimmed, under no name, not talk time.
    kind: str = "speech"

    @property
    def is_stage(self):
        return self.kind == "stage"

    @property
    def start_ms(self):
        return self.segments[0].start_ms

    @property
    def end_ms(self):
        return self.segments[-1].end_ms


def group_turns(segments):
    turns = []
    for segment in segments:
        stage = segment.kind == "stage"
        name = "" if stage else display_name(segment)
        previous = turns[-1] if turns else None
        if (
            previous is not None
            and previous.kind == segment.kind
            and previous.name == name
            and previous.inferred == segment.speaker_inferred
        ):
            previous.segments.append(segment)
        else:
            turns.append(
                Turn(name, segment.speaker, segment.speaker_inferred, [segment], segment.kind)
            )
    return turns


@dataclass
class SpeakerShare:
    name: str
    speaker: object
    milliseconds: int = 0
    words: int = 0
    percent: float = 0.0
    # Spans of this speaker's turns as percentages of the episode, for the timeline.
    spans: list = field(default_factory=list)


def talk_shares(turns, *, episode_ms=None):
    """Each speaker's share of talk time, most first, with their turns on a timeline."""
    end = episode_ms or max((t.end_ms for t in turns), default=0) or 1
    shares = {}
    for turn in turns:
        if turn.is_stage:
            continue  # laughter and music are nobody's talk time
        share = shares.setdefault(turn.name, SpeakerShare(turn.name, turn.speaker))
        share.milliseconds += turn.end_ms - turn.start_ms
        share.words += sum(word_count(s.text) for s in turn.segments)
        share.spans.append(
            (
                round(100 * turn.start_ms / end, 2),
                max(round(100 * (turn.end_ms - turn.start_ms) / end, 2), 0.2),
            )
        )
    total = sum(s.milliseconds for s in shares.values()) or 1
    for share in shares.values():
        share.percent = round(100 * share.milliseconds / total, 1)
    return sorted(shares.values(), key=lambda s: -s.milliseconds)


MAX_MOMENT_S = 48 * 3600


def moment_bound_ms(moment):
    """Where a ?t= / #t= moment ends, in milliseconds (exclusive).

    A moment names a span at its own precision: "78" is the whole second 78.000-78.999,
    "78.4" the tenth 78.400-78.499. Its paragraph is the last one starting within or
    before that span, so a link lands on its paragraph whichever way its time was
    rounded down. Raises ValueError for anything but a finite number >= 0.
    """
    try:
        value = Decimal(str(moment).strip())
    except InvalidOperation as error:
        raise ValueError(f"not a number of seconds: {moment!r}") from error
    # Bounded before any arithmetic: "1e999999999" or "1e-999999999" would make
    # numbers of a billion digits. No transcript is longer than 48 hours.
    if not value.is_finite() or not 0 <= value <= MAX_MOMENT_S:
        raise ValueError(f"not a number of seconds: {moment!r}")
    decimals = min(max(-value.as_tuple().exponent, 0), 3)
    return int(value * 1000) + max(1000 // 10**decimals, 1)


def share_moment(start_ms, next_start_ms):
    """The shortest ?t= value that lands on a paragraph starting at ``start_ms`` when the
    next paragraph starts at ``next_start_ms`` (None: it is the last): whole seconds
    where only it starts within that second, else tenths, else milliseconds."""
    for decimals in (0, 1, 3):
        unit = 10 ** (3 - decimals)
        moment = start_ms // unit * unit
        if next_start_ms is None or next_start_ms >= moment + unit:
            break
    return f"{moment / 1000:.{decimals}f}"


def add_share_moments(segments):
    """Give each paragraph its ``share_moment``, against the paragraph starting next."""
    ordered = sorted(segments, key=lambda segment: segment.start_ms)
    starts = [segment.start_ms for segment in ordered] + [None]
    for segment, next_start in zip(ordered, starts[1:], strict=True):
        segment.share_moment = share_moment(segment.start_ms, next_start)


def mark_matches(segments, hits):
    """Put an episode search's hits into the transcript: each matching paragraph gets its
    ``marked_text`` and the anchors of the previous and next matches (None at the ends)."""
    by_pk = {segment.pk: segment for segment in segments}
    found = []
    for hit in hits:
        segment = by_pk[hit.segment.pk]  # the hits are this transcript's paragraphs
        segment.marked_text = hit.marked_text
        found.append(segment)
    anchors = [None] + [segment.anchor for segment in found] + [None]
    for index, segment in enumerate(found, start=1):
        segment.previous_match, segment.next_match = anchors[index - 1], anchors[index + 1]
        segment.match_number = index
