"""Mentions: where each turn names someone of the cast, and whether it speaks to them."""

import re
from dataclasses import dataclass

from nameparser.config import CONSTANTS

from transcripts.attribution.cast import Cast, Person, is_tidy_name
from transcripts.attribution.introductions import (
    PRESENTS,
    first_word_is_not_a_name,
    has_role_noun,
    names_given,
)
from transcripts.attribution.names import (
    FULL_NAME,
    HOST,
    IS_TITLE_WORD,
    NAME_WORD,
    NOT_NAMES,
    ROLE_NOUNS,
    SAME_PERSON,
    SUBSTANTIAL,
    is_unpunctuated,
    name_similarity,
    split_sentences,
    word_count,
)


@dataclass
class Mention:
    person: int  # index into Cast.people
    sentence: int
    start: int  # offset in the sentence
    said: str  # the words as spoken
    kind: str  # "name", "title" or "employer"
    vocative: bool  # spoken to them, not about them
    # Spoken to with the mention before ("Robert, or Ian, what ...?", "you,
    # Robert and Ian, ..."): the next turn may be either's.
    together: bool = False


@dataclass
class TurnFacts:
    words: int
    sentences: list[str]
    mentions: list[Mention]
    text: str
    # The nearest turn of substance at or after / at or before this one.
    substantial_from: int | None = None
    substantial_upto: int | None = None


def describe_turns(
    turns: list[str], cast: Cast, ordinary: frozenset[str] | None = None
) -> list[TurnFacts]:
    """``ordinary``: the words the turns write in lowercase, when already gathered."""
    patterns = mention_patterns(cast)
    ordinary = ordinary_words(turns) if ordinary is None else ordinary
    bare = is_unpunctuated(turns)
    marked = any("?" in text for text in turns)
    facts = [
        TurnFacts(
            words=word_count(text),
            sentences=split_sentences(text),
            mentions=find_mentions(
                text, cast, patterns, ordinary, bare=bare, questions_marked=marked
            ),
            text=text,
        )
        for text in turns
    ]
    latest = None
    for index, fact in enumerate(facts):
        latest = index if fact.words >= SUBSTANTIAL else latest
        fact.substantial_upto = latest
    soonest = None
    for index in range(len(facts) - 1, -1, -1):
        soonest = index if facts[index].words >= SUBSTANTIAL else soonest
        facts[index].substantial_from = soonest
    return facts


# Said to a person ("Welcome, Clara."), unlike "Welcome to Forum" or "welcome back".
GREETING = re.compile(
    r"\b(?:welcome(?!\s+(?:to|back)\b)|thank(?:s| you)|hi|hello|hey|how\s+are\s+you"
    r"|good\s+(?:morning|afternoon|evening)|stay\s+with\s+us)\b",
    re.IGNORECASE,
)
# Said to the audience after a greeting ("Hey, everyone.", "Good evening, and welcome"),
# not to anyone named after it.
TO_THE_AUDIENCE = (
    r"[,.!]?\s+(?:and\s+)?(?:every(?:one|body)|all\b|folks|y['’]all|ladies|welcome|thank)"
)
# Nothing but greetings before a name: "Welcome, ", "Thank you so much, ", "Hi, and welcome, ".
GREETED = re.compile(
    rf"\W*(?:(?:{GREETING.pattern})(?!{TO_THE_AUDIENCE})(?:\s+(?:so|very)\s+much)?[,.!]?\s*(?:and\s+)?)+",
    re.IGNORECASE,
)
# A name after one of these words is talked about, not spoken to.
NOT_VOCATIVE_AFTER = {
    "the", "a", "an", "of", "to", "by", "for", "from", "with", "about", "and", "or", "said",
    "like", "as", "is", "was", "our", "your", "their", "his", "her", "got", "i'm", "i’m", "am",
    # Negated ("Not Tomas."), or a verb's object ("the names we give Tomas.", "I told
    # Tomas."): talked about.
    "not", "give", "gave", "tell", "told", "ask", "asked", "call", "called",
}  # fmt: skip
COURTESY_TITLES = {"ms", "mr", "mrs", "dr", "prof", "professor"}
# An office holder named after one of these ("as opposed to president Hale, ...") is
# talked about; after "and" or "for" often called on ("And president Hale, ...").
BEFORE_AN_OFFICE = {"to", "of", "by", "from", "with", "about", "like", "as", "the"}


