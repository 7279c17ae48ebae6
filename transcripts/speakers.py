"""Who said each turn of an unlabelled transcript, inferred from what is said.

Pure functions, no Django: the broadcast-page parser and the importer use them.

The method, for a talk show with a host, guests and callers:

1. **Cast.** The host is whoever introduces themselves with the show
   ("Welcome to Forum, I'm Alexis Madrigal", "This is Fresh Air, I'm ...").
   Guests are introduced by name, usually with a title ("We're joined by
   Clara Jeffery, editor-in-chief of Mother Jones"); callers are brought in
   with a place ("Let's bring in George in Sacramento") or are "on the line".
   Captions misspell names, so spellings that are alike are one person
   (``name_similarity``).
2. **Evidence.** Each turn gets points for or against each person. A name
   spoken at the end of a turn ("Welcome, Clara.", "John, what do you
   think?") points at the *next* turn; "Thank you, Pam." opening a turn
   points at the previous one; reading listeners' comments, asking and
   introducing are the host's work; people rarely say their own name;
   callers speak only between their introduction and their goodbye.
3. **Rhythm.** A chain decoder (max-sum over the turns) weighs that evidence
   against the rhythm of a call-in show: the host speaks between guests,
   after a "Hmm." or a follow-up the same guest carries on, and a "- "
   marks a change of voice.
4. **Confidence.** A turn is named only when its best speaker beats the
   runner-up by ``MARGIN``; otherwise it is left ``None``: a blank is better
   than a wrong name.
5. **Repeats.** A passage said twice (a teaser clip before the opening,
   replayed later) goes to whoever said it the other time.

Nothing here knows a show, a host or a guest: only the patterns of speech.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from transcripts.attribution.names import normalize_name
from transcripts.parsed import SpeakerNote

HOST, GUEST, CALLER, REPORTER, OTHER = "host", "guest", "caller", "reporter", "other"

# --- names -------------------------------------------------------------------


def name_similarity(a: str, b: str) -> float:
    """How alike two names are, 0..1, forgiving caption misspellings.

    Compared with and without spaces too, because captions split and join
    names ("El ny Kunaki" for "Elany Kunaki").
    """
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    spaced = SequenceMatcher(None, na, nb).ratio()
    joined = SequenceMatcher(None, na.replace(" ", ""), nb.replace(" ", "")).ratio()
    return max(spaced, joined)


# Full names at least this alike are one person ("Elany Kunaki" and "Eleni
# Kounalakis" score 0.71; different people's names rarely pass 0.5).
SAME_PERSON = 0.7

UPPER = "A-ZÀ-ÖØ-Þ"
NAME_WORD = rf"[{UPPER}][\w'’-]*"
FULL_NAME = rf"{NAME_WORD}(?: {NAME_WORD}){{1,2}}"  # two or three capitalised words
I_AM = r"(?:I'm|I’m|I am)"
SHOW = r"[\w'’&]+(?:\s+[\w'’&]+){0,3}?"

# Capitalised words that open sentences but are never names.
NOT_NAMES = {
    "a", "and", "but", "so", "the", "this", "that", "we", "i", "it", "he", "she", "they",
    "you", "yes", "yeah", "no", "well", "thanks", "thank", "welcome", "hi", "hello", "okay",
    "our", "my", "his", "her", "their", "is", "in", "on", "of", "at", "for", "with", "to",
}  # fmt: skip

# A phrase after a name is a title when one of these is among its first words.
ROLE_NOUNS = {
    "professor", "editor", "reporter", "correspondent", "writer", "author", "journalist",
    "columnist", "director", "founder", "president", "ceo", "chair", "chairman", "chairwoman",
    "chairperson", "executive", "governor", "lieutenant", "senator", "mayor", "representative",
    "congressman", "congresswoman", "congressmember", "assemblymember", "assemblyman",
    "assemblywoman", "supervisor", "secretary", "attorney", "lawyer", "economist", "historian",
    "scientist", "researcher", "fellow", "lecturer", "analyst", "host", "producer", "dean",
    "advisor", "adviser", "commissioner", "chief", "manager", "organizer", "activist", "doctor",
    "physician", "judge", "officer", "spokesperson", "spokesman", "spokeswoman", "ambassador",
    "contributor", "critic", "curator", "superintendent", "teacher", "pastor", "rabbi",
    "minister", "councilmember", "councilman", "councilwoman", "strategist", "pollster",
    "consultant", "partner", "owner", "head", "member", "leader", "coordinator", "scholar",
    "psychologist", "psychiatrist", "nurse", "engineer", "architect", "planner", "commentator",
}  # fmt: skip
REPORTER_NOUNS = {"reporter", "correspondent", "journalist"}
# Titles said before a name: "Lieutenant Governor Eleni Kounalakis".
TITLE_WORD = (
    r"(?:Lieutenant|Lt\.|Governor|Senator|Mayor|Professor|Prof\.|Dr\.|Doctor|Representative"
    r"|Rep\.|Congressman|Congresswoman|Assemblymember|Supervisor|Secretary|Judge|Ambassador"
    r"|Commissioner|Chief|Director|Superintendent)"
)

# --- text ----------------------------------------------------------------------

# No sentence ends after a courtesy title: "what Ms. Jeffery said".
SENTENCE_BREAK = re.compile(r"(?<!\bMs\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bDr\.)(?<=[.?!])\s+")

# "Hmm." "Yeah, yeah." - a listener keeping the line warm, not taking the floor.
BACKCHANNEL = re.compile(
    r"^(?:(?:hmm+|mm+-?hmm+|uh-?huh|yeah|yes|right|sure|okay|ok|wow|oh|ah|i see|mhm|exactly"
    r"|true|absolutely)[.,!?]?\s*){1,3}$",
    re.IGNORECASE,
)
INTERJECTION_WORDS = 4  # a turn this short ("More.", "Me too.") does not take the floor
SUBSTANTIAL = 10  # words: the shortest turn that answers a question


def split_sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_BREAK.split(text.strip()) if s]


def word_count(text: str) -> int:
    return len(text.split())


def is_listening(text: str) -> bool:
    """A backchannel or a short interjection: the floor stays where it was."""
    return bool(BACKCHANNEL.match(text.strip())) or word_count(text) <= INTERJECTION_WORDS


# --- the result ------------------------------------------------------------------


@dataclass
class Attribution:
    """A speaker label (or None) per turn, and what the turns say about each speaker."""

    labels: list[str | None]
    notes: dict[str, SpeakerNote] = field(default_factory=dict)


def attribute_turns(turns: list[str]) -> Attribution:
    """A speaker label (or None) for each turn, with notes on each speaker."""
    if not turns:
        return Attribution(labels=[])
    cast = find_cast(turns)
    facts = [describe(text, cast) for text in turns]
    scores = gather_evidence(facts, cast)
    listening = [is_listening(text) for text in turns]
    substantial = [fact.words >= SUBSTANTIAL for fact in facts]

    decoded = [best_with_margin(row) for row in decode(scores, listening, substantial)]
    # A passage said twice goes to whoever is the surer speaker of the two.
    for a, b in repeated_pairs(turns):
        (speaker_a, margin_a), (speaker_b, margin_b) = decoded[a], decoded[b]
        if margin_a >= margin_b:
            scores[b][speaker_a] += REPEATED
        else:
            scores[a][speaker_b] += REPEATED
    decoded = [best_with_margin(row) for row in decode(scores, listening, substantial)]

    labels = [
        cast.people[speaker].label if margin >= MARGIN and cast.people[speaker].named else None
        for speaker, margin in decoded
    ]
    notes = {
        person.label: SpeakerNote(
            label=person.label, role=person.role, introduced_as=person.introduced_as
        )
        for person in cast.people
        if person.named
    }
    return Attribution(labels=labels, notes=notes)


# --- the cast ----------------------------------------------------------------------


@dataclass
class Person:
    spellings: list[tuple[int, str]]  # (turn, spelling) each time they were named
    role: str = GUEST
    introduced_as: str = ""
    introduced_in: int | None = None  # turn of their first introduction
    phoned_in: bool = False  # a caller or someone "on the line": on air for a while only
    formal: set[str] = field(default_factory=set)  # spellings from introductions (normalised)

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
        counts = Counter(normalize_name(s) for _, s in tidy)

        def credibility(item: tuple[int, str]):
            turn, spelling = item
            key = normalize_name(spelling)
            return (key in self.formal, counts[key], turn)

        return max(tidy, key=credibility)[1]

    def matches(self, name: str) -> bool:
        return any(is_same_name(name, spelling) for _, spelling in self.spellings)


def is_tidy_name(name: str) -> bool:
    return all(word[:1].isupper() and len(word) > 1 for word in name.split())


def is_same_name(a: str, b: str) -> bool:
    # A lone first name must match exactly: "John" is not "Joan".
    if len(a.split()) == 1 or len(b.split()) == 1:
        return normalize_name(a) == normalize_name(b)
    return name_similarity(a, b) >= SAME_PERSON


HOST_SLOT = 0


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
    r"(?:is\s+|are\s+)?|with\s+us\s+(?:now\s+|today\s+)?(?:is|are)\s+"
    r"|my\s+guests?\s+(?:today\s+)?(?:is|are|include)\s+)",
    re.IGNORECASE,
)
TITLE_THEN_NAME = re.compile(rf"\b{TITLE_WORD}(?:\s+{TITLE_WORD})*\s+(?P<name>{FULL_NAME})")
ON_THE_LINE = re.compile(r"\bis\s+(?:on\s+the\s+line|on\s+the\s+phone)\b", re.IGNORECASE)
CALLER_INTRODUCTIONS = [
    re.compile(pattern)
    for pattern in (
        # "Let's bring in George in Sacramento", "let's go to caller Ana in Oakland"
        rf"(?i:\b(?:bring\s+in|go\s+to|going\s+to|hear\s+from|talk\s+(?:to|with)"
        rf"|take\s+a\s+call\s+from))\s+(?:[a-z]+\s+){{0,2}}?(?P<name>{NAME_WORD})\s+(?:in|from)"
        rf"\s+(?P<place>(?:the\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})",
        # "Ana in Oakland, welcome" / "Ana in Oakland, you're on the air"
        rf"\b(?P<name>{NAME_WORD})\s+(?:in|from)\s+(?P<place>{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}),?"
        rf"\s+(?i:welcome|you're\s+on\s+the\s+air|go\s+ahead)",
    )
]


def find_cast(turns: list[str]) -> Cast:
    """The host, guests and callers introduced in the turns."""
    cast = Cast(people=[find_host(turns)])
    for index, text in enumerate(turns):
        for name, title in guest_introductions(text):
            add_person(cast, index, name, role=GUEST, introduced_as=title)
        for name, place in caller_introductions(text):
            add_person(cast, index, name, role=CALLER, introduced_as=place, phoned_in=True)
        for name in names_on_the_line(text):
            add_person(cast, index, name, role=CALLER, phoned_in=True)
    # Names with titles elsewhere ("Elany Kunaki, Lieutenant Governor of
    # California") add spellings and titles to people already introduced,
    # never new people: guests talk about many others.
    for index, text in enumerate(turns):
        for name, title in named_with_title(text):
            person = next((p for p in cast.people[1:] if p.matches(name)), None)
            if person:
                person.spellings.append((index, name))
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
        return Person(spellings=[], role=HOST)
    key = votes.most_common(1)[0][0]
    show = shows.most_common(1)[0][0]
    show = show[:1].upper() + show[1:]
    return Person(spellings=spellings[key], role=HOST, introduced_as=f"host of {show}")


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
    not taken for a person.
    """
    found = []
    for position, match in enumerate(re.finditer(FULL_NAME, text)):
        name, rest = match[0], text[match.end() :]
        if first_word_is_not_a_name(name) or (comma and not rest.startswith(",")):
            continue
        title = clean_title(rest.lstrip(", "))
        listed = re.search(r"(?:,|\band|\bas\s+well\s+as)\s*$", text[: match.start()])
        if (position == 0 and not first_needs_title) or (title and (position == 0 or listed)):
            found.append((name, title))
    return found


