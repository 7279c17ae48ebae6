"""Who is in the room: the host, guests, callers and reporters the turns introduce."""

import re
from collections import Counter
from dataclasses import dataclass, field

from transcripts.attribution.introductions import (
    announced_host,
    answer_to_who,
    caller_introductions,
    first_word_is_not_a_name,
    guest_introductions,
    has_role_noun,
    named_with_title,
    names_on_the_line,
    offices_addressed,
    presented,
    presented_contributor,
    self_introductions,
    self_introductions_with_role,
    titled_vocatives,
)
from transcripts.attribution.names import (
    CALLER,
    FULL_NAME,
    GUEST,
    HOST,
    I_AM,
    IS_TITLE_WORD,
    MODERATOR,
    NAME_WORD,
    OTHER,
    REPORTER,
    REPORTER_NOUNS,
    SAME_PERSON,
    SHOW,
    SUBSTANTIAL,
    UPPER,
    ends_by_asking,
    name_similarity,
    normalize_name,
    split_sentences,
    without_next_sentence,
    without_titles,
    word_count,
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
    # What to call them when the text never names them: "Moderator".
    role_label: str = ""
    # The turns of questions from the floor, when this is the audience's voice.
    asks_from_the_floor: set[int] = field(default_factory=set)
    # Known only from a full name said once in passing ("It's Dana Whit.", "Thank you,
    # Tobiasz Wren."), never introduced: a panel's people, whom the others call by first
    # name. Knowing them does not make the room known (``decode.knows_too_few``).
    in_passing: bool = False
    # Handed the air for a piece of their own ("Film critic Jo Marsh has this review."):
    # on until someone names them again, the host back from the piece ("Jo Marsh
    # reviewed ...").
    for_a_piece: bool = False
    # A co-moderator ("alongside my co-moderators ..."): a host whose work is as much
    # theirs as the host's, not a co-host's share of it.
    chairs: bool = False

    def add_spelling(self, turn: int, name: str):
        name = without_next_sentence(name)
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
        captioner who misspells a name at first usually looks it up. With no
        spelling, the role label ("Moderator") or "".
        """
        if not self.spellings:
            return self.role_label
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

    @property
    def co_hosts(self) -> list[int]:
        """People who share the host's work ("our hosts, Johnny and Jon")."""
        return [p for p, person in enumerate(self.people) if p != HOST_SLOT and person.role == HOST]


HOST_INTRODUCTIONS = [
    re.compile(pattern)
    for pattern in (
        # "Welcome to Forum, I'm Alexis Madrigal" / "This is Morning Desk, I'm Dana Whitfield"
        rf"(?i:\b(?:welcome|well come)\s+(?:back\s+)?to|\bthis\s+is|\byou['’]re\s+listening\s+to)"
        rf"\s+(?P<show>{SHOW}),?\s+{I_AM}\s+(?P<name>{FULL_NAME})",
        # "I'm Dana Whitfield, and this is Morning Desk"
        rf"\b{I_AM}\s+(?P<name>{FULL_NAME}),?\s+(?i:and\s+)?(?i:this\s+is|welcome\s+to)"
        rf"\s+(?P<show>[\w'’&]+(?:\s+[\w'’&]+){{0,3}})",
        # "Welcome back to Forum, Alexis Madrigal here"
        rf"(?i:\b(?:welcome|well come)\s+back\s+to)\s+(?P<show>{SHOW}),?"
        rf"\s+(?P<name>{FULL_NAME})[.,]?\s+(?i:here)\b",
    )
]
SIGN_OFF = re.compile(rf"\b{I_AM}\s+(?P<name>{FULL_NAME})\s*[.!]")


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
                # "Hi, I'm Dave Miller from Hooli. My question is for Priya ...?": a
                # questioner from the floor, on for their question, like a caller.
                if person.introduced_in == index and ends_by_asking(text):
                    person.phoned_in = True
        for name, title in guest_introductions(continued(turns, index)):
            add_person(cast, index, name, role=GUEST, introduced_as=title)
        for name, place in caller_introductions(text):
            add_person(cast, index, name, role=CALLER, introduced_as=place, phoned_in=True)
        for name in names_on_the_line(text):
            add_person(cast, index, name, role=CALLER, phoned_in=True)
        # Spoken to ("Justice Ginsburg, I think ..."): in the room all along, not
        # introduced here.
        for name in titled_vocatives(text):
            add_person(cast, index, name, role=GUEST, introduced=False)
        if index + 1 < len(turns):
            name = presented(text, turns[index + 1], turns[:index])
            if name:
                add_person(cast, index, name, role=GUEST, in_passing=True)
            contributor = presented_contributor(text)
            if contributor:
                # On the air for their piece only, like a caller: not before, gone after.
                person = add_person(cast, index, contributor[0], role=GUEST, phoned_in=True)
                if person is not None and person.introduced_in == index:
                    person.for_a_piece = True
        name = answer_to_who(turns[index - 1], text) if index else None
        if name and not cast.host.matches(name):
            # "Hi." "Hi, who's this?" "Liz Kanter from Tucson.": the caller put on the
            # line greeted first, and "who's this?" was said to that voice.
            greeted = index >= 2 and GREETS_FIRST.fullmatch(turns[index - 2].strip())
            first = index - 2 if greeted else index
            person = add_person(cast, first, name, role=CALLER)
            if person is not None:
                person.introduced_self.update({first, index})
    # Names with titles elsewhere ("Elany Kunaki, Lieutenant Governor of
    # California") add spellings and titles to people already introduced,
    # never new people: guests talk about many others.
    for index, text in enumerate(turns):
        for name, title in named_with_title(text):
            person = next((p for p in cast.people[1:] if p.matches(name)), None)
            if person:
                person.add_spelling(index, name)
                person.introduced_as = person.introduced_as or title
    add_office_holders(cast, turns, about)
    add_the_audience(cast, turns)
    mark_co_hosts(cast, turns)
    if not cast.host.named and moderates(turns):
        cast.host.role, cast.host.role_label = MODERATOR, "Moderator"
    for person in cast.people[1:]:
        if person.role == HOST:
            continue
        if has_role_noun(person.introduced_as):
            is_reporter = has_role_noun(person.introduced_as, REPORTER_NOUNS)
            person.role = REPORTER if is_reporter else GUEST
    return cast


# A greeting alone: "Hi.", "Hello there!", "Hey, Peter."
GREETS_FIRST = re.compile(rf"(?i:hi|hello|hey)(?:\s+there)?(?:,?\s+{NAME_WORD})?[.!]*")


def add_office_holders(cast: Cast, turns: list[str], about: list[str] = ()):
    """Someone spoken to by office alone ("Mr. Chief Justice", "Madam Secretary"):
    the person of the cast with that title ("President Lee"), or else a person of
    their own, so that answering "Mr. Chief Justice" points at the one who asked,
    not at the justice who spoke before; named when the page's header gives the
    office with a name ("Chief Justice Ann Lowe presides.")."""
    offices = {office for text in turns for office in offices_addressed(text)}
    for office in sorted(offices):
        title = office.casefold().split()
        holder = next((person for person in cast.people if holds(person, title)), None)
        if holder is None:
            if len(cast.people) >= MAX_CAST:
                return
            holder = Person(spellings=[], role=GUEST)
            cast.people.append(holder)
        holder.introduced_as = holder.introduced_as or office
        named = office_named(office, about) if not holder.named else None
        if named:
            holder.add_spelling(0, named)


# The capitalised words after an office in a header, and what follows them: a name in
# running prose goes on with a lowercase word, a comma or a bracket ("Chief Justice Ann
# Lowe presides."); words that run on to a full stop, a colon or the end may be a
# title-cased headline's ("Chief Justice Roberts Dissents.", "... Lowe Court: A Look
# Back"), and a possessive is no name ("Chief Justice Lowe's Court hears ...").
OFFICE_HOLDER = (
    rf"\s+(?P<name>{NAME_WORD}(?:\s+(?:[{UPPER}]\.|{NAME_WORD}))*)(?P<prose>\s+[a-z]|[,;)])?"
)
POSSESSIVE = re.compile(r"['’]s\b")


def office_named(office: str, about: list[str]) -> str | None:
    """The one name the page's header gives the office ("Chief Justice Ann Lowe",
    "Chief Justice Lowe"; a surname alone keeps the office with it). Not the turns'
    names: speakers talk of other holders of an office ("... as President Xi said"),
    and so may a header naming two ("President Lee meets President Xi"): none then,
    nor where any mention of the office is not followed by a name in running prose."""
    pattern = re.compile(rf"\b{re.escape(office)}{OFFICE_HOLDER}")
    names = set()
    for match in (m for text in about for m in pattern.finditer(text or "")):
        name = match["name"]
        if not match["prose"] or len(name.split()) > 3 or POSSESSIVE.search(name):
            return None
        names.add(name)
    if len({(without_titles(name) or name).split()[-1] for name in names}) != 1:
        return None
    name = max(names, key=len)
    return name if " " in name else f"{office} {name}"


AUDIENCE_MEMBER = "Audience Member"  # the role word transcripts give a questioner from the floor
# "Any more questions?", "There's another question at the back.", "Lena has a question
# right over here.", "Let's take some questions from the room."
FLOOR_OPENED = re.compile(
    r"\b(?:any|other|more|another|some)\s+(?:[a-z]+\s+)?questions?\b"
    r"|\bquestions?\s+(?:(?:right|out|down|up)\s+)?(?:over\s+(?:here|there)"
    r"|in\s+the\s+(?:back|front|middle|audience|room)|from\s+the\s+(?:audience|floor|room)"
    r"|out\s+(?:there|in\s+the\s+audience))",
    re.IGNORECASE,
)
# ... said to the room: asked ("Any more questions?"), trailing off to a raised hand
# ("We have another question here..."), or pointing somewhere in it. Not a sentence
# about questions ("there's usually another question behind the question you get").
TO_THE_ROOM = re.compile(
    r"\?|\.\.\.|…|\b(?:(?:over|out|back)\s+there|here|audience|room|floor|hands)\b",
    re.IGNORECASE,
)
ASKS_SOMETHING = re.compile(
    r"\?|\b(?:my\s+question|i\s+have\s+a\s+question|i(?:'d|’d|\s+would)\s+like\s+to\s+ask"
    r"|i\s+want(?:ed)?\s+to\s+ask)\b",
    re.IGNORECASE,
)
FLOOR_QUESTION_WORDS = 5  # "Any questions?" "Me." is no question
FLOOR_TURN_WORDS = 80  # a turn this short opens the floor anywhere in it


def add_the_audience(cast: Cast, turns: list[str]):
    """A voice for questions from the floor: a turn that asks right after the floor
    was opened to questions ("Any more questions from the room?") without
    anyone being called on by a name the cast knows ("next question, Patsy with
    VOA") or the questioner naming themselves (``Person.introduced_self``). It is
    "Audience Member", the role word transcripts use, and speaks those turns only:
    one voice for everyone in the room nobody names."""
    asks = set()
    introduced = {p.introduced_in for p in cast.people} | {
        t for p in cast.people for t in p.introduced_self
    }

    def asks_from_the_floor(t: int) -> bool:
        question = turns[t]
        return (
            t not in introduced
            and len(question.split()) >= FLOOR_QUESTION_WORDS
            and ASKS_SOMETHING.search(question) is not None
            and not FLOOR_OPENED.search(question)
        )

    for t in range(1, len(turns)):
        # The floor opened in a brief turn, or as a long one ends.
        before = turns[t - 1]
        brief = word_count(before) <= FLOOR_TURN_WORDS
        sentences = split_sentences(before)
        opening = sentences if brief else sentences[-2:]
        if not any(FLOOR_OPENED.search(s) and TO_THE_ROOM.search(s) for s in opening):
            continue
        if t - 1 not in introduced and asks_from_the_floor(t):
            asks.add(t)
            # "May I ask something off topic?" "Sure." "Why did you ...?": the same voice.
            allowed = t + 2 < len(turns) and word_count(turns[t + 1]) < SUBSTANTIAL
            if allowed and asks_from_the_floor(t + 2):
                asks.add(t + 2)
    if asks and len(cast.people) < MAX_CAST:
        audience = Person(spellings=[], role=OTHER, introduced_as="audience member")
        audience.role_label, audience.asks_from_the_floor = AUDIENCE_MEMBER, asks
        cast.people.append(audience)


# "our hosts with the mosts, Johnny Boursiquot...", "my co-hosts, Jon and Johnny": the
# people named right after it share the host's work. Not "the host of The Daily, ...".
CO_HOSTS = re.compile(r"\b(?:our|my)\s+(?:fellow\s+)?(?:co-?hosts?|hosts)\b", re.IGNORECASE)
# Up to four lowercase words ("with the mosts,"), then the list of names.
NAMES_LISTED = re.compile(
    rf"^(?:\W*[a-z][\w'’-]*){{0,4}}?[\s,:.…]+(?P<names>{NAME_WORD}"
    rf"(?:(?:\s+|,\s*|\s+and\s+|,\s+and\s+){NAME_WORD})*)"
)


# "alongside my co-moderators Ana Ruiz and Tom Reyes", "along with my co-chairs, Jo Park and ...":
# people who chair with the host, each putting their own questions.
CO_CHAIRS = re.compile(
    r"\b(?:our|my)\s+(?:fellow\s+)?(?:co[-\s]?moderators?|moderators)\b", re.IGNORECASE
)
LISTED_APART = re.compile(r",\s+and\s+|\s+and\s+|,\s*")


def mark_co_hosts(cast: Cast, turns: list[str]):
    """People of the cast a host calls "our hosts" or "my co-hosts": hosts too; and
    those a moderator calls "my co-moderators", by full name, who join the cast if
    new: they chair with the host from the start (``Person.chairs``).

    Otherwise only people already in the cast: "my co-host, Daniel, is unable to
    join us today" adds nobody."""
    for index in range(len(turns)):
        for sentence in split_sentences(continued(turns, index)):
            chairs = CO_CHAIRS.search(sentence)
            found = chairs or CO_HOSTS.search(sentence)
            listed = found and NAMES_LISTED.match(sentence[found.end() :])
            if not listed:
                continue
            if chairs:
                for name in LISTED_APART.split(listed["names"]):
                    if len(name.split()) < 2 or first_word_is_not_a_name(name):
                        continue
                    person = add_person(cast, index, name, role=HOST, introduced=False)
                    if person is not None:
                        person.role, person.chairs = HOST, True
                        if person.introduced_in is not None:
                            person.introduced_in = min(person.introduced_in, index)
                continue
            words = set(re.findall(NAME_WORD, listed["names"]))
            for person in cast.people[1:]:
                if any(spelling.split()[0] in words for _, spelling in person.spellings):
                    person.role = HOST


def is_titled(person: Person) -> bool:
    """Whether the programme calls someone by title ("Governor Lind")."""
    return IS_TITLE_WORD.fullmatch(person.label.split()[0] if person.label else "") is not None


def seat_the_chairs(cast: Cast):
    """Where someone chairs (a debate), those who introduce themselves as the programme
    opens ("And I'm Tom Reyes of the Daily Post.") and whom nobody calls by title chair
    with the host (``Person.chairs``): a debate's candidates are introduced by the
    moderators, not by themselves, and called by title."""
    for person in cast.people[1:]:
        opening = any(t < EARLY_TURNS for t in person.introduced_self)
        if opening and person.role == GUEST and not person.phoned_in and not is_titled(person):
            person.role, person.chairs = HOST, True


def holds(person: Person, title: list[str]) -> bool:
    """Whether one of the person's spellings is the title and a surname ("President Lee")."""
    return any(spelling.casefold().split()[:-1] == title for _, spelling in person.spellings)


# "For our next question we'll go to Phil Stewart from Reuters."
CALLS_ON_QUESTIONER = re.compile(r"(?i:\b(?:first|next|last|final)\s+question\b)")


def moderates(turns: list[str]) -> bool:
    """Whether a host nobody names puts questioners on ("next question ... X from
    Reuters") at least twice: a press call's or a panel's moderator, whom such
    transcripts call "Moderator"."""
    calls = sum(
        1 for text in turns if CALLS_ON_QUESTIONER.search(text) and caller_introductions(text)
    )
    return calls >= 2


def continued(turns: list[str], index: int) -> str:
    """A turn, after the sentence it finishes: "...and Jon Calhoun." carries on the
    "And also with us are our hosts, Johnny Boursiquot..." of two turns before,
    which a "Hello." interrupted."""
    text = turns[index]
    if index >= 2 and text.startswith(("...", "…")) and turns[index - 2].endswith(("...", "…")):
        sentences = split_sentences(turns[index - 2])
        if sentences:
            return f"{sentences[-1].rstrip('.… ')} {text.lstrip('.… ')}"
    return text


EARLY_TURNS = 10  # where a programme's opening introductions are


def find_host(turns: list[str]) -> Person:
    """The host: the one presented as "your host" early on (by someone else or by
    themselves); else the one who introduces themselves with the show's name,
    sign-offs adding weight."""
    for index, text in enumerate(turns[:EARLY_TURNS]):
        host = Person(spellings=[], role=HOST, introduced_as="host")
        announced = announced_host(text)
        if announced:
            host.add_spelling(index, announced)
            return host
        for name, role in self_introductions_with_role(text):
            if role.casefold() == HOST:
                host.add_spelling(index, name)
                host.introduced_self.add(index)
                return host
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


# "Welcome to the show", "welcome back": not "you're welcome", the answer to a thanks,
# which a guest says as often as a host.
WELCOMES = re.compile(r"(?i:(?<!you're\s)(?<!you’re\s)(?<!you\sare\s)\bwelcome\b)")


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


def add_person(
    cast: Cast,
    index: int,
    name: str,
    *,
    role: str,
    introduced_as: str = "",
    phoned_in: bool = False,
    introduced: bool = True,
    in_passing: bool = False,
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
            introduced_in=index if introduced else None,
            phoned_in=phoned_in,
            in_passing=in_passing,
        )
        cast.people.append(person)
    person.in_passing = person.in_passing and in_passing
    person.add_spelling(index, name)
    person.formal.add(normalize_name(without_next_sentence(name)))
    person.introduced_as = person.introduced_as or introduced_as
    if role == GUEST:
        person.role = GUEST
    return person
