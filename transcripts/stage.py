"""Stage directions: (LAUGHTER), (SOUNDBITE OF MUSIC), [crosstalk], *Intro Music*.

They are not anyone's words: ``split_stage_directions`` cuts them out of the cues
every reader returns into cues of their own (``kind="stage"``, no speaker), which
become paragraphs of their own, shown but never attributed, searched or counted
as talk time. Our exports write them back as they came, so they are found again.

What counts as one, in any source:
- capitals in parentheses, ``(LAUGHTER)``, ``(SOUNDBITE OF ARCHIVED BROADCAST)``
  (the style of NPR and broadcast transcripts), but not short abbreviations
  such as ``(NPR)`` or ``(U.S.)``;
- a note in brackets, parentheses or asterisks naming a sound, ``[applause]``,
  ``(laughs)``, ``*Intro Music*``, wherever it sits;
- any short note in brackets or asterisks standing alone as a whole cue,
  ``[Theme plays]``, ``*ad break*``.
Editorial brackets inside speech (``[sic]``, ``[the senator]``) stay in the text.
"""

import re
from dataclasses import replace

from transcripts.parsed import Cue, share_by_words

STAGE, SPEECH = "stage", "speech"

# Bounded, unnested character classes: linear on any input.
_NOTE = re.compile(
    r"\((?P<paren>[^()\n]{2,80})\)"
    r"|\[(?P<bracket>[^\[\]\n]{2,80})\](?![ \t]*:)"
    r"|(?<!\*)\*(?P<star>[^*\n]{2,80})\*(?!\*)"
)
# What every _NOTE opens with.
_NOTE_OPENING = re.compile(r"[(\[*]")
_WORD = re.compile(r"[a-z]+")
# Words naming a sound or a production event rather than speech.
SOUND_WORDS = frozenset(
    (
        "applause",
        "applauding",
        "applauds",
        "beep",
        "beeping",
        "bell",
        "booing",
        "break",
        "cheering",
        "cheers",
        "chuckles",
        "chuckling",
        "clapping",
        "coughing",
        "coughs",
        "crosstalk",
        "cross",  # "[cross talk]"
        "gasps",
        "groans",
        "intro",
        "jingle",
        "laugh",
        "laughing",
        "laughs",
        "laughter",
        "music",
        "outro",
        "overlapping",
        "ringing",
        "sighs",
        "silence",
        "singing",
        "soundbite",
        "theme",
    )
)
# Fewer letters than this in capitals is an abbreviation: (NPR), (AP), (U.S.).
_MIN_CAPITAL_LETTERS = 5
_CLOCK_LIKE = re.compile(r"^[\d:.,\s]+$")


def is_stage_direction(note: str, *, alone: bool, bracketed: bool) -> bool:
    """Whether the text of a note (without its brackets) is a stage direction."""
    note = note.strip()
    if not note or _CLOCK_LIKE.match(note):
        return False
    lowered = note.lower()
    if SOUND_WORDS.intersection(_WORD.findall(lowered)):
        return True
    letters = sum(char.isalpha() for char in note)
    # Capitals in words only, as directions are written: "(U.S. AND NATO)" is speech.
    words_only = all(char.isalpha() or char in " ,'’-" for char in note)
    if note == note.upper() and words_only and letters >= _MIN_CAPITAL_LETTERS:
        return True
    return alone and bracketed


def stage_pieces(text: str) -> list[tuple[str, str]]:
    """``[(kind, text), ...]``: the text cut at its stage directions, in order."""
    stripped = text.strip()
    if not _NOTE_OPENING.search(stripped):  # most paragraphs: no scan of the three forms
        return [(SPEECH, stripped)] if stripped else []
    pieces = []
    position = 0
    for match in _NOTE.finditer(stripped):
        note = match.group("paren") or match.group("bracket") or match.group("star")
        alone = match.start() == 0 and match.end() == len(stripped)
        bracketed = match.group("paren") is None
        if not is_stage_direction(note, alone=alone, bracketed=bracketed):
            continue
        before = stripped[position : match.start()].strip()
        if before:
            pieces.append((SPEECH, before))
        pieces.append((STAGE, match.group()))
        position = match.end()
    rest = stripped[position:].strip()
    if rest:
        pieces.append((SPEECH, rest))
    return pieces


def split_stage_directions(cues: list[Cue]) -> list[Cue]:
    """The cues with every stage direction in a cue of its own (times shared by words)."""
    result = []
    for cue in cues:
        if cue.kind == STAGE:
            result.append(replace(cue, speaker=None, speaker_inferred=False))
            continue
        pieces = stage_pieces(cue.text)
        if len(pieces) == 1 and pieces[0][0] == SPEECH:
            result.append(cue)
            continue
        result.extend(_share_cue(cue, pieces))
    return result


def _share_cue(cue: Cue, pieces: list[tuple[str, str]]) -> list[Cue]:
    spans = share_by_words(cue.start_ms, cue.end_ms, [text for _, text in pieces])
    out = []
    for (kind, text), (start, end) in zip(pieces, spans, strict=True):
        # A direction is nobody's; the speech after it is the same speaker's turn going on.
        stage = kind == STAGE
        out.append(
            replace(
                cue,
                text=text,
                start_ms=start,
                end_ms=end,
                kind=kind,
                speaker=None if stage else cue.speaker,
                speaker_inferred=cue.speaker_inferred and not stage,
                turn_start=cue.turn_start and not stage and not out,
            )
        )
    return out