def aliases(person: Person) -> list[tuple[str, str]]:
    """(kind, words): how a person can be named: spellings, first or last name
    (never a title: "Justice" of "Justice Ginsburg"), title head, employer."""
    names: dict[str, None] = {}
    for _, spelling in person.spellings:
        names[spelling] = None
        words = spelling.split()
        if len(words) > 1:
            for word in (words[0], words[-1]):
                if len(word) >= 3 and is_tidy_name(word) and not IS_TITLE_WORD.fullmatch(word):
                    names[word] = None
    found = [("name", name) for name in names]
    if person.introduced_as and person.role != HOST:
        head = re.split(r"\s+(?:of|at|for|with|on|in)\s+", person.introduced_as)[0].strip()
        if head and has_role_noun(person.introduced_as):  # not a caller's place
            found.append(("title", head))
        # The employer ("Mother Jones") when it has two words or more: one
        # word ("California") is too often just a place.
        employer = re.search(r"\s(?:of|at|for)\s+(?:the\s+)?(.+)$", person.introduced_as)
        if employer and is_tidy_name(employer[1].split()[0]) and len(employer[1].split()) > 1:
            found.append(("employer", employer[1]))
    return found


def alias_key(kind: str, words: str) -> str:
    words = " ".join(words.split())
    return words if kind == "name" else words.casefold()


def mention_patterns(cast: Cast) -> list[tuple[str, re.Pattern, dict[str, int]]]:
    """(kind, pattern, person of each alias): one pattern a kind for the whole cast,
    longest aliases first, so a sentence is read once a kind however large the cast."""
    people_by_alias: dict[str, dict[str, int]] = {"name": {}, "title": {}, "employer": {}}
    for index, person in enumerate(cast.people):
        for kind, words in aliases(person):
            people_by_alias[kind].setdefault(alias_key(kind, words), index)
    patterns = []
    for kind, people in people_by_alias.items():
        if not people:
            continue
        choices = "|".join(
            re.escape(alias).replace(r"\ ", r"\s+")
            for alias in sorted(people, key=len, reverse=True)
        )
        if kind == "name":
            pattern = re.compile(rf"(?<![\w'’])(?:{choices})(?![\w'’-])")
        else:
            pattern = re.compile(rf"\b(?:{choices})\b", re.IGNORECASE)
        patterns.append((kind, pattern, people))
    return patterns


def ordinary_words(turns: list[str]) -> frozenset[str]:
    """Words the page writes in lowercase somewhere: "Again" opening a sentence is
    the word "again", not a misspelt "Kagan"."""
    return frozenset(word for text in turns for word in LOWERCASE_WORD.findall(text))


