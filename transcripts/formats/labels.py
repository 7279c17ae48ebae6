"""Speaker labels the way real sources write them, for every reader.

    Sarah: Welcome back.                      a name and a colon
    PETER SAGAL, HOST: Welcome to the show.   capitals with a role (NPR and broadcast style)
    SAGAL: And later, the surname alone.      joined to the full name given earlier
    [Amit Varma]: So tell me...               a bracketed caption prefix
    UNIDENTIFIED PERSON: Hello?               a voice the source does not name
    >> Yes, and...                            a change of speaker, nobody named
    - Hi. / - Hello.                          caption dialogue dashes, one turn a line

``read_label`` reads one label at the start of a (stripped) text; ``turn_pieces``
cuts caption text at its ``>>`` and ``- `` turn marks; ``tidy_speaker_names`` runs
on every parsed transcript: capitals become the person's own casing and surnames
the full name. Every pattern is bounded and unnested: linear on hostile input.
"""

import functools
import re
from collections import Counter
from dataclasses import dataclass

from nameparser import HumanName

from transcripts.parsed import INFERRED_MARK, ParsedTranscript, SpeakerNote

# Up to 60 characters before a colon followed by a space or the end of the text,
# so that "10:30" and "https://" are not labels.
_LABEL = re.compile(r"(?P<label>[^:\n]{1,60}?)[ \t]*:(?:[ \t]+|$)(?P<rest>.*)", re.DOTALL)
_BRACKETED_LABEL = re.compile(
    r"\[(?P<label>[^\[\]\n]{1,60})\][ \t]*:(?:[ \t]+|$)(?P<rest>.*)", re.DOTALL
)
MAX_LABEL_WORDS = 4
# Lower-case words that belong inside names ("Ludwig van Beethoven", "Rosa de la Cruz").
NAME_PARTICLES = frozenset(
    ("al", "bin", "da", "das", "de", "del", "della", "der", "di", "dos", "du", "el", "ibn")
    + ("la", "le", "van", "von", "y")
)
# Capitalised words that open a sentence with a colon but are not people.
NOT_SPEAKERS = frozenset(
    (
        "note",
        "notes",
        "editor's note",
        "editor’s note",
        "warning",
        "caution",
        "update",
        "correction",
        "source",
        "sources",
        "example",
        "important",
        "remember",
        "reminder",
        "transcript",
        "chapter",
        "part",
        "summary",
        "title",
        "date",
        "time",
        "subject",
        "re",
        "ps",
        "p.s.",
        "translation",
        "subtitles",
        "captions",
    )
)
_NAME_PUNCTUATION = frozenset("'’.-")

# "NAME, ROLE:" role words, and the appearance role each means.
ROLES = {
    "host": "host",
    "co-host": "host",
    "cohost": "host",
    "anchor": "host",
    "moderator": "host",
    "byline": "reporter",
    "correspondent": "reporter",
    "reporter": "reporter",
    "caller": "caller",
    "guest": "guest",
}
# A label starting with this word names no one: "UNIDENTIFIED PERSON", "UNIDENTIFIED MAN #2".
UNNAMED_OPENING = "unidentified"
_ROLE_TEXT = re.compile(r"[A-Za-z][A-Za-z .'’-]{0,40}")


@dataclass
class Label:
    name: str | None  # None for a voice the source leaves unnamed
    role: str | None  # host, reporter, caller, guest, or None when not said
    rest: str
    inferred: bool = False  # "Name (inferred):", as our exports mark a worked-out speaker


def read_label(text: str) -> Label | None:
    """The label opening ``text`` (already stripped), or None when it opens with none."""
    match = _BRACKETED_LABEL.match(text) or _LABEL.match(text)
    if not match:
        return None
    read = _read_label_text(match.group("label").strip())
    if read is None:
        return None
    name, role, inferred = read
    return Label(name, role, match.group("rest").strip(), inferred)