def first_word_is_not_a_name(name: str) -> bool:
    return normalize_name(name.split()[0]) in NOT_NAMES


def clean_title(rest: str) -> str:
    """The title opening ``rest``, or "" when it does not open with one.

    Cut at a comma or at " and " before a capital ("professor of law at
    UCLA School of Law and Advisor to the Dean"): the main title only.
    """
    title = re.split(r"[,;]|\s+and\s+(?=[A-Z])|\s+as\s+well\s+as\b|\s+(?:is|was|who|with)\s+", rest)
    title = title[0].strip().rstrip(".?!:")
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
        words = text[: match.start()].split()
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
):
    person = next((p for p in cast.people if p.matches(name)), None)
    if person is not None and person is cast.host:
        return
    if person is None:
        person = Person(
            spellings=[],
            role=role,
            introduced_as=introduced_as,
            introduced_in=index,
            phoned_in=phoned_in,
        )
        cast.people.append(person)
    person.spellings.append((index, name))
    person.formal.add(normalize_name(name))
    person.introduced_as = person.introduced_as or introduced_as
    if role == GUEST:
        person.role = GUEST


# --- mentions --------------------------------------------------------------------


@dataclass
class Mention:
    person: int  # index into Cast.people
    sentence: int
    start: int  # offset in the sentence
    said: str  # the words as spoken
    kind: str  # "name", "title" or "employer"
    vocative: bool  # spoken to them, not about them


