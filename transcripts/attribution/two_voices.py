"""Two people talking: each voice is who the other one calls it.

In a conversation of two, the turns alternate between the same two voices, and a
name said to someone ("This is not the hard part Dana", "Thank you, Omar.") is
said to the other voice. A voice the other calls by one name in several turns,
and the other voice seldom is called so, is that person in every turn it speaks,
whoever the rest of the evidence put there: who asks the questions says little
when a guest turns interviewer. Not a turn the decoding gave a third person it knows
(a critic's piece): that one is nobody's.
"""

import re
from collections import Counter
from dataclasses import dataclass

from transcripts.attribution.cast import Cast, is_same_name
from transcripts.attribution.introductions import self_introductions
from transcripts.attribution.mentions import is_vocative, looks_like_a_name
from transcripts.attribution.names import (
    GUEST,
    HOST,
    I_AM,
    NAME_WORD,
    NOT_NAMES,
    is_unnamed_voice,
    split_sentences,
)
from transcripts.parsed import SpeakerNote

# A "- " marks a change of voice, so two people talking alternate: the decoding's
# voices keep that step in this share of the turns at least.
IN_STEP = 0.9
LEAST_CALLS = 2  # turns calling a voice by one name: once may be a slip or a quote
CALLS_RATIO = 3  # ... and at least this many times the turns calling the other voice so
LEAST_TURNS = 10  # a few lines are no conversation to read a rhythm from

NOT_SAID_TO_AFTER = re.compile(
    r"\b(?:in|at|on|into|near|around|outside|inside|are|you're|you’re|be|being|been|were|feel)\s+$",
    re.IGNORECASE,
)
# "And I said, John, you can't ...", "he goes, "Dana, come here"": a call someone
# else made, in a story, said to nobody here.
TOLD = re.compile(
    r"\b(?:say|said|says|saying|told|asked|goes|went|like),?\s*[\"“]?\s*$", re.IGNORECASE
)


def is_quoted(sentence: str, start: int) -> bool:
    """Whether a name at ``start`` is inside quotation marks or right after "said"."""
    before = sentence[:start]
    return bool(
        TOLD.search(before[-16:]) or before.count('"') % 2 or before.count("“") > before.count("”")
    )


NAME_WORD_AT = re.compile(rf"(?<![\w'’-]){NAME_WORD}")


@dataclass
class Sides:
    """A conversation of two: the side of each voice the decoding found (0 for the
    voice of the first turn's step, 1 for the other), and whether each turn keeps the
    step of strict alternation, its voice on the side its place in the sequence says."""

    of_voice: dict[int, int]
    in_step: list[bool]

    def side(self, t: int) -> int:
        return t % 2

    def back_in_step(self) -> list[bool]:
        """Per turn: out of step, in a stretch with turns in step on both sides (A A A
        where A B A was due; A B B A B A A where A B A B A B A was due). The decoding
        heard a change of voice marked and none made, then again: with two people the
        marks are right, and the stretch alternates like the rest."""
        found = [False] * len(self.in_step)
        start = None  # the first turn of the current stretch out of step
        for t, in_step in enumerate(self.in_step):
            if not in_step:
                start = t if start is None else start
                continue
            if start is not None and start > 0:
                found[start:t] = [True] * (t - start)
            start = None
        return found


def two_sides(voices: list[int]) -> Sides | None:
    """The two sides when two people hold the whole conversation and alternate.

    Each voice of the decoding goes to the side (even or odd turns) where most of
    its turns are: a host nobody named and the name a header gives may be one
    person, in step. Turns whose voice sits on the other side (where the decoding
    broke step: the same voice twice, then again) are in doubt."""
    if len(voices) < LEAST_TURNS:
        return None
    places: dict[int, Counter] = {}
    for t, voice in enumerate(voices):
        places.setdefault(voice, Counter())[t % 2] += 1
    of_voice = {voice: count.most_common(1)[0][0] for voice, count in places.items()}
    in_step = [of_voice[voice] == t % 2 for t, voice in enumerate(voices)]
    if len(set(of_voice.values())) < 2 or sum(in_step) < IN_STEP * len(voices):
        return None
    return Sides(of_voice=of_voice, in_step=in_step)