LOWERCASE_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’]+(?![\w'’-])")


def find_mentions(
    text: str,
    cast: Cast,
    patterns,
    ordinary: frozenset[str] = frozenset(),
    *,
    bare: bool = False,
    questions_marked: bool = True,
) -> list[Mention]:
    """``bare``: the turns are written without commas and full stops (``is_unpunctuated``);
    ``questions_marked``: the page writes a question mark somewhere."""
    unpunctuated = ordinary if bare else None
    marked = {"unpunctuated": unpunctuated, "questions_marked": questions_marked}
    mentions = []
    for s_index, sentence in enumerate(split_sentences(text)):
        # Characters already part of a found name: one flag a character, so that
        # checking a name costs its length, however many names the sentence holds.
        taken = bytearray(len(sentence))
        for kind, pattern, people in patterns:
            for match in pattern.finditer(sentence):
                start, end = match.span()
                if any(taken[start:end]):
                    continue  # part of a longer name already found
                taken[start:end] = b"\x01" * (end - start)
                person = people[alias_key(kind, match[0])]
                vocative = kind != "employer" and is_vocative(
                    sentence, start, end, strict=kind == "title", **marked
                )
                mentions.append(Mention(person, s_index, start, match[0], kind, vocative))
        mentions += misspelt_mentions(sentence, s_index, taken, cast, ordinary, **marked)
    mentions.sort(key=lambda m: (m.sentence, m.start))
    mark_addressed_together(mentions, split_sentences(text))
    mark_roll_calls(mentions, split_sentences(text))
    return mentions


# Between two names of a roll call: a comma or "and", then a few words describing the
# next one ("..., former Vermont Governor ...", "... and our own mayor of Dover, ...",
# "..., businesswoman ...", "..., retired surgeon ..."): titles and offices (names'
# ROLE_NOUNS and nameparser's titles) and a closed list of modifiers, never a word
# guessed from its ending ("ed": "Rita Lind, asked Paul Cole and Jo Park ..." speaks to
# her); joined by a comma, "and", "along with" or the like.
LISTED = re.compile(
    r"(?:,?\s+(?:and|along\s+with|together\s+with|as\s+well\s+as)|,)\s+((?:[\w'’.-]+,?\s+){0,6})"
)
# "Former", "retired", a possessive, "(very) own" ("and your very own governor of Ohio"),
# and the prefixes of a title an automatic transcript writes apart ("co moderators").
DESCRIBING = {
    "of", "the", "former", "retired", "my", "your", "our", "their", "very", "own",
    "co", "vice", "ex",
}  # fmt: skip
TITLES = CONSTANTS.titles
ROLL_CALL = 3  # people named one after another


def describes(word: str) -> bool:
    """A word of a description ("Dover's", "former", "Senator", "mayor", "businesswoman"); a
    verb or a pronoun ("Rita Lind, let me ask Paul Cole ...") says the first name was
    spoken to."""
    bare = word.casefold().removesuffix("s")
    return (
        word in DESCRIBING
        or word.endswith(("'s", "’s"))
        or any(part in ROLE_NOUNS or part in TITLES for part in bare.split("-"))
        or (word[:1].isupper() and not re.fullmatch(r"I(?:['’]\w+)?", word))
    )


def mark_roll_calls(mentions: list[Mention], sentences: list[str]):
    """Three or more people named one after another ("Dover Governor Rita Lind, former
    Senator Paul Cole and our own mayor, Jo Park"): presented or listed, none of them
    spoken to, and none the more likely to speak next for coming last. Not when only a
    greeting or thanks comes before them ("Welcome, Rita Lind, Paul Cole and Jo Park.");
    "Good evening, and joining me are Rita Lind, ..." greets the audience, and presents."""
    run: list[Mention] = []
    for mention in [*mentions, None]:
        if mention is not None and run:
            last = run[-1]
            between = sentences[last.sentence][last.start + len(last.said) : mention.start]
            listed = LISTED.fullmatch(between)
            if (
                mention.sentence == last.sentence
                and listed
                and all(describes(w.strip(",")) for w in listed[1].split())
            ):
                run.append(mention)
                continue
        greets = run and GREETED.fullmatch(sentences[run[0].sentence][: run[0].start])
        if len({m.person for m in run}) >= ROLL_CALL and not greets:
            for m in run:
                m.vocative = False
        run = [mention] if mention is not None else []


# Between two names said to two people at once: "Robert, or Ian", "Robert and Ian".
JOINED = re.compile(r",?\s+(?:and|or)\s+|,\s+(?:or\s+)?")


def mark_addressed_together(mentions: list[Mention], sentences: list[str]):
    """Two names joined by "and"/"or" and set apart by commas are both spoken to."""
    for first, second in zip(mentions, mentions[1:], strict=False):
        if first.sentence != second.sentence or first.person == second.person:
            continue
        sentence = sentences[first.sentence]
        first_end = first.start + len(first.said)
        if not JOINED.fullmatch(sentence[first_end : second.start]):
            continue
        second_end = second.start + len(second.said)
        before = sentence[max(0, first.start - VOCATIVE_WINDOW) : first.start].rstrip()
        set_apart = (not before or before.endswith(",")) and sentence[second_end:][:1] in (
            ",",
            ".",
            "?",
            "!",
        )
        if set_apart and "employer" not in (first.kind, second.kind):
            first.vocative = second.vocative = second.together = True


CAPITALISED_RUN = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}")
FUZZY_SINGLE = 0.8  # a lone word must be this close to a first or last name ("Pria", "Priya")


def misspelt_mentions(
    sentence: str,
    s_index: int,
    taken: bytearray,
    cast: Cast,
    ordinary: frozenset[str],
    unpunctuated: frozenset[str] | None = None,
    questions_marked: bool = True,
) -> list[Mention]:
    """Names the captions misspelt: capitalised words close to someone's name, unless
    the page writes them in lowercase too and they are no word of anyone's name
    ("Again" opening a sentence is not "Kagan"; "General" may be "General Sims")."""
    found = []
    for match in CAPITALISED_RUN.finditer(sentence):
        start, end = match.span()
        said = match[0]
        if any(taken[start:end]) or first_word_is_not_a_name(said):
            continue
        if all(w.lower() in ordinary for w in said.split()) and not is_part_of_a_name(said, cast):
            continue
        if title_of_several(said, cast):
            continue
        for index, person in enumerate(cast.people):
            if sounds_like(said, person):
                vocative = is_vocative(
                    sentence,
                    start,
                    end,
                    unpunctuated=unpunctuated,
                    questions_marked=questions_marked,
                )
                found.append(Mention(index, s_index, start, said, "name", vocative))
                break
    return found


def bearers(word: str, cast: Cast) -> list[Person]:
    """The people one of whose spellings has the word as a whole word ("General" of
    "General Sims" or "Lieutenant General Sims")."""
    word = word.casefold()
    return [
        person
        for person in cast.people
        if any(word in spelling.casefold().split() for _, spelling in person.spellings)
    ]


def is_part_of_a_name(said: str, cast: Cast) -> bool:
    """Whether a word is a whole word of someone's name ("General" of "General Sims")."""
    return bool(bearers(said, cast))


def title_of_several(said: str, cast: Cast) -> bool:
    """A title alone ("Governor") that two or more people's names bear: it says none
    of them, however close it is to their names ("General" alone is "General Sims"
    only where she is the one general)."""
    return IS_TITLE_WORD.fullmatch(said) is not None and len(bearers(said, cast)) > 1


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


# A lowercase word and a comma right before a name; after a capitalised word the
# comma may be a list's ("Robert, Ian and Jon").
COMMA_AFTER_A_WORD = re.compile(r"\b[a-z][\w'’]*,$")
OPENING_WORD_AND_COMMA = re.compile(r"([A-Z][a-z]+),")
COURTESY_BEFORE_OFFICE = re.compile(r"\s*\b(?:Mr\.|Mister|Madam|Madame)$")
VOCATIVE_WINDOW = 40  # characters
# A name the sentence goes on about: ", he tells ...", ", she's ...".
RESUMED_BY_A_PRONOUN = re.compile(r",\s+(?:he|she|they)\b", re.IGNORECASE)
# "..., Ted Cole, who has a reputation as a debater, ...": a relative clause says
# something about the one named; in a question ("Tom, who won?") it is asked of them,
# which a page writing no question mark does not tell ("Tom, who won the vote.").
RELATIVE_CLAUSE = re.compile(r",\s+who(?:m|se)?\b", re.IGNORECASE)


def is_vocative(
    sentence: str,
    start: int,
    end: int,
    *,
    strict: bool = False,
    unpunctuated: frozenset[str] | None = None,
    questions_marked: bool = True,
) -> bool:
    """ "Welcome, Clara." "Right, John?" "John, tell us ..." - spoken to, not about.

    ``strict`` (for titles, which are ordinary words) also wants the title to
    open the sentence or follow a comma: "..., Lieutenant Governor?".
    ``unpunctuated``: the words the turns write in lowercase, when they are written
    without commas and full stops; a name is then set apart by the next sentence
    opening right after it ("you nailed it Omar You absolutely ...": "You" is an
    ordinary word, capitalised), not by a comma. ``questions_marked``: the page writes a
    question mark somewhere.
    """
    # A few words either side are enough, and keep this linear in the sentence.
    after = sentence[end : end + VOCATIVE_WINDOW].lstrip()
    if after[:2] in ("'s", "’s"):
        return False
    if after and after[0] not in ",.?!" and not opens_a_sentence(after, unpunctuated):
        return False
    if RESUMED_BY_A_PRONOUN.match(after):
        return False  # "It's usually just Tomas, he tells a joke": talked about
    if RELATIVE_CLAUSE.match(after) and questions_marked and not sentence.rstrip().endswith("?"):
        return False
    before = sentence[max(0, start - VOCATIVE_WINDOW) : start].rstrip()
    if strict:
        before = COURTESY_BEFORE_OFFICE.sub("", before)  # "Mr. Chief Justice" is spoken to
        return not before or before.endswith(",")
    if COMMA_AFTER_A_WORD.search(before):
        return True  # "what that update is, Ian?": a comma sets the name apart
    opening = OPENING_WORD_AND_COMMA.fullmatch(before)
    if opening and opening[1].casefold() in NOT_NAMES:
        return True  # "And, Kirby, you ...": the sentence's opening word, not a list's name
    words = [w.strip(",.").casefold() for w in before.split()]
    while words and words[-1] in COURTESY_TITLES:
        words.pop()  # "Dr. Ocampo, ..." is spoken to; "for Ms. Jeffery, ..." is not
    office = list(words)
    while office and IS_TITLE_WORD.fullmatch(office[-1].title()):
        office.pop()
    if len(office) < len(words) and office and office[-1] in BEFORE_AN_OFFICE:
        return False  # "as opposed to president Hale, ...": talked about
    return not words or words[-1] not in NOT_VOCATIVE_AFTER


FIRST_WORD = re.compile(r"[\w'’-]+")


def opens_a_sentence(text: str, unpunctuated: frozenset[str] | None) -> bool:
    """Whether unpunctuated text opens a new sentence here: with a capitalised ordinary
    word ("You", "These", "I") or a dash. Never in punctuated text, whose commas say it."""
    if unpunctuated is None:
        return False
    if text.startswith(("--", "—")):
        return True
    word = FIRST_WORD.match(text)
    if word is None or not word[0][:1].isupper():
        return False
    return word[0].casefold() in unpunctuated or word[0].casefold() in NOT_NAMES


# Two or three capitalised words in a row: "Eugenio Pace" of "Auth0's Eugenio Pace on ...".
NAME_WORDS = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD})+")