@dataclass
class TurnFacts:
    words: int
    sentences: list[str]
    mentions: list[Mention]
    text: str


def describe(text: str, cast: Cast) -> TurnFacts:
    return TurnFacts(
        words=word_count(text),
        sentences=split_sentences(text),
        mentions=find_mentions(text, cast),
        text=text,
    )


# A name after one of these words is talked about, not spoken to.
NOT_VOCATIVE_AFTER = {
    "the", "a", "an", "of", "to", "by", "for", "from", "with", "about", "and", "or", "said",
    "like", "as", "is", "was", "our", "your", "their", "his", "her", "got",
}  # fmt: skip
COURTESY_TITLES = {"ms", "mr", "mrs", "dr", "prof", "professor"}


def alias_patterns(person: Person) -> list[tuple[str, re.Pattern]]:
    """How a person can be named: spellings, first or last name, title head, employer."""
    names: set[str] = set()
    for _, spelling in person.spellings:
        names.add(spelling)
        words = spelling.split()
        if len(words) > 1:
            names.update(w for w in (words[0], words[-1]) if len(w) >= 3 and is_tidy_name(w))
    patterns = [
        ("name", re.compile(rf"(?<![\w'’]){re.escape(name)}(?![\w'’-])".replace(r"\ ", r"\s+")))
        for name in sorted(names, key=len, reverse=True)
    ]
    if person.introduced_as and person.role != HOST:
        head = re.split(r"\s+(?:of|at|for|with|on|in)\s+", person.introduced_as)[0].strip()
        if head and has_role_noun(person.introduced_as):  # not a caller's place
            patterns.append(("title", re.compile(rf"\b{re.escape(head)}\b", re.IGNORECASE)))
        # The employer ("Mother Jones") when it has two words or more: one
        # word ("California") is too often just a place.
        employer = re.search(r"\s(?:of|at|for)\s+(?:the\s+)?(.+)$", person.introduced_as)
        if employer and is_tidy_name(employer[1].split()[0]) and len(employer[1].split()) > 1:
            patterns.append(("employer", re.compile(rf"\b{re.escape(employer[1])}\b", re.I)))
    return patterns