# A file's few labels open thousands of its lines: each is read once (a quarter of
# parsing a 5,000-paragraph file went to reading the same four labels again).
@functools.lru_cache(maxsize=4096)
def _read_label_text(label: str) -> tuple[str | None, str | None, bool] | None:
    """(name, role, inferred) of a label's text, or None when it is no label."""
    label, inferred = take_inferred_mark(label)
    if label.casefold().startswith(UNNAMED_OPENING) and label == label.upper():
        return None, None, False
    name, role = label, None
    if "," in label:
        name, _, role_text = label.rpartition(",")
        name, role_text = name.strip(), role_text.strip()
        if not _ROLE_TEXT.fullmatch(role_text) or not (
            role_text.casefold() in ROLES or role_text == role_text.upper()
        ):
            return None
        role = ROLES.get(role_text.casefold(), "other")
    if not is_name_like(name):
        return None
    return name, role, inferred


def take_inferred_mark(label: str) -> tuple[str, bool]:
    """``"Rosa (inferred)"`` -> ``("Rosa", True)``; other labels as they are."""
    if label.casefold().endswith(INFERRED_MARK.casefold()):
        return label[: -len(INFERRED_MARK)].strip(), True
    return label, False


def split_speaker_label(text: str) -> tuple[str | None, str]:
    """``"Name: words"`` -> ``("Name", "words")``; ``(None, text)`` when there is no label."""
    label = read_label(text.strip())
    if label is None or label.name is None:
        return None, text
    return label.name, label.rest


def is_name_like(label: str) -> bool:
    """1-4 name-like words: capitalised or in capitals, lower-case particles and numbers inside."""
    words = label.split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS or label.lower() in NOT_SPEAKERS:
        return False
    if not _is_capitalised_word(words[0]):
        return False
    for position, word in enumerate(words[1:], start=1):
        is_last = position == len(words) - 1
        if _is_capitalised_word(word) or word.isdigit():
            continue
        if word in NAME_PARTICLES and not is_last:
            continue
        return False
    return True


def _is_capitalised_word(word: str) -> bool:
    return (
        word[0].isupper()
        and word[0].isalpha()
        and all(char.isalpha() or char in _NAME_PUNCTUATION for char in word)
    )


def is_capitals_name_line(line: str) -> bool:
    """A name in capitals alone on its line, with no colon: "PETER SAGAL"."""
    return any(char.isalpha() for char in line) and line == line.upper() and is_name_like(line)


# --- caption turn marks -----------------------------------------------------------

# ">>" opening a line or after a space; "- " opening a line.
_TURN_MARK = re.compile(r"(?:^|(?<=\s))>>+[ \t]*|^[ \t]*-[ \t]+", re.MULTILINE)


def turn_pieces(raw: str) -> list[tuple[bool, str]]:
    """Caption text cut at its turn marks: ``[(starts_a_turn, text), ...]`` in order."""
    pieces = []
    position, marked = 0, False
    for match in _TURN_MARK.finditer(raw):
        if raw[position : match.start()].strip() or marked:
            pieces.append((marked, raw[position : match.start()]))
        position, marked = match.end(), True
    pieces.append((marked, raw[position:]))
    return [(mark, text) for mark, text in pieces if text.strip() or mark]


def caption_turns(raw: str, speaker, clean, notes: dict) -> tuple[list, tuple]:
    """Caption text -> ``([(speaker, text, turn_start, inferred), ...], (speaker, inferred))``.

    Text without a label or a turn mark continues ``speaker``; ``clean`` turns a
    piece of raw caption text into plain words. Roles given in labels go to ``notes``.
    """
    turns = []
    speaker, inferred = speaker
    for marked, piece in turn_pieces(raw):
        text = clean(piece)
        label = read_label(text) if text else None
        turn_start = False
        if label is not None:
            speaker, text, turn_start = label.name, label.rest, label.name is None
            inferred = label.inferred
            if label.name and label.role:
                notes.setdefault(label.name, SpeakerNote(label.name, label.role))
        elif marked:
            speaker, turn_start, inferred = None, True, False
        if text:
            turns.append((speaker, text, turn_start, inferred))
    return turns, (speaker, inferred)