def header_names_spoken_to(about: list[str], turns: list[str]) -> list[str]:
    """Full names in the page's title, summary or description that the speakers say
    to someone, or whose first name they do ("Eugenio, great to have you here", "Leo
    Grant, welcome to the show."): people in the room.

    A page names its guest in its title; the conversation calls them by first
    name. A name the header gives that nobody is spoken to by (a company, a
    place, someone discussed) adds nobody, nor do capitalised words the turns
    write in lowercase elsewhere (a title's "States Break Away")."""
    ordinary = ordinary_words(turns)  # "States Break Away" is no one's name
    candidates: dict[str, str] = {}  # first name -> the longest full name it opens
    for text in about:
        for run in NAME_WORDS.finditer(text or ""):
            words = run[0].split()
            for i in range(len(words) - 1):
                name = " ".join(words[i : i + 3])
                first = words[i]
                # "Justice" of "Chief Justice Ann Lowe" is no first name: that the turns
                # say "Justice Ward, ..." puts nobody of the header in the room.
                if not first.isalpha() or first_word_is_not_a_name(name):
                    continue
                if IS_TITLE_WORD.fullmatch(first):
                    continue
                if any(word.casefold() in ordinary for word in words[i : i + 3]):
                    continue
                if len(name) > len(candidates.get(first, "")):
                    candidates[first] = name
    if not candidates:
        return []
    spoken_to = set()
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, candidates)) + r")\b")
    for text in turns:
        for sentence in split_sentences(text):
            for match in pattern.finditer(sentence):
                if is_vocative(sentence, match.start(), match.end()) or greeted_by_full_name(
                    sentence, match.start(), candidates[match[0]]
                ):
                    spoken_to.add(match[0])
    return [candidates[first] for first in candidates if first in spoken_to]