def find_mentions(text: str, cast: Cast) -> list[Mention]:
    patterns = [
        (index, kind, pattern)
        for index, person in enumerate(cast.people)
        for kind, pattern in alias_patterns(person)
    ]
    mentions = []
    for s_index, sentence in enumerate(split_sentences(text)):
        taken: list[tuple[int, int]] = []
        for person, kind, pattern in patterns:
            for match in pattern.finditer(sentence):
                start, end = match.span()
                if any(a < end and start < b for a, b in taken):
                    continue  # part of a longer name already found
                taken.append((start, end))
                vocative = kind != "employer" and is_vocative(
                    sentence, start, end, strict=kind == "title"
                )
                mentions.append(Mention(person, s_index, start, match[0], kind, vocative))
        mentions += misspelt_mentions(sentence, s_index, taken, cast)
    mentions.sort(key=lambda m: (m.sentence, m.start))
    return mentions


CAPITALISED_RUN = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}")
FUZZY_SINGLE = 0.8  # a lone word must be this close to a first or last name ("Pria", "Priya")


def misspelt_mentions(
    sentence: str, s_index: int, taken: list[tuple[int, int]], cast: Cast
) -> list[Mention]:
    """Names the captions misspelt: capitalised words close to someone's name."""
    found = []
    for match in CAPITALISED_RUN.finditer(sentence):
        start, end = match.span()
        said = match[0]
        if any(a < end and start < b for a, b in taken) or first_word_is_not_a_name(said):
            continue
        for index, person in enumerate(cast.people):
            if sounds_like(said, person):
                vocative = is_vocative(sentence, start, end)
                found.append(Mention(index, s_index, start, said, "name", vocative))
                break
    return found


