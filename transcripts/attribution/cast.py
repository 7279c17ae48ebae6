"""Who is in the room: the host, guests, callers and reporters the turns introduce."""

import re
from collections import Counter
from dataclasses import dataclass, field

from transcripts.attribution.names import (
    CALLER,
    FULL_NAME,
    GUEST,
    HOST,
    I_AM,
    IS_TITLE_WORD,
    NAME_WORD,
    NOT_NAMES,
    REPORTER,
    REPORTER_NOUNS,
    ROLE_NOUNS,
    SAME_PERSON,
    SHOW,
    TITLE_WORD,
    name_similarity,
    normalize_name,
    split_sentences,
    without_titles,
)

MAX_SPELLINGS = 12


@dataclass
class Person:
    # (latest turn, spelling) of each way they were named: distinct spellings only,
    # so that comparing a name with a person costs the same however often they are named.
    spellings: list[tuple[int, str]]
    role: str = GUEST
    introduced_as: str = ""
    introduced_in: int | None = None  # turn of their first introduction
    phoned_in: bool = False  # a caller or someone "on the line": on air for a while only
    formal: set[str] = field(default_factory=set)  # spellings from introductions (normalised)
    introduced_self: set[int] = field(default_factory=set)  # turns where they said "I'm ..."
    said: Counter = field(default_factory=Counter)  # times named, by normalised spelling

    def add_spelling(self, turn: int, name: str):
        self.said[normalize_name(name)] += 1
        for position, (_, spelling) in enumerate(self.spellings):
            if spelling == name:
                self.spellings[position] = (turn, name)
                return
        if len(self.spellings) < MAX_SPELLINGS:  # captions misspell a name a few ways, not 100
            self.spellings.append((turn, name))

    @property
    def named(self) -> bool:
        return bool(self.spellings)

    @property
    def label(self) -> str:
        """The spelling to use.

        Tidy spellings (every word capitalised) first; then one heard in an
        introduction ("We're joined by ..."), since a host reads that from
        the running order; then the commonest; then the latest, since a live
        captioner who misspells a name at first usually looks it up.
        """
        tidy = [(turn, s) for turn, s in self.spellings if is_tidy_name(s)] or self.spellings

        def credibility(item: tuple[int, str]):
            turn, spelling = item
            key = normalize_name(spelling)
            return (key in self.formal, self.said[key], turn)

        return max(tidy, key=credibility)[1]

    def matches(self, name: str) -> bool:
        return any(is_same_name(name, spelling) for _, spelling in self.spellings)


def is_tidy_name(name: str) -> bool:
    return all(word[:1].isupper() and len(word) > 1 for word in name.split())


def is_same_name(a: str, b: str) -> bool:
    """Whether two spellings name one person, titles aside.

    A title and a surname ("Justice Scalia", "Mr. Kirby") is the person with
    that surname: "Justice Alito" is someone else, "General Sims" is
    "Lieutenant General Sims". A lone first name must match exactly: "John"
    is not "Joan".
    """
    bare_a, bare_b = without_titles(a), without_titles(b)
    if not bare_a or not bare_b:
        return normalize_name(a) == normalize_name(b)
    titled = bare_a != a.strip() or bare_b != b.strip()
    if titled and (len(bare_a.split()) == 1 or len(bare_b.split()) == 1):
        return normalize_name(bare_a.split()[-1]) == normalize_name(bare_b.split()[-1])
    if len(bare_a.split()) == 1 or len(bare_b.split()) == 1:
        return normalize_name(bare_a) == normalize_name(bare_b)
    return name_similarity(bare_a, bare_b) >= SAME_PERSON


HOST_SLOT = 0
# The most people a cast may hold. Press calls put ~20 reporters on the line;
# the bound keeps matching names and decoding turns linear in the text's length.
MAX_CAST = 30


