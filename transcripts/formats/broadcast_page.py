"""Text of a public-television episode page (PBS / KQED style), with its captions.

The page text is: a header (show, title, ``11/14/2025 | 50m 24s``, a one-line
summary, a longer description), page furniture (player help, "How to Watch",
sponsorship notices, often repeated), the closed-caption transcript, and a
footer promoting other programmes. The transcript has no speaker labels and no
times; a ``- `` (or ``>>``) marks a change of speaker, also in the middle of a
line. Each turn becomes one untimed cue that opens a turn (``turn_start``) and
names nobody: the pipeline's attribution stage (``transcripts.attribution``)
works out who speaks.
"""

import re
from dataclasses import dataclass
from datetime import date

from transcripts.errors import TranscriptFormatError
from transcripts.parsed import Cue, EpisodeMetadata, ParsedTranscript

FORMAT = "page"

# "11/14/2025 | 50m 24sVideo has Closed Captions": the duration is glued to the
# next words on real pages, so the pattern stops at the last unit letter.
DATE_LINE = re.compile(
    r"^\s*(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"
    r"(?:\s*\|\s*(?P<duration>(?:\d{1,4}\s*h\s*)?(?:\d{1,5}\s*m\s*)?(?:\d{1,6}\s*s)?))?"
)
DURATION_PART = re.compile(r"(\d{1,6})\s*([hms])")

# Whole lines of page furniture. Patterns, not the seed's exact strings, so
# that other shows' pages (same site, other titles) are cleaned the same way.
FURNITURE_LINES = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^Problems playing video\?.*$",
        r"^.*\|\s*Closed Captioning Feedback$",
        r"^How to Watch\b.*$",
        r"^.+ is available to stream on\b.*$",
        r"^.+ is an? (?:local |national )?public (?:television|radio|media) "
        r"(?:program|programme|series|show)\b.*presented by\b.*$",
        r"^Providing Support for PBS(?:\.org)?$",
        r"^Learn More\s*about PBS online sponsorship$",
        r"^Support for PBS provided by:?$",
        r"^Video has Closed Captions$",
        r"^(?:Watch|Share|Download|Transcript|Captions?)$",
    )
]

# Furniture that real pages glue to the first words of the transcript
# ("Learn Moreabout PBS online sponsorship- We are ..."): stripped as a prefix.
GLUED_FURNITURE = re.compile(
    r"^(?:Providing Support for PBS(?:\.org)?\s*)?Learn More\s*about PBS online sponsorship\s*",
    re.IGNORECASE,
)

# The footer starts with a genre line such as "- News and Public Affairs":
# Title Case words with no sentence punctuation, after a blank line. A caption
# turn ends with punctuation, so it does not look like this.
FOOTER_GENRE = re.compile(r"^-\s+[A-Z][A-Za-z&']*(?:,? (?:[A-Z][A-Za-z&']*|and|&|of|the|to))*$")
FOOTER_LINES = [
    re.compile(r"^Support for PBS provided by:?$", re.IGNORECASE),
    re.compile(r"^(?:More|Other|Related) (?:episodes|programs|shows|videos)\b.*$", re.IGNORECASE),
]