def sounds_like(said: str, person: Person) -> bool:
    if " " in said:
        return any(name_similarity(said, s) >= SAME_PERSON for _, s in person.spellings)
    if len(said) < 4:
        return False
    return any(
        len(part) >= 4 and name_similarity(said, part) >= FUZZY_SINGLE
        for _, spelling in person.spellings
        if " " in spelling
        for part in (spelling.split()[0], spelling.split()[-1])
    )


def is_vocative(sentence: str, start: int, end: int, *, strict: bool = False) -> bool:
    """ "Welcome, Clara." "Right, John?" "John, tell us ..." - spoken to, not about.

    ``strict`` (for titles, which are ordinary words) also wants the title to
    open the sentence or follow a comma: "..., Lieutenant Governor?".
    """
    after = sentence[end:].lstrip()
    if after[:2] in ("'s", "’s") or (after and after[0] not in ",.?!"):
        return False
    before = sentence[:start].rstrip()
    if strict:
        return not before or before.endswith(",")
    words = [w.strip(",.").casefold() for w in before.split()]
    while words and words[-1] in COURTESY_TITLES:
        words.pop()  # "Dr. Ocampo, ..." is spoken to; "for Ms. Jeffery, ..." is not
    return not words or words[-1] not in NOT_VOCATIVE_AFTER


# --- evidence ----------------------------------------------------------------------

# Points for (+) and against (-) a person having said a turn. Their sizes are
# set against the rhythm costs further down and against MARGIN: a clue worth
# less than MARGIN can only tip a turn when the rhythm agrees.
SELF_INTRODUCTION = 10.0
HOST_WORK = 4.0  # introducing people, reading listeners, the phone number, goodbyes
HANDS_OVER = 3.0  # a question put to someone by name
ASKS = 1.5  # the turn ends with a question
LISTENS = 1.5  # "Hmm." "Yeah." while someone else talks
MONOLOGUE = -1.0  # a long turn with none of the host's work in it
GREETS_BACK = -6.0  # "Thanks for having me, Alexis": not the host
ADDRESSED = 6.0  # named at the end of the previous turn
ADDRESSED_BY_EMPLOYER = 3.0  # "aside from your essay, Mother Jones ..."
THANKED = 5.0  # "Thank you, Pam." opening the next turn
TURNED_AWAY = -2.0  # the host turns to John: the guest before was not John
OWN_NAME = -3.0
OWN_TITLE = -1.5
NOT_YET_ON = -2.0  # a guest before being introduced (a teaser clip is possible)
CALLER_NOT_ON = -8.0
GONE = -4.0
REPEATED = 8.0