# "Leo Grant, welcome to the show.", "Leo Grant, thank you so much.": welcomed or
# thanked by full name. Not any full name set apart ("Los Angeles, that's like ...").
GREETED_AFTER = re.compile(
    r",\s+(?:welcome|thank(?:s|\s+you)|(?:good|great|nice)\s+to\s+(?:have|see)\s+you)\b",
    re.IGNORECASE,
)


def greeted_by_full_name(sentence: str, start: int, full: str) -> bool:
    end = start + len(full)
    return (
        sentence[start:end] == full
        and GREETED_AFTER.match(sentence, end) is not None
        and is_vocative(sentence, start, end)
    )


def strangers(turns: list[str], cast: Cast, ordinary: frozenset[str]) -> list[str]:
    """Names the turns call someone by, or speakers give themselves ("I'm Wanjiru, and
    I work on the compiler.", "Tomas, tell us about yourself.", "Thanks, Priya."), that
    nobody in the cast answers to: people in the room the cast does not know.

    Capitalised words the page also writes in lowercase ("Alright, what ...?") and
    words of the show's people's names (or names close to them) are not strangers.
    ``ordinary``: the words the turns write in lowercase (``ordinary_words``)."""
    known = [
        word.casefold()
        for person in cast.people
        for _, spelling in person.spellings
        for word in spelling.split()
    ]
    found: dict[str, None] = {}
    for text in turns:
        for name in names_given(text):
            words = name.split()
            if not all(looks_like_a_name(word) for word in words):
                continue
            if all(word.casefold() in ordinary for word in words):
                continue
            # A short form of someone's name ("Jeff" of "Jeffery", "Kat" of "Katherine").
            if any(k.startswith(word.casefold()) for word in words for k in known) or any(
                sounds_like(word, person) for word in words for person in cast.people
            ):
                continue
            found[name] = None
    return list(found)


