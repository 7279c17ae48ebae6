"""The host a show is named after: a first name said to them, the surname on the page.

Some programmes carry their host's surname ("Hannity") and their host never
says their own name: guests say only the first name ("Thank you, Sean.").
Both halves together name the host, but only when each points one way: one
first name spoken to someone again and again and belonging to nobody else in
the cast, one surname-like show name, and the first name said in turns the
host did not speak (it is said *to* the host).
"""

import re
from collections import Counter

from transcripts.attribution.cast import Cast
from transcripts.attribution.introductions import has_role_noun
from transcripts.attribution.names import IS_TITLE_WORD, NOT_NAMES, split_sentences

# A capitalised word set apart as a vocative: "Sean, who would ...", "..., Sean.",
# "But, Sean --". Only at a sentence's start or after a comma.
LONE_VOCATIVE = re.compile(r"(?:^|,\s+)(?P<name>[A-Z][a-z]{2,})(?=\s*(?:[,.?!]|--))")
SHOW_SURNAME = re.compile(r"[A-Z][a-z]{2,}")
LEAST_TIMES = 2  # turns saying the first name: once may be anyone's


def addressed_first_names(turns: list[str]) -> dict[str, list[int]]:
    """Capitalised words said as vocatives, with the turns saying them, leaving out
    words the turns also use in lowercase ("Look, ..." vs "look at"): those are
    ordinary words opening a sentence, not names."""
    said: dict[str, list[int]] = {}
    for t, text in enumerate(turns):
        for sentence in split_sentences(text):
            for match in LONE_VOCATIVE.finditer(sentence):
                said.setdefault(match["name"], []).append(t)
    lowercase = {word for text in turns for word in re.findall(r"\b[a-z]{3,}\b", text)}
    return {
        name: sorted(set(where))
        for name, where in said.items()
        if name.casefold() not in lowercase
        and name.casefold() not in NOT_NAMES
        and not IS_TITLE_WORD.fullmatch(name)
        and not has_role_noun(name)
    }


def show_surname(show: str, turns: list[str]) -> str | None:
    """The show's name when it is one capitalised word the turns never use as an
    ordinary word ("Hannity", not "Forum" of "a public forum")."""
    show = show.strip()
    if not SHOW_SURNAME.fullmatch(show) or show.casefold() in NOT_NAMES or has_role_noun(show):
        return None
    if any(re.search(rf"\b{show.casefold()}\b", text) for text in turns):
        return None
    return show


def host_named_after_show(turns: list[str], cast: Cast, show: str) -> tuple[str, list[int]]:
    """("Sean Hannity", the turns saying "Sean") when the host is unnamed, the show
    name looks like a surname and exactly one first name nobody in the cast has
    is said to someone in LEAST_TIMES turns or more; else ("", [])."""
    if cast.host.named:
        return "", []
    surname = show_surname(show, turns)
    if surname is None:
        return "", []
    taken = {word for person in cast.people for _, s in person.spellings for word in s.split()}
    candidates = {
        name: where
        for name, where in addressed_first_names(turns).items()
        if len(where) >= LEAST_TIMES and name not in taken and name != surname
    }
    if len(candidates) != 1:
        return "", []
    ((first, where),) = candidates.items()
    return f"{first} {surname}", where


def said_to_the_host(where: list[int], speakers: list[int], host: int) -> bool:
    """Whether most turns saying the first name are not the host's own (it is said to them)."""
    others = Counter(speakers[t] != host for t in where)
    return others[True] > others[False]