# A change of speaker: "- " or ">>" opening a line ...
LINE_START_MARKER = re.compile(r"^\s*(?:>>+\s*|-\s+)")
# ... or in the middle of one: before a capitalised word ("right? - Yes.",
# "long time - Right there", glued "sponsorship- We"), or after a sentence's end
# whatever follows ("right? - yes, please."). Not inside words ("editor-in-chief",
# no space after), not "--" or numbers ("5 - 10"), not a dash used as punctuation
# ("commuters - and on"), and never an em or en dash.
MID_LINE_MARKER = re.compile(r"(?<![-\d])- (?=[\"“‘'(\[]?[A-Z])|(?<=[.?!] )- (?=\S)|(?<=\s)>>+\s*")
# A stutter is not a turn: "I don't- I don't", the words before a glued dash said again.
STUTTER_WORDS = 3
WORD_CHARACTERS = re.compile(r"[\W_]+")
# Captions often put the marker one word early: "Thanks for having - Me." / "Yeah,
# thanks for calling in", "or, you - Know, wishlist, ...". The sentence before the
# dash is unfinished (no punctuation) and the one word after it closes a clause: that
# word ends the sentence before, and the new voice starts after it (at the next line
# when nothing follows on this one). Names ("- John, ...") are capitalised
# everywhere, so only a word the page also writes in lowercase is moved; and a word
# that opens an answer or an interruption ("- No, ...", "- Exactly.") stays where it is.
CLOSING_WORD = re.compile(r"(?P<word>[A-Z][a-z']*)[.,?!;:](?:\s+|$)")
# ... "to the last - Comment sec commenter.": the words before leave a noun phrase open
# (an article or a possessive, at most one word before the dash), and the word after
# it, with the sentence going on in lowercase, is the noun it wants. A capitalised run
# after the dash ("a whole - Lieutenant Governor, stay with us.") is a title or a name
# said to someone: the new voice's.
OPEN_NOUN_PHRASE = re.compile(r"\b(?:the|a|an|my|your|our|their)(?:\s+[a-z'’-]+)?$", re.I)
NOUN_GOING_ON = re.compile(r"(?P<word>[A-Z][a-z']*)\s+(?=[a-z])")
# ... "what makes sense, - Right?": a tag question closes its sentence, comma or not.
TAG_QUESTION = re.compile(r"(?:right|correct|yeah|no|okay|ok|huh|eh|true)\?(?:\s+|$)", re.I)
ANSWER_WORDS = re.compile(
    r"yes|yeah|yep|yup|no|nope|nah|well|okay|ok|oh|ah|so|right|sorry|thanks|thank|hi|hello"
    r"|hey|sure|exactly|indeed|true|correct|agreed|look|listen|now|wait|please|good|great"
    r"|fine|wow|hmm|mm|um|uh|and|but|\w+ly"
)
LOWERCASE_WORD = re.compile(r"(?<![\w'])[a-z][a-z']*")


# A listener's sound on a line of its own in the middle of someone's long turn
# ("... the standoff." / "Hmm." / "And so ..."; "... these things, right?" / "Sure." /
# "Or would ..."): captions often leave that change of voice unmarked, and nobody
# says "Hmm." to themselves between two of their own sentences. "Yeah." and "Right."
# are left alone: speakers say them to themselves too.
LISTENER_LINE = re.compile(r"(?:hmm+|mm+-?hmm+|uh-?huh|mhm|sure)[.!]?", re.IGNORECASE)
# A question put to someone by name, alone in its turn: "John, what do you think?",
# "Clara Jeffery, do you agree?" (the name's words are never written in lowercase:
# not "So, why ...?", "Well, ...?"); and an answer opening the next line.
ASKED_BY_NAME = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}), [^?]*\byou(?:r)?\b[^?]*\?"
)
ANSWER_OPENING = re.compile(
    r"(?:yeah|yes|yep|no|nope|well|sure|absolutely|exactly|oh|thanks|thank you)\b[,.!]",
    re.IGNORECASE,
)
LISTENED_TO_WORDS = 10  # the turn so far is this long: someone is being listened to


@dataclass
class Turn:
    text: str
    line: int
    inferred: bool = False  # the page marks no change of voice here: read from what was said


def parse(text: str) -> ParsedTranscript:
    lines = text.split("\n")
    metadata, header_lines = read_header(lines)
    start = find_transcript_start(lines, header_lines)
    end = find_transcript_end(lines, start)
    turns = split_turns(lines, start, end)
    if not turns:
        raise TranscriptFormatError(
            "the page has no transcript text after its header", line=min(start + 1, len(lines))
        )

    cues = [
        Cue(text=turn.text, line=turn.line, turn_start=True, turn_inferred=turn.inferred)
        for turn in turns
    ]
    warnings = []
    if metadata.air_date is None:
        warnings.append("no air date line (like '11/14/2025 | 50m 24s') was found")
    return ParsedTranscript(format=FORMAT, cues=cues, metadata=metadata, warnings=warnings)


# --- header ----------------------------------------------------------------