def name_runs(text: str, ordinary: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of up to three capitalised words that are no ordinary
    words ("So Dana" is "Dana"; "Omar You absolutely ..." is "Omar" and the next
    sentence), titles ("Mr.") or common openers."""
    runs: list[tuple[int, int]] = []
    joined = False  # the word before was a name word, a space away
    for word in NAME_WORD_AT.finditer(text):
        if not is_name_word(word[0], ordinary):
            joined = False
            continue
        start, end = word.span()
        if (
            joined
            and text[runs[-1][1] : start] == " "
            and len(text[runs[-1][0] : end].split()) <= 3
        ):
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
        joined = True
    return runs


# Exclamations ("Jesus Christ -- all right"), said to nobody.
EXCLAMATIONS = {"god", "jesus", "christ", "lord", "gosh", "heavens"}


def is_name_word(word: str, ordinary: frozenset[str]) -> bool:
    folded = word.casefold()
    return (
        looks_like_a_name(word)
        and folded not in ordinary
        and folded not in NOT_NAMES
        and folded not in EXCLAMATIONS
    )


def names_said_to_someone(text: str, ordinary: frozenset[str], unpunctuated: bool) -> list[str]:
    """Names a turn speaks to someone by ("Thank you, Omar.", "Just say it Dana"):
    capitalised words the turns never write in lowercase, set apart as a vocative."""
    found = []
    bare = ordinary if unpunctuated else None
    for sentence in split_sentences(text):
        for start, end in name_runs(sentence, ordinary):
            if not sentence[:start].strip() and not sentence[end:].strip(" .?!"):
                continue  # "Brooklyn." alone answers "Where?": said about, not to
            if NOT_SAID_TO_AFTER.search(sentence[max(0, start - 12) : start]):
                continue  # "in Sheepshead Bay": a place; "you're Jewish": no name
            if is_quoted(sentence, start):
                continue
            if is_vocative(sentence, start, end, unpunctuated=bare):
                found.append(sentence[start:end])
    return found


def full_names(texts: list[str], ordinary: frozenset[str]) -> set[str]:
    """Two or three name words in a row that may be someone's full name: "Dana Whitfield",
    and "Omar Haddad" of "Chef Omar Haddad" (a title may open the run)."""
    found = set()
    for text in texts:
        for start, end in name_runs(text or "", ordinary):
            words = text[start:end].split()
            found |= {" ".join(words[i:]) for i in range(len(words) - 1)}
    return found


def resolve(name: str, cast: Cast, known: dict[str, set[str]]) -> str | None:
    """The full name a name said to someone is short for: a person of the cast (by
    first name or surname), else the one full name of the page (header or turns) it
    opens; None when there is none or several ("Sam" of "Sam Ruiz" and "Sam Lee"): a
    first name alone is no name to give a voice. ``known``: the page's full names by
    their first word."""
    for person in cast.people:
        if person.named and any(
            is_same_name(name, spelling) or name in (spelling.split()[0], spelling.split()[-1])
            for _, spelling in person.spellings
        ):
            return person.label if " " in person.label else None
    if " " in name:
        return name
    # A first name said to someone ("Dana"), not the end of a place ("Brooklyn" of
    # "Sheepshead Bay Brooklyn").
    matching = known.get(name, set())
    return next(iter(matching)) if len(matching) == 1 else None


def called(
    turns: list[str],
    sides: Sides,
    cast: Cast,
    about: list[str],
    ordinary: frozenset[str],
    unpunctuated: bool,
) -> list[Counter]:
    """Per side: the full names the other side's turns call someone by, counted once
    a turn, in the turns that keep step or come back to it (``Sides.back_in_step``).

    A first name stands for a full name the page's header gives, or one said to
    someone or introducing oneself ("I don't think you are either Dana Whitfield", "I'm
    Dana Whitfield"): not one the turns only talk about ("Adam Smith wrote ...")."""
    said_to = [names_said_to_someone(text, ordinary, unpunctuated) for text in turns]
    people = full_names(about, ordinary) | {
        name for names in said_to for name in names if " " in name
    }
    people |= {name for text in turns for name in self_introductions(text)}
    known: dict[str, set[str]] = {}
    for full in people:
        known.setdefault(full.split()[0], set()).add(full)
    resolved: dict[str, str | None] = {}  # each spelling looked up once
    calls = [Counter(), Counter()]
    back = sides.back_in_step()
    for t, names_said in enumerate(said_to):
        if not sides.in_step[t] and not back[t]:
            continue  # whose turn it is is in doubt
        names = set()
        for said in names_said:
            if said not in resolved:
                resolved[said] = resolve(said, cast, known)
            names.add(resolved[said])
        for name in names - {None}:
            calls[1 - sides.side(t)][name] += 1
    return calls


def name_of(side: int, calls: list[Counter], header: set[str]) -> str | None:
    """The name the other side calls ``side`` by, clearly more than it calls itself so;
    once is enough for a name the page's header gives (its guest, "Comedian Ana Ruiz")."""
    ranked = calls[side].most_common(2)
    if not ranked:
        return None
    name, times = ranked[0]
    least = 1 if any(is_same_name(name, given) for given in header) else LEAST_CALLS
    if times < least or (len(ranked) > 1 and ranked[1][1] * CALLS_RATIO > times):
        return None
    wrongly = sum(n for said, n in calls[1 - side].items() if is_same_name(said, name))
    return name if wrongly * CALLS_RATIO <= times else None


POSSESSIVE = re.compile(r"['’]s(?=\s|$)")


def disowned(
    name: str, side: int, turns: list[str], sides: Sides, ordinary: frozenset[str]
) -> bool:
    """Whether the turns say ``name`` is not ``side``'s, however the other side calls it:
    the other side gives it as its own ("I'm Robin Hale.", "I'm Robin."), or ``side``
    itself says the first name alone ("my friend Robin said", "Robin's paper", "Thanks,
    Robin."), other than introducing itself or quoting someone who spoke to it. A name
    said to someone who also talks about it, or answers to it, may well be a third
    person's. Its surname ("Dell" of the company it founded, the show named after it)
    or a namesake's full name ("Robin Williams") says nothing against it."""
    words = name.split()
    first = re.escape(words[0])
    gives_it = re.compile(rf"(?:\b{I_AM}|(?i:\bmy\s+name\s+is))\s+{first}(?![\w'’-])")
    # Signing on or off ("This is Robin.", "Robin here."): said by one's own side only.
    signs = re.compile(rf"(?i:\bthis\s+is)\s+{first}(?![\w'’-])|\b{first}\s+here\b")
    back = sides.back_in_step()
    for t, text in enumerate(turns):
        if not sides.in_step[t] and not back[t]:
            continue
        if sides.side(t) != side:
            if gives_it.search(text):
                return True
            continue
        for sentence in split_sentences(text):
            if (
                gives_it.search(sentence)
                or signs.search(sentence)
                or any(is_same_name(given, name) for given in self_introductions(sentence))
            ):
                continue
            for start, end in name_runs(sentence, ordinary):
                said = POSSESSIVE.sub("", sentence[start:end])
                if said == words[0] and not is_quoted(sentence, start):
                    return True
    return False


def several_named_on_a_side(sides: Sides, labels: list[str | None]) -> bool:
    """Whether the decoding named two people or more on one side: a bench of justices
    answered by counsel, a panel answering a host, not two people talking."""
    named: list[list[str]] = [[], []]
    for t, label in enumerate(labels):
        if sides.in_step[t] and label and not is_unnamed_voice(label):
            known = named[sides.side(t)]
            if not any(is_same_name(label, other) for other in known):
                known.append(label)
    return any(len(people) > 1 for people in named)


# "Next caller, go ahead.", "Another call now.", "Thanks for calling.", "You're on the
# air.": someone new brought on, so one side is several people taking turns with the
# host (the decoding may well have grouped callers nobody named as one voice).
PUTS_ON = re.compile(
    r"\b(?:next\s+(?:caller|call|question|guest)|(?:another|one\s+more)\s+(?:call|caller|question)"
    r"|you(?:'re|’re|\s+are)\s+on\s+the\s+air|for\s+(?:calling(?:\s+in)?|your\s+call)"
    r"|(?:is|are)\s+on\s+the\s+line|let(?:'s|’s)\s+bring\s+in|joining\s+us\s+now)\b",
    re.IGNORECASE,
)


def puts_people_on(turns: list[str]) -> bool:
    """Whether a turn brings someone new on: callers, questioners, another guest."""
    return any(PUTS_ON.search(text) for text in turns)


def name_two_voices(
    turns: list[str],
    speakers: list[int],
    labels: list[str | None],
    notes: dict[str, SpeakerNote],
    cast: Cast,
    *,
    about: list[str],
    ordinary: frozenset[str],
    unpunctuated: bool,
    host: int,
) -> list[str | None]:
    """The labels, each side of a conversation of two renamed to what the other calls
    it (``notes`` gains the new names). Turns in doubt (out of step) keep their
    label, unless it is a name now given to the other side."""
    sides = two_sides(speakers)
    if sides is None or several_named_on_a_side(sides, labels) or puts_people_on(turns):
        return labels
    calls = called(turns, sides, cast, about, ordinary, unpunctuated)
    header = full_names(about, ordinary)
    names = [
        name if name and not disowned(name, side, turns, sides, ordinary) else None
        for side, name in enumerate(name_of(side, calls, header) for side in (0, 1))
    ]
    if None not in names and is_same_name(names[0], names[1]):
        return labels
    renamed = list(labels)
    back = sides.back_in_step()
    for t, label in enumerate(labels):
        side = sides.side(t) if sides.in_step[t] or back[t] else None
        named = bool(label) and not is_unnamed_voice(label)
        theirs = named and any(name and is_same_name(label, name) for name in names)
        if side is not None and names[side]:
            # A turn the decoding gave a third person (a critic's piece, someone put
            # on for a question): the two readings disagree, so it is nobody's.
            renamed[t] = names[side] if theirs or not named else None
        elif theirs:
            renamed[t] = None  # out of step, or on the other side: not theirs
    for side, name in enumerate(names):
        if name is None or name in notes:
            continue
        person = next((p for p in cast.people if p.named and p.matches(name)), None)
        if person is not None:
            role = person.role
        else:
            role = HOST if sides.of_voice.get(host) == side else GUEST
        notes[name] = SpeakerNote(
            label=name, role=role, introduced_as=person.introduced_as if person else ""
        )
    return renamed