HOST_WORK_PHRASES = re.compile(
    r"\b(?:writes|wrote\s+in|listeners?|emails?\s+(?:us|in)|tweets|the\s+number\s+is"
    r"|give\s+us\s+a\s+call|email\s+address|stay\s+tuned|when\s+we\s+(?:get|come)\s+back"
    r"|we'll\s+be\s+right\s+back|you're\s+listening\s+to|coming\s+up|let's\s+(?:bring\s+in|go\s+to)"
    r"|welcome\s+back|on\s+the\s+line|for\s+(?:joining\s+us|calling(?:\s+in)?|your\s+call"
    r"|being\s+(?:with\s+us|here)))\b",
    re.IGNORECASE,
)
HANDOVER_PHRASES = re.compile(
    r"\bwhat\s+do\s+you\s+(?:think|make)|\btell\s+us\b|\bhow\s+do\s+you\b|\blet's\s+start", re.I
)
QUESTION = re.compile(rf"\?|{HANDOVER_PHRASES.pattern}", re.IGNORECASE)
# Said to a person ("Welcome, Clara."), unlike "Welcome to Forum" or "welcome back".
GREETING = re.compile(
    r"\b(?:welcome(?!\s+(?:to|back)\b)|thank(?:s| you)|hi|hello"
    r"|good\s+(?:morning|afternoon|evening)|stay\s+with\s+us)\b",
    re.IGNORECASE,
)
THANKS = re.compile(r"\bthank(?:s| you)\b", re.IGNORECASE)
GUEST_SIDE_THANKS = re.compile(
    r"\bfor\s+(?:having\s+(?:me|us)|taking\s+my\s+call|the\s+invitation|inviting\s+me)\b", re.I
)
GREETS_HOST = re.compile(r"^(?:hi|hello|hey|good\s+(?:morning|afternoon|evening))\b", re.I)
# "you" said to someone; "you know" is a filler.
SECOND_PERSON = re.compile(r"\b(?:your|you're|you(?!\s+know\b))\b", re.IGNORECASE)


def gather_evidence(facts: list[TurnFacts], cast: Cast) -> list[list[float]]:
    """Points per turn (row) per person (column, index into cast.people)."""
    scores = [[0.0] * len(cast.people) for _ in facts]
    for t, fact in enumerate(facts):
        scores[t][HOST_SLOT] += host_points(fact, t, cast)
        for mention in fact.mentions:
            if mention.person == HOST_SLOT and " " in mention.said:
                continue  # hosts say their own full name all the time
            scores[t][mention.person] += OWN_NAME if mention.kind == "name" else OWN_TITLE
        point_at_next_turn(facts, scores, t)
        point_at_previous_turn(facts, scores, t)
    add_comings_and_goings(facts, scores, cast)
    return scores


def host_points(fact: TurnFacts, t: int, cast: Cast) -> float:
    """How much the turn sounds like the host's."""
    if any(turn == t for turn, _ in cast.host.spellings):
        return SELF_INTRODUCTION
    introduces = any(person.introduced_in == t for person in cast.people[1:])
    does_host_work = bool(
        introduces or HOST_WORK_PHRASES.search(fact.text) or INTRO_TRIGGER.search(fact.text)
    )
    # Hosts name the people they speak to all the time; guests seldom do.
    spoken_to = [m for m in fact.mentions if m.vocative and m.person != HOST_SLOT]
    asks_by_name = any(QUESTION.search(fact.sentences[m.sentence]) for m in spoken_to)

    points = HOST_WORK if does_host_work else 0.0
    if asks_by_name:
        points += HANDS_OVER
    elif spoken_to:
        points += HANDS_OVER / 2
    if fact.sentences[-1].endswith("?"):
        points += ASKS
    elif HANDOVER_PHRASES.search(fact.text):
        points += ASKS / 2
    if BACKCHANNEL.match(fact.text):
        points += LISTENS
    if fact.words >= 60 and not (does_host_work or spoken_to):
        points += MONOLOGUE
    opening = " ".join(fact.sentences[:2])
    if GUEST_SIDE_THANKS.search(opening) or GREETS_HOST.match(opening):
        points += GREETS_BACK
    return points


def turn_ending(sentences: list[str], *, count: int = 3, words: int = 40) -> int:
    """Index of the first sentence of a turn's ending: its last 3 sentences or 40 words."""
    start, seen = len(sentences), 0
    while start > 0 and (len(sentences) - start < count or seen < words):
        start -= 1
        seen += word_count(sentences[start])
    return start