def read_header(lines: list[str]) -> tuple[EpisodeMetadata, set[str]]:
    """Metadata from the first date line and the lines around it.

    Returns the metadata and the set of header lines, so that the repeated
    header block further down can be recognised and dropped.
    """
    metadata = EpisodeMetadata()
    index = next((i for i, line in enumerate(lines) if DATE_LINE.match(line)), None)
    if index is None:
        return metadata, set()

    before = [line.strip() for line in lines[:index] if line.strip()]
    if len(before) >= 2:
        metadata.show, metadata.title = before[-2], before[-1]
    elif before:
        metadata.title = before[-1]

    match = DATE_LINE.match(lines[index])
    metadata.air_date = parse_date(match)
    metadata.duration_s = parse_duration(match.group("duration") or "")

    # At most two lines, a summary and a description, before the furniture
    # or the first turn of talk.
    about = []
    for line in lines[index + 1 :]:
        stripped = line.strip()
        if not stripped:
            continue
        if is_furniture(stripped) or DATE_LINE.match(stripped) or LINE_START_MARKER.match(line):
            break
        about.append(stripped)
        if len(about) == 2:
            break
    if len(about) >= 2:
        metadata.summary, metadata.description = about[0], " ".join(about[1:])
    elif about:
        metadata.description = about[0]

    header_lines = {*before[-2:], lines[index].strip(), *about}
    return metadata, header_lines


def parse_date(match: re.Match) -> date | None:
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def parse_duration(value: str) -> int | None:
    """ "50m 24s" -> 3024, "1h 2m 3s" -> 3723, "58m" -> 3480; None if absent."""
    parts = DURATION_PART.findall(value)
    if not parts:
        return None
    seconds_per_unit = {"h": 3600, "m": 60, "s": 1}
    return sum(int(number) * seconds_per_unit[unit] for number, unit in parts)


def is_furniture(line: str) -> bool:
    return any(pattern.match(line) for pattern in FURNITURE_LINES)


# --- transcript region ------------------------------------------------------


def find_transcript_start(lines: list[str], header_lines: set[str]) -> int:
    """Index of the first line that is neither header, furniture nor blank.

    The header block is repeated on real pages, so any line equal to a header
    line (or another date line) counts as header wherever it is.
    """
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped in header_lines or is_furniture(stripped):
            continue
        if DATE_LINE.match(stripped):
            continue
        return index
    return len(lines)


def find_transcript_end(lines: list[str], start: int) -> int:
    """Index just past the transcript: the footer's first line, or the end."""
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        after_blank = index > 0 and not lines[index - 1].strip()
        if after_blank and FOOTER_GENRE.match(stripped):
            return index
        if any(pattern.match(stripped) for pattern in FOOTER_LINES):
            return index
    return len(lines)


# --- turns ------------------------------------------------------------------


def split_turns(lines: list[str], start: int, end: int) -> list[Turn]:
    """Cut the transcript lines into turns at every speaker-change marker."""
    turns: list[Turn] = []
    current: list[str] = []
    current_line = start + 1
    inferred = False  # the current turn opens where the page marks nothing
    lowercase = lowercase_words(lines[start:end])

    def close():
        text = " ".join(current).strip()
        if text:
            turns.append(Turn(text=text, line=current_line, inferred=inferred))
        current.clear()

    for index in range(start, end):
        line_number = index + 1
        line = GLUED_FURNITURE.sub("", lines[index].strip()) if index == start else lines[index]
        line = line.strip()
        if not line or is_furniture(line):
            continue
        pieces = split_line(line, lowercase)
        if (
            len(pieces) == 1
            and not pieces[0][1]
            and listened_to(pieces[0][0], current, lines, index, end)
        ):
            close()  # the listener's line is a turn of its own
            current_line, inferred = line_number, True
            current.append(pieces[0][0])
            close()
            continue
        marked = pieces[0][1]
        # After a listener's line the speaker goes on; an answer to a question put by
        # name is the one asked's: turns the page does not mark.
        if not marked and (
            (inferred and not current) or answers_the_question(current, pieces[0][0], lowercase)
        ):
            pieces[0] = (pieces[0][0], True)
        for position, (piece, opens_turn) in enumerate(pieces):
            if opens_turn:
                close()
                current_line, inferred = line_number, position == 0 and not marked
            elif not current and position == 0:
                current_line = line_number
            if piece:
                current.append(piece)
    close()
    return turns


