"""Shapes a transcript for reading: turns of one speaker, and who spoke how much.

Pure functions over segments already loaded for the page: no extra queries.
"""

import hashlib
from dataclasses import dataclass, field


def display_name(segment):
    if segment.speaker_id:
        return segment.speaker.name
    return segment.speaker_label or "Unknown speaker"


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
        share.words += sum(len(s.text.split()) for s in turn.segments)
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


def fingerprint(segments):
    """A digest of everything the transcript's markup shows, to key its cached fragment.

    Any edit (text, speaker, split, merge, a renamed speaker) changes it, so a cached
    fragment can never outlive what it shows, in whichever process or cache.
    """
    digest = hashlib.blake2b(digest_size=16)
    for segment in segments:
        speaker = segment.speaker
        digest.update(
            f"{segment.pk}|{segment.position}|{segment.start_ms}|{segment.speaker_inferred}|"
            f"{segment.kind}|"
            f"{speaker.slug if speaker else ''}|{display_name(segment)}|{segment.text}\n".encode()
        )
    return digest.hexdigest()