def point_at_next_turn(facts: list[TurnFacts], scores: list[list[float]], t: int):
    """A name at the end of a turn says who speaks next.

    After a greeting ("Welcome, Clara.", "Thanks, Clara.") the reply comes at
    once, however short; after a question it is the next turn of substance,
    past any interjections. A question put to John by name also says the
    guest before was probably not John: hosts say "you" to whoever just spoke.
    """
    fact = facts[t]
    ending = turn_ending(fact.sentences)
    late = [m for m in fact.mentions if m.sentence >= ending]
    spoken_to = [m for m in late if m.vocative or is_introduced(fact, m)]
    by_employer = [
        m for m in late if m.kind == "employer" and SECOND_PERSON.search(fact.sentences[m.sentence])
    ]
    if spoken_to:
        named = spoken_to[-1]
        target, points = named.person, ADDRESSED
        greeting = any(GREETING.search(s) for s in fact.sentences[named.sentence :])
    elif by_employer:
        target, points, greeting = by_employer[-1].person, ADDRESSED_BY_EMPLOYER, False
    else:
        return
    following = t + 1 if greeting else next_substantial(facts, t + 1, step=1)
    if following is not None and following < len(facts):
        scores[following][target] += points
    if spoken_to and not greeting and target != HOST_SLOT:
        previous = next_substantial(facts, t - 1, step=-1)
        if previous is not None:
            scores[previous][target] += TURNED_AWAY


def is_introduced(fact: TurnFacts, mention: Mention) -> bool:
    sentence = fact.sentences[mention.sentence]
    return bool(
        INTRO_TRIGGER.search(sentence[: mention.start + 1])
        or ON_THE_LINE.search(sentence[mention.start :])
        or re.search(r"\b(?:bring\s+in|go\s+to)\b", sentence[: mention.start], re.IGNORECASE)
    )


def point_at_previous_turn(facts: list[TurnFacts], scores: list[list[float]], t: int):
    """ "Thank you, Pam." opening a turn: Pam spoke the turn before."""
    thanked = thanked_at_start(facts[t])
    previous = next_substantial(facts, t - 1, step=-1)
    if thanked is not None and previous is not None:
        scores[previous][thanked] += THANKED


def thanked_at_start(fact: TurnFacts) -> int | None:
    """Who a turn's opening thanks by name ("Thank you, Pam."), if anyone but the host."""
    opening = " ".join(fact.sentences[:2])
    if not THANKS.search(opening) or GUEST_SIDE_THANKS.search(opening):
        return None
    named = [
        m.person for m in fact.mentions if m.sentence < 2 and m.vocative and m.person != HOST_SLOT
    ]
    return named[0] if named else None


def add_comings_and_goings(facts: list[TurnFacts], scores: list[list[float]], cast: Cast):
    """Nobody speaks before being introduced (bar a teaser); callers leave."""
    for p, person in enumerate(cast.people):
        if p == HOST_SLOT or person.introduced_in is None:
            continue
        before = CALLER_NOT_ON if person.phoned_in else NOT_YET_ON
        for t in range(person.introduced_in):
            scores[t][p] += before
        # Guests are thanked mid-show and stay; callers say goodbye and go.
        if person.phoned_in:
            for t in range(last_turn_on_air(facts, p, person) + 1, len(facts)):
                scores[t][p] += GONE


def last_turn_on_air(facts: list[TurnFacts], p: int, person: Person) -> int:
    """The last turn a caller may speak: just after their goodbye, or before
    the host turns to someone else ("John, what do you think?" after a call)."""
    for t in range(person.introduced_in + 2, len(facts)):
        if thanked_at_start(facts[t]) == p:
            return t + 1  # "Thanks for having me" may follow
        spoken_to = {m.person for m in facts[t].mentions if m.vocative and m.person != HOST_SLOT}
        if spoken_to and p not in spoken_to:
            return t
    return len(facts)


def next_substantial(facts: list[TurnFacts], start: int, *, step: int) -> int | None:
    index = start
    while 0 <= index < len(facts):
        if facts[index].words >= SUBSTANTIAL:
            return index
        index += step
    return None


# --- rhythm: a chain decoder ---------------------------------------------------------

HOST_AFTER_HOST = -3.0
RESUME = 0.0  # after the host's follow-up, the guest who spoke before goes on
TURN_TO_OTHER_GUEST = -1.0
RESUME_AFTER_LISTENING = 1.0  # after a mere "Hmm." the floor never left the guest
OTHER_AFTER_LISTENING = -2.0
# "- " marks a change of voice, so one guest twice running means a lost
# turn between: rarer than one guest taking up another's point.
SAME_GUEST_AGAIN = -3.0
GUEST_AFTER_GUEST = -1.5
MARGIN = 1.0  # how far ahead the best speaker must be to be named
BEAM = 12.0  # the decoder drops states this far behind the best (a speed-up only)