def looks_like_a_name(word: str) -> bool:
    """A capital and a lowercase letter ("OK", "H1-N1" are no names), and no title
    ("Admiral")."""
    return word[:1].isupper() and word[1:2].islower() and not IS_TITLE_WORD.fullmatch(word)


# Two capitalised words in a row, each one's first (overlapping): "It's Oyelaran" and
# "Oyelaran Adebayo" of "It's Oyelaran Adebayo".
CAPITALISED_PAIR = re.compile(rf"(?<![\w'’-])(?=({NAME_WORD})\s+({NAME_WORD})(?![\w'’-]))")
# "Thank you, Tobiasz Wren.", "Over to you, Ana Ruiz!": a full name closing a sentence,
# set apart by a comma.
FULL_NAME_SPOKEN_TO = re.compile(rf",\s+(?P<name>{FULL_NAME})\s*[.?!]+$")
SHORT_FORM = 3  # letters a short form of a first name keeps at least ("Tobi" of "Tobiasz")


def full_names_of_strangers(
    turns: list[str], cast: Cast, ordinary: frozenset[str]
) -> list[tuple[int, str, str]]:
    """(turn, full name, name they are called by) of people in the room whom the
    cast does not know, when the one full name a turn presents or says to someone
    ("It's Oyelaran Adebayo.", "Thank you, Tobiasz Wren.") opens with the name others
    call them by or they give themselves ("Oyelaran, would you like to introduce
    yourself?", "Thanks, Tobi."): a panel introduces its people once and calls them
    by first name.

    A first name that opens two different full names anywhere in the turns (a
    panellist and someone they talk about) links to neither."""
    called = [name for name in strangers(turns, cast, ordinary) if " " not in name]
    if not called:
        return []
    said: dict[str, set[str]] = {}  # first word -> the words after it, of every full name
    given: dict[str, int] = {}  # full name presented or spoken to -> its first turn
    for index, text in enumerate(turns):
        for sentence in split_sentences(text):
            for match in CAPITALISED_PAIR.finditer(sentence):
                said.setdefault(match[1].casefold(), set()).add(match[2].casefold())
            presented = PRESENTS.search(sentence)
            spoken_to = FULL_NAME_SPOKEN_TO.search(sentence)
            for name in (presented and presented["name"], spoken_to and spoken_to["name"]):
                if name and not first_word_is_not_a_name(name):
                    given.setdefault(" ".join(name.split()), index)

    def opens(first: str, key: str) -> bool:
        return first == key or (len(key) >= SHORT_FORM and first.startswith(key))

    found = []
    for short in called:
        key = short.casefold()
        matching = [name for name in given if opens(name.split()[0].casefold(), key)]
        surnames = {last for first, lasts in said.items() if opens(first, key) for last in lasts}
        if len(matching) == 1 and len(surnames) == 1:
            found.append((given[matching[0]], matching[0], short))
    return found