def answers_the_question(turn_so_far: list[str], line: str, lowercase: set[str]) -> bool:
    """Whether ``line`` answers a turn that only put a question to someone by name:
    "- John, what do you think?" / "Yeah, I'm nodding because ...". Nobody answers
    their own question put to someone else with "Yeah, ..." : the captions left the
    change of voice unmarked."""
    if len(turn_so_far) != 1 or not ANSWER_OPENING.match(line):
        return False
    question = ASKED_BY_NAME.fullmatch(turn_so_far[0])
    return bool(question) and not set(question["name"].casefold().split()) & lowercase


def listened_to(line: str, turn_so_far: list[str], lines: list[str], index: int, end: int) -> bool:
    """Whether ``line`` is a listener's "Hmm." after a long stretch of someone's turn,
    with more talk after it: the speaker going on (the next line opens no turn), or a
    turn the page marks after the "Hmm." (``Cue.turn_inferred`` tells attribution
    that the marker was put after the speaker, not after the listener)."""
    if not LISTENER_LINE.fullmatch(line):
        return False
    if sum(len(text.split()) for text in turn_so_far) < LISTENED_TO_WORDS:
        return False
    following = lines[index + 1].strip() if index + 1 < end else ""
    return bool(following) and not is_furniture(following)


def lowercase_words(lines: list[str]) -> set[str]:
    """Every word the text writes in lowercase somewhere."""
    return {word for line in lines for word in LOWERCASE_WORD.findall(line)}


def split_line(line: str, lowercase: set[str] = frozenset()) -> list[tuple[str, bool]]:
    """The pieces of one line, each flagged True when a new turn opens with it.

    A last piece that is empty and opens a turn: the turn opens at the next line."""
    opens = bool(LINE_START_MARKER.match(line))
    line = LINE_START_MARKER.sub("", line, count=1)
    pieces, start = [], 0
    for marker in MID_LINE_MARKER.finditer(line):
        if marker.start() < start or is_stutter(line, marker.start(), marker.end()):
            continue
        # The marker came one word early: that word joins the sentence before.
        closing = closing_words(line[start : marker.start()], line[marker.end() :], lowercase)
        resume = marker.end() + closing
        piece = f"{line[start : marker.start()].strip()} {line[marker.end() : resume].strip()}"
        pieces.append((piece.strip(), opens if not pieces else True))
        start = resume
    pieces.append((line[start:].strip(), opens if not pieces else True))
    return pieces


def closing_words(before: str, after: str, lowercase: set[str]) -> int:
    """How many characters after a marker still belong to the sentence before it
    (0 when the marker is where the voice changes)."""
    before = before.rstrip()
    if not before or before[-1] in ".?!":
        return 0
    tag = TAG_QUESTION.match(after)
    if tag:
        return tag.end()
    if not before[-1].isalpha():
        return 0
    word = CLOSING_WORD.match(after)
    if not word and OPEN_NOUN_PHRASE.search(before):
        word = NOUN_GOING_ON.match(after)
    if not word:
        return 0
    folded = word["word"].casefold()
    if ANSWER_WORDS.fullmatch(folded) or folded not in lowercase:
        return 0
    return word.end()


def is_stutter(line: str, dash: int, after: int) -> bool:
    """A dash glued to a word and followed by the same words again: "I don't- I don't"."""
    if dash == 0 or line[dash - 1].isspace():
        return False

    def words(text: str) -> list[str]:
        return [WORD_CHARACTERS.sub("", word).casefold() for word in text.split()]

    # Bounded windows: a few words either side, whatever the line's length.
    before = words(line[max(0, dash - 60) : dash])[-STUTTER_WORDS:]
    following = words(line[after : after + 60])[:STUTTER_WORDS]
    return any(
        before[-size:] == following[:size]
        for size in range(1, STUTTER_WORDS + 1)
        if len(before) >= size and len(following) >= size
    )