def role_of_classes(classes: str) -> str | None:
    """The role a WebVTT voice's classes give: ``<v.host Mina Kim>`` -> "host"."""
    for name in classes.split("."):
        if name.casefold() in ROLES:
            return ROLES[name.casefold()]
    return None


# --- names --------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{0,40}")
# A capital after a character of a word: a _WORD spelled with a capital inside has one.
_CAPITAL_INSIDE = re.compile(r"[A-Za-z'’-][A-Z]")


def tidy_speaker_names(parsed: ParsedTranscript) -> ParsedTranscript:
    """Capitals in the person's own casing, surname-only labels joined to the full name.

    "ROSA DELGADO" -> "Rosa Delgado" (nameparser: "McAdams", "O'Neill"), or as the
    transcript itself spells the words ("DeSantis"); a later "SAGAL" -> "Peter Sagal"
    when exactly one full name given in the file ends so. Notes move with the names.
    """
    labels = list(dict.fromkeys(cue.speaker for cue in parsed.cues if cue.speaker))
    if not labels:
        return parsed
    spellings = _spellings_in(parsed)
    cased = {label: proper_case(label, spellings) for label in labels}
    full_names = [name for name in dict.fromkeys(cased.values()) if len(name.split()) > 1]
    renamed = {}
    for label, name in cased.items():
        renamed[label] = _full_name_for(name, full_names) or name
    for cue in parsed.cues:
        if cue.speaker:
            cue.speaker = renamed[cue.speaker]
    notes = {}
    for label, note in parsed.speakers.items():
        name = renamed.get(label, label)
        kept = notes.get(name)
        if kept is None or (kept.role in ("", "other") and note.role not in ("", "other")):
            notes[name] = SpeakerNote(
                name, note.role, note.introduced_as or (kept.introduced_as if kept else "")
            )
    parsed.speakers = notes
    return parsed


def proper_case(label: str, spellings: dict[str, str] | None = None) -> str:
    """A label in capitals as the person's name is cased; any other label as it is."""
    if not any(char.isalpha() for char in label) or label != label.upper():
        return label
    name = HumanName(label)
    name.capitalize(force=True)
    cased = str(name) or label.title()
    # Initials stay capitals: "MJ LEE" is MJ Lee, not Mj Lee.
    spellings = {**(spellings or {}), **{word.casefold(): word for word in _initials(label)}}
    return _WORD.sub(lambda word: spellings.get(word.group().casefold(), word.group()), cased)


def _initials(label: str) -> list[str]:
    """Short words without a vowel, read as initials: MJ, TJ, JFK (not "JR." or "SR.")."""
    return [
        match.group()
        for match in _WORD.finditer(label)
        if 2 <= len(match.group()) <= 3
        and not any(char in "AEIOUY" for char in match.group().upper())
        and not label.startswith(".", match.end())
    ]


def _spellings_in(parsed: ParsedTranscript) -> dict[str, str]:
    """How the transcript's own words are spelled when not in capitals: "desantis" -> "DeSantis".

    Only spellings with a capital inside the word are kept: they are what casing
    rules cannot guess.
    """
    counts = Counter()
    for cue in parsed.cues:
        # Most paragraphs have no capital inside a word: skip them with one search.
        if not _CAPITAL_INSIDE.search(cue.text):
            continue
        for word in _WORD.findall(cue.text):
            if word != word.upper() and any(char.isupper() for char in word[1:]):
                counts[word] += 1
    spellings = {}
    for word, _ in counts.most_common():
        spellings.setdefault(word.casefold(), word)
    return spellings


def _full_name_for(name: str, full_names: list[str]) -> str | None:
    if len(name.split()) != 1:
        return None
    matches = [
        full
        for full in full_names
        if HumanName(full).last.casefold() == name.casefold()
        or full.split()[-1].casefold() == name.casefold()
    ]
    return matches[0] if len(matches) == 1 else None