State = tuple[int, int | None]  # (speaker, the last guest to have said something of substance)
NEG_INF = float("-inf")


def decode(
    scores: list[list[float]], listening: list[bool], substantial: list[bool]
) -> list[dict[int, float]]:
    """For each turn and speaker, the score of the best whole sequence with them there.

    A max-sum (Viterbi) pass forward and one backward over states (speaker,
    last guest of substance), so that "the same guest goes on after the
    host" can be rewarded while "Thanks for having me" does not count as
    having the floor; the sums of the two passes are the max-marginals that
    ``best_with_margin`` compares. ``listening[t]``: turn t is a backchannel
    or interjection; ``substantial[t]``: turn t says something.
    """
    n, people = len(scores), len(scores[0])
    guests = [p for p in range(people) if p != HOST_SLOT]

    def guest_move(s0: int, g0: int | None, s1: int, t: int) -> float:
        if s0 != HOST_SLOT:
            return SAME_GUEST_AGAIN if s0 == s1 else GUEST_AFTER_GUEST
        if g0 is None:
            return RESUME
        if listening[t - 1]:
            return RESUME_AFTER_LISTENING if g0 == s1 else OTHER_AFTER_LISTENING
        return RESUME if g0 == s1 else TURN_TO_OTHER_GUEST

    def successors(prev: State, t: int):
        """The states turn t can be in after ``prev``, with the score of each move."""
        s0, g0 = prev
        yield (HOST_SLOT, g0), HOST_AFTER_HOST if s0 == HOST_SLOT else 0.0
        for s1 in guests:
            yield (s1, s1 if substantial[t] else g0), guest_move(s0, g0, s1, t)

    def prune(row: dict[State, float]) -> dict[State, float]:
        # States this far behind the best cannot come back: no clue is worth that much.
        floor = max(row.values()) - BEAM
        return {state: value for state, value in row.items() if value >= floor}

    first = {(HOST_SLOT, None): scores[0][HOST_SLOT]}
    first.update({(g, g if substantial[0] else None): scores[0][g] for g in guests})
    ahead: list[dict[State, float]] = [prune(first)]
    for t in range(1, n):
        row: dict[State, float] = {}
        for prev, value in ahead[-1].items():
            for state, move in successors(prev, t):
                total = value + move + scores[t][state[0]]
                if total > row.get(state, NEG_INF):
                    row[state] = total
        ahead.append(prune(row))

    behind: list[dict[State, float]] = [dict.fromkeys(ahead[-1], 0.0)]
    for t in range(n - 2, -1, -1):
        later = behind[0]
        row = {}
        for prev in ahead[t]:
            links = [
                move + scores[t + 1][state[0]] + later[state]
                for state, move in successors(prev, t + 1)
                if state in later
            ]
            row[prev] = max(links, default=NEG_INF)
        behind.insert(0, row)

    results = []
    for t in range(n):
        by_speaker: dict[int, float] = {}
        for state, value in ahead[t].items():
            total = value + behind[t][state]
            by_speaker[state[0]] = max(by_speaker.get(state[0], NEG_INF), total)
        results.append(by_speaker)
    return results


def best_with_margin(by_speaker: dict[int, float]) -> tuple[int, float]:
    """The best speaker of a turn and how far ahead of the runner-up they are."""
    ranked = sorted(by_speaker.items(), key=lambda item: item[1], reverse=True)
    margin = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else float("inf")
    return ranked[0][0], margin


# --- repeats -------------------------------------------------------------------------

REPEAT_WORDS = 10  # a run of words this long, said twice, is the same clip


def repeated_pairs(turns: list[str]) -> list[tuple[int, int]]:
    """Pairs of turns sharing a run of REPEAT_WORDS words."""
    first_seen: dict[tuple[str, ...], int] = {}
    pairs = set()
    for t, text in enumerate(turns):
        words = normalize_name(text).split()
        for i in range(len(words) - REPEAT_WORDS + 1):
            other = first_seen.setdefault(tuple(words[i : i + REPEAT_WORDS]), t)
            if other != t:
                pairs.add((other, t))
    return sorted(pairs)