@dataclass
class Cast:
    # people[HOST_SLOT] is the host, with no spellings when nobody introduced
    # themselves: the rhythm of the show still tells the host's turns apart.
    people: list[Person]

    @property
    def host(self) -> Person:
        return self.people[HOST_SLOT]


HOST_INTRODUCTIONS = [
    re.compile(pattern)
    for pattern in (
        # "Welcome to Forum, I'm Alexis Madrigal" / "This is Fresh Air, I'm Terry Gross"
        rf"(?i:\b(?:welcome|well come)\s+(?:back\s+)?to|\bthis\s+is|\byou're\s+listening\s+to)"
        rf"\s+(?P<show>{SHOW}),?\s+{I_AM}\s+(?P<name>{FULL_NAME})",
        # "I'm Terry Gross, and this is Fresh Air"
        rf"\b{I_AM}\s+(?P<name>{FULL_NAME}),?\s+(?i:and\s+)?(?i:this\s+is|welcome\s+to)"
        rf"\s+(?P<show>[\w'’&]+(?:\s+[\w'’&]+){{0,3}})",
        # "Welcome back to Forum, Alexis Madrigal here"
        rf"(?i:\b(?:welcome|well come)\s+back\s+to)\s+(?P<show>{SHOW}),?"
        rf"\s+(?P<name>{FULL_NAME})[.,]?\s+(?i:here)\b",
    )
]
SIGN_OFF = re.compile(rf"\b{I_AM}\s+(?P<name>{FULL_NAME})\s*[.!]")
INTRO_TRIGGER = re.compile(
    r"\b(?:joined\s+(?:again\s+|now\s+|today\s+)?by|joining\s+(?:us|me)\s+(?:now\s+|today\s+)?"
    r"(?:is\s+|are\s+)?|with\s+(?:us|me)\s+(?:here\s+|now\s+|today\s+){0,2}"
    r"(?:is\s+|are\s+|(?:I|we)\s+have\s+)|(?:I|we)\s+have\s+with\s+(?:us|me)\s+(?:today\s+|now\s+)?"
    r"|my\s+guests?\s+(?:today\s+)?(?:is|are|include)\s+"
    r"|(?:conversation|interview|gaggle|briefing|call|talk)\s+with\s+"
    r"|(?:turn|hand|pass)\s+(?:it|things|the\s+floor)\s+(?:over\s+)?to\s+)",
    re.IGNORECASE,
)
TITLE_THEN_NAME = re.compile(rf"\b{TITLE_WORD}(?:\s+{TITLE_WORD})*\s+(?P<name>{FULL_NAME})")
ON_THE_LINE = re.compile(r"\bis\s+(?:on\s+the\s+line|on\s+the\s+phone)\b", re.IGNORECASE)
# Up to three capitalised words, none of them a title ("Phil Stewart", "MJ Lee").
PERSON = rf"{NAME_WORD}(?: {NAME_WORD}){{0,2}}"
OUTLET = rf"(?:the\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}"
# Words that put someone on the air: "let's bring in", "we'll go with", "next question is".
PUTS_ON = (
    r"(?i:\b(?:bring\s+in|go(?:ing)?\s+(?:to|with)|hear\s+from|talk\s+(?:to|with)"
    r"|take\s+a\s+call\s+from|question\s+(?:is|comes|will\s+come)(?:\s+from)?))"
)
CALLER_INTRODUCTIONS = [
    re.compile(pattern)
    for pattern in (
        # "Let's bring in George in Sacramento", "let's go to caller Ana in Oakland",
        # "we'll go to Phil Stewart from Reuters", "next question is Aamer with the AP"
        rf"{PUTS_ON}\s+(?:[a-z]+\s+){{0,2}}?(?P<name>{PERSON})\s+(?:in|from|with|at)"
        rf"\s+(?P<place>{OUTLET})",
        # "Ana in Oakland, welcome" / "Ana in Oakland, you're on the air"
        rf"\b(?P<name>{NAME_WORD})\s+(?:in|from)\s+(?P<place>{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}),?"
        rf"\s+(?i:welcome|you're\s+on\s+the\s+air|go\s+ahead)",
    )
]
# "I'm Carmen Andoh.", "My name is Chris Benson, I work for ...": a person naming
# themselves, with a full name, at a pause.
SELF_INTRODUCTION = re.compile(
    rf"(?:\b{I_AM}|(?i:\bmy\s+name\s+is))\s+(?P<name>{FULL_NAME})(?=\s*[,.;!]|\s+(?i:and|from|with|here)\b)"
)
# "Justice Ginsburg, ...", "Thank you, General Sims.", "Mr. Long.": a title and a
# surname said to someone. The surname alone is the person's name.
TITLED_VOCATIVE = re.compile(rf"\b(?P<title>{TITLE_WORD})\s+(?P<name>{NAME_WORD})(?=\s*[,.?!])")


def find_cast(turns: list[str], *, about: list[str] = ()) -> Cast:
    """The host, guests and callers introduced in the turns.

    ``about`` (title, summary, description) adds the people it introduces
    ("Press Gaggle with John Kirby"), as if before the first turn.
    """
    cast = Cast(people=[find_host(turns)])
    for text in about:
        for name, title in guest_introductions(text or ""):
            add_person(cast, 0, name, role=GUEST, introduced_as=title)
    for index, text in enumerate(turns):
        for name in self_introductions(text):
            if cast.host.matches(name):
                cast.host.introduced_self.add(index)
                continue
            person = add_person(cast, index, name, role=GUEST)
            if person is not None:  # None: the cast is full
                person.introduced_self.add(index)
        for name, title in guest_introductions(text):
            add_person(cast, index, name, role=GUEST, introduced_as=title)
        for name, place in caller_introductions(text):
            add_person(cast, index, name, role=CALLER, introduced_as=place, phoned_in=True)
        for name in names_on_the_line(text):
            add_person(cast, index, name, role=CALLER, phoned_in=True)
        for name in titled_vocatives(text):
            add_person(cast, index, name, role=GUEST)
    # Names with titles elsewhere ("Elany Kunaki, Lieutenant Governor of
    # California") add spellings and titles to people already introduced,
    # never new people: guests talk about many others.
    for index, text in enumerate(turns):
        for name, title in named_with_title(text):
            person = next((p for p in cast.people[1:] if p.matches(name)), None)
            if person:
                person.add_spelling(index, name)
                person.introduced_as = person.introduced_as or title
    for person in cast.people[1:]:
        if has_role_noun(person.introduced_as):
            is_reporter = has_role_noun(person.introduced_as, REPORTER_NOUNS)
            person.role = REPORTER if is_reporter else GUEST
    return cast


def find_host(turns: list[str]) -> Person:
    """The host, from self-introductions with the show's name; sign-offs add weight."""
    votes: Counter[str] = Counter()
    spellings: dict[str, list[tuple[int, str]]] = {}
    shows: Counter[str] = Counter()
    for index, text in enumerate(turns):
        for pattern in HOST_INTRODUCTIONS:
            for match in pattern.finditer(text):
                key = normalize_name(match["name"])
                votes[key] += 2
                spellings.setdefault(key, []).append((index, match["name"]))
                shows[match["show"].strip()] += 1
    for index, text in enumerate(turns):
        for match in SIGN_OFF.finditer(text):
            key = normalize_name(match["name"])
            if key in votes:
                votes[key] += 1
                spellings[key].append((index, match["name"]))
    if not votes:
        return self_introduced_host(turns)
    key = votes.most_common(1)[0][0]
    show = shows.most_common(1)[0][0]
    show = show[:1].upper() + show[1:]
    host = Person(spellings=[], role=HOST, introduced_as=f"host of {show}")
    for turn, name in spellings[key]:
        host.add_spelling(turn, name)
        host.introduced_self.add(turn)
    return host


WELCOMES = re.compile(r"(?i:\bwelcome\b)")


def self_introduced_host(turns: list[str]) -> Person:
    """The first person to name themselves in a turn that welcomes the audience, early on.

    "Welcome to another episode ... My name is Chris Benson"; with nobody like
    that, a host without a name, whose turns the rhythm of the show still finds.
    """
    for index, text in enumerate(turns[: max(10, len(turns) // 10)]):
        names = self_introductions(text)
        if names and WELCOMES.search(text):
            host = Person(spellings=[], role=HOST, introduced_as="host")
            host.add_spelling(index, names[0])
            host.introduced_self.add(index)
            return host
    return Person(spellings=[], role=HOST)


def self_introductions(text: str) -> list[str]:
    return [
        match["name"]
        for match in SELF_INTRODUCTION.finditer(text)
        if not first_word_is_not_a_name(match["name"])
    ]


def titled_vocatives(text: str) -> list[str]:
    """ "Justice Ginsburg" of "Justice Ginsburg, I think ..." and "Thank you, General Sims." """
    found = []
    sentences = split_sentences(text)
    # At a turn's edges: answering someone, or handing over to them.
    for sentence in {*sentences[:1], *sentences[-1:]}:
        for match in TITLED_VOCATIVE.finditer(sentence):
            before = sentence[: match.start()].rstrip()
            surname = match["name"]
            if before and not before.endswith(","):
                continue
            if IS_TITLE_WORD.fullmatch(surname) or first_word_is_not_a_name(surname):
                continue  # "Mr. Chief Justice", "Mr. President"
            found.append(f"{match['title']} {surname}")
    return found


def guest_introductions(text: str) -> list[tuple[str, str]]:
    """(name, title) of everyone introduced in a "We're joined by ..." sentence."""
    found = []
    for sentence in split_sentences(text):
        trigger = INTRO_TRIGGER.search(sentence)
        if trigger:
            found += names_and_titles(sentence[trigger.end() :], first_needs_title=False)
    return found


def named_with_title(text: str) -> list[tuple[str, str]]:
    """(name, title) for "Elany Kunaki, Lieutenant Governor of California" and
    (name, "") for "Lieutenant Governor Eleni Kounalakis"."""
    found = []
    for sentence in split_sentences(text):
        found += names_and_titles(sentence, first_needs_title=True, comma=True)
    found += [(match["name"], "") for match in TITLE_THEN_NAME.finditer(text)]
    return found


def names_and_titles(
    text: str, *, first_needs_title: bool, comma: bool = False
) -> list[tuple[str, str]]:
    """Names in ``text``, each with the title that follows it.

    The first name is taken unless ``first_needs_title``; later ones only
    when they start a new item of a list (after "and" or a comma) and carry
    a title, so that "Mother Jones" in "editor-in-chief of Mother Jones" is
    not taken for a person; or when they follow the name before with only
    "and" or a comma between ("Robert Griesemer and Ian Lance Taylor").
    """
    found = []
    previous_end, previous_taken = None, False
    for position, match in enumerate(re.finditer(FULL_NAME, text)):
        right_after = (
            previous_taken
            and previous_end is not None
            and LIST_GLUE.fullmatch(text[previous_end : match.start()]) is not None
        )
        previous_end, previous_taken = match.end(), False
        # Bounded windows either side of the name: linear in the text's length.
        name, rest = match[0], text[match.end() : match.end() + 200]
        if first_word_is_not_a_name(name) or (comma and not rest.startswith(",")):
            continue
        title = clean_title(rest.lstrip(", "))
        listed = re.search(
            r"(?:,|\band|\bas\s+well\s+as)\s*$", text[max(0, match.start() - 20) : match.start()]
        )
        first = position == 0 and not first_needs_title
        if first or right_after or (title and (position == 0 or listed)):
            found.append((name, title))
            previous_taken = True
    return found


LIST_GLUE = re.compile(r",?\s+and\s+|,\s+")


def first_word_is_not_a_name(name: str) -> bool:
    return normalize_name(name.split()[0]) in NOT_NAMES


TITLE_END = re.compile(r"[,;]|\s+and\s+(?=[A-Z])|\s+as\s+well\s+as\b|\s+(?:is|was|who|with)\s+")


def clean_title(rest: str) -> str:
    """The title opening ``rest``, or "" when it does not open with one.

    Cut at a comma or at " and " before a capital ("professor of law at
    UCLA School of Law and Advisor to the Dean"): the main title only.
    """
    end = TITLE_END.search(rest)
    title = (rest[: end.start()] if end else rest).strip().rstrip(".?!:")
    if not has_role_noun(title, within=4):
        return ""
    return re.sub(r"^(?:a|an|the)\s+", "", title, flags=re.IGNORECASE)


# Job words the list above lacks, known by their ending when a place of
# work follows: "an epidemiologist at UCSF", "a librarian in Oakland".
JOB_ENDING = re.compile(r"[a-z]+(?:ist|ian|or|er)")
WORK_PREPOSITIONS = {"of", "at", "for", "with", "in", "from"}


def has_role_noun(title: str, nouns: set[str] = ROLE_NOUNS, within: int = 6) -> bool:
    words = [word.strip(".,").casefold() for word in title.split()[:within]]
    parts = {part for word in words for part in (word, *word.split("-"))}  # "editor-in-chief"
    if parts & nouns:
        return True
    return nouns is ROLE_NOUNS and any(
        JOB_ENDING.fullmatch(word) and following in WORK_PREPOSITIONS
        for word, following in zip(words[:3], words[1:4], strict=False)
    )


def caller_introductions(text: str) -> list[tuple[str, str]]:
    return [
        (match["name"], match["place"])
        for pattern in CALLER_INTRODUCTIONS
        for match in pattern.finditer(text)
        if not first_word_is_not_a_name(match["name"])
    ]


def names_on_the_line(text: str) -> list[str]:
    """The name before each "is on the line", read backwards over caption debris.

    Captions break unfamiliar names ("El ny Kunaki"), so a short lowercase
    fragment between capitalised words is kept as part of the name.
    """
    names = []
    for match in ON_THE_LINE.finditer(text):
        words = text[max(0, match.start() - 80) : match.start()].split()
        taken: list[str] = []
        while words and not words[-1].endswith(","):
            word = words[-1]
            capital = word[:1].isupper() and word.casefold() not in NOT_NAMES
            fragment = taken and word.islower() and len(word) <= 3 and word not in NOT_NAMES
            if not (capital or fragment):
                break
            taken.insert(0, words.pop())
        # Drop what is not the name: a leading fragment or a title ("Supervisor").
        while taken and (not taken[0][:1].isupper() or has_role_noun(taken[0])):
            taken.pop(0)
        if 0 < len(taken) <= 4:
            names.append(" ".join(taken))
    return names


def add_person(
    cast: Cast,
    index: int,
    name: str,
    *,
    role: str,
    introduced_as: str = "",
    phoned_in: bool = False,
) -> Person | None:
    """The guest or caller called ``name``, added to the cast if new; None for the
    host (never a guest too) and when the cast is full."""
    person = next((p for p in cast.people if p.matches(name)), None)
    if person is not None and person is cast.host:
        return None
    if person is None:
        if len(cast.people) >= MAX_CAST:
            return None  # more people than any programme has: the text is not a conversation
        person = Person(
            spellings=[],
            role=role,
            introduced_as=introduced_as,
            introduced_in=index,
            phoned_in=phoned_in,
        )
        cast.people.append(person)
    person.add_spelling(index, name)
    person.formal.add(normalize_name(name))
    person.introduced_as = person.introduced_as or introduced_as
    if role == GUEST:
        person.role = GUEST
    return person
