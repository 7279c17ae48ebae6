"""Introductions: the names a turn gives to people in the room, and how.

Pure text reading, one finder a kind of introduction: self-introductions
("I'm X", "my name is X"), guests ("we're joined by X, a reporter"), callers
and reporters put on the air ("we'll go to X from Reuters"), titled
vocatives ("Justice X, ..."). ``cast`` gathers what they find into people.
"""

import re

from transcripts.attribution.names import (
    FULL_NAME,
    I_AM,
    IS_TITLE_WORD,
    NAME_WORD,
    NOT_NAMES,
    ROLE_NOUNS,
    TITLE_WORD,
    UPPER,
    ends_by_asking,
    normalize_name,
    split_sentences,
)

WHOSE = r"(?:our|my|the|this\s+week['’]s|today['’]s|tonight['’]s)"
WHEN = r"(?:\s+(?:this\s+week|today|tonight))?"
PANEL = rf"{WHOSE}\s+(?:panel|panell?ists){WHEN}"
PLAYERS = rf"{WHOSE}\s+(?:contestants|players){WHEN}"
INTRO_TRIGGER = re.compile(
    r"\b(?:joined\s+(?:again\s+|now\s+|today\s+)?by|joining\s+(?:us|me)\s+(?:now\s+|today\s+)?"
    r"(?:is\s+|are\s+)?|with\s+(?:us|me)\s+(?:here\s+|now\s+|today\s+){0,2}"
    r"(?:is\s+|are\s+|(?:I|we)\s+have\s+)|(?:I|we)\s+have\s+with\s+(?:us|me)\s+(?:today\s+|now\s+)?"
    r"|my\s+guests?\s+(?:today\s+)?(?:is|are|include)\s+|my\s+guests?(?:\s+today)?,\s+"
    r"|(?:conversation|interview|gaggle|briefing|call|talk)\s+with\s+"
    r"|(?:turn|hand|pass)\s+(?:it|things|the\s+floor)\s+(?:over\s+)?to\s+"
    # A panel or a game's players: "Our panel this week: ...", "on our panel today, ...",
    # "Let's meet our panelists: ...", "Our contestants tonight are ..."
    rf"|{PANEL}(?:\s+(?:is|are|includes?)\s+|\s*:\s*|,\s+)"
    rf"|{PLAYERS}(?:\s+(?:is|are)\s+|\s*:\s*)"
    r"|on\s+(?:the|our|my)\s+panel(?:\s+(?:this\s+week|today|tonight))?"
    r"(?:\s+(?:is|are)\s+|\s+(?:we|I)\s+have\s+|,\s+))",
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
        rf"\s+(?i:welcome|you['’]re\s+on\s+the\s+air|go\s+ahead)",
        # "Our next question will go to Nadia.": a questioner put on by name alone, by a
        # moderator calling on questioners in turn ("the question will go to Congress" is not)
        rf"(?i:\b(?:first|next|last|final)\s+question\s+(?:will\s+|is\s+going\s+to\s+)?"
        rf"(?:go(?:es)?|come)\s+(?:to|with|from))"
        rf"\s+(?P<name>{PERSON})(?=\s*[.,;!]|\s*$)",
    )
]
# "I'm Carmen Andoh.", "My name is Chris Benson, I work for ...": a person naming
# themselves, with a full name, at a pause.
# What may follow a name someone gives themselves: a pause, or "and", "here", or where
# they come from or work ("I'm Ana Ruiz of Radio Sur and I welcome you", "... at KQED").
AFTER_OWN_NAME = r"(?=\s*[,.;!]|\s+(?i:and|from|with|here|of|at)\b)"
SELF_INTRODUCTION = re.compile(
    rf"(?:\b{I_AM}|(?i:\bmy\s+name\s+is))\s+(?P<name>{FULL_NAME}){AFTER_OWN_NAME}"
)
# "I'm your host, Ana Ruiz.", "I'm political reporter Dan Ives.", "I'm carnivorous
# anchorman Bill Kurtis.": a few lowercase words describing the speaker before the
# name, the last of them a role ("host", "reporter"), so that "I'm a big fan of ..." is
# not, and none of them a verb's or a preposition ("I'm talking to reporter X" is not).
SELF_INTRODUCTION_WITH_ROLE = re.compile(
    rf"\b{I_AM}\s+(?P<role>(?:[a-z][\w'’-]*\s+){{0,3}}[a-z][\w'’-]*),?\s+(?P<name>{FULL_NAME})"
    + AFTER_OWN_NAME
)
# "Justice Ginsburg, ...", "Thank you, General Sims.", "Mr. Long.": a title and a
# surname said to someone. The surname alone is the person's name.
TITLED_VOCATIVE = re.compile(
    rf"\b(?P<title>{TITLE_WORD}(?:\s+{TITLE_WORD})*)\s+(?P<name>{NAME_WORD})(?=\s*[,.?!])"
)


# "Mr. Chief Justice," "Madam Secretary?" "Mr. President --": someone spoken to by
# their office alone, whom the text may never name.
ADDRESSED_BY_OFFICE = re.compile(
    rf"\b(?:Mr\.|Mister|Madam|Madame)\s+(?P<office>{NAME_WORD}(?:\s+{NAME_WORD})?)(?=\s*[,.?!]|\s+--)"
)


def offices_addressed(text: str) -> list[str]:
    """ "Chief Justice" of "No, Mr. Chief Justice.": an office said to its holder."""
    return [
        match["office"]
        for match in ADDRESSED_BY_OFFICE.finditer(text)
        if has_role_noun(match["office"]) or IS_TITLE_WORD.fullmatch(match["office"].split()[-1])
    ]


# A name a turn gives someone without a full introduction: "I'm Wanjiru, and I work
# on the compiler.", "Thanks, Priya.", "Tomas, would you like to ...?", "... right, Ines?".
# Not full enough to put anyone in the cast, but whoever it names is in the room.
# One pattern, one pass over the turn.
NAME_RUN = rf"{NAME_WORD}(?: {NAME_WORD}){{0,2}}"
NAME_GIVEN = re.compile(
    "|".join(
        (
            # Naming oneself.
            rf"\b(?:I['’]m|I am|[Mm]y\s+name\s+is)\s+(?P<own>{NAME_WORD})"
            r"(?=\s*[,.;!…]|\s+(?i:and|from|here)\b)",
            # Greeted or thanked by name.
            r"\b(?:[Tt]hank\s+you|[Tt]hanks|[Hh]i|[Hh]ello|[Hh]ey|[Ww]elcome)"
            rf"(?:\s+(?:so|very)\s+much)?,\s+(?P<greeted>{NAME_RUN})\s*[.!?]",
            # Opening a question or a request: "Ines, say hi.", "Wanjiru, you're working on ...".
            rf"(?:^|(?<=[.!?]\s))(?P<asked>{NAME_RUN}),\s+(?i:(?:what|how|why|would|could|can"
            r"|do|did|are|tell|say|give|talk|walk|you(?!\s+know\b)|your)\b)",
            # Closing a question: "What's the plan, Ines?"
            rf",\s+(?P<last>{NAME_RUN})\?(?!\S)",
        )
    )
)


def names_given(text: str) -> list[str]:
    """Names a turn calls someone by, or a speaker gives themselves, however briefly."""
    found = [
        match["own"] or match["greeted"] or match["asked"] or match["last"]
        for match in NAME_GIVEN.finditer(text)
    ]
    return [name for name in found if not first_word_is_not_a_name(name)]


def self_introductions(text: str) -> list[str]:
    found = [match["name"] for match in SELF_INTRODUCTION.finditer(text)]
    found += [name for name, _ in self_introductions_with_role(text)]
    return [name for name in found if not first_word_is_not_a_name(name)]


def self_introductions_with_role(text: str) -> list[tuple[str, str]]:
    """(name, role) of "I'm your host, Ana Ruiz.": ("Ana Ruiz", "host")."""
    return [
        (match["name"], match["role"].split()[-1])
        for match in SELF_INTRODUCTION_WITH_ROLE.finditer(text)
        if describes_a_role(match["role"].split())
    ]


# "And here's your host, at the Nourse Theater, Peter Sagal.", "Please welcome your
# host, Ana Ruiz!": someone else names the host, last in the sentence.
ANNOUNCES_HOST = re.compile(
    r"(?i:\b(?:here's|here’s|here\s+is|please\s+welcome|now|introducing)\s+your\s+host(?![\w'’]))"
)
NAME_ENDING_SENTENCE = re.compile(rf"(?P<name>{FULL_NAME})[.!]*$")
# "It's Mr. Luke Burbank." / "Please welcome Amy Dickinson!" / "Ladies and gentlemen,
# Robert Siegel." closing a turn: a person presented to the audience.
PRESENTS = re.compile(
    r"(?:^|(?<=[.!?\"”])\s+)(?i:(?:and\s+)?(?:it's|it’s|it\s+is|here's|here’s|here\s+is"
    r"|please\s+welcome|welcome|give\s+it\s+up\s+for|say\s+hello\s+to|ladies\s+and\s+gentlemen,?)\s+)"
    rf"(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?(?P<name>{FULL_NAME})[.!]*$"
)
# "It's Dana Whit. Hello, Dana.": the host greeting the one just presented, after the name.
GREETS_AFTER = re.compile(
    rf"(?:\s+(?i:hello|hi|hey|welcome(?:\s+back)?)(?:,?\s+{NAME_WORD})?[.!]*)+$"
)
# A greeting opening the next turn: the one presented saying hello.
SAYS_HELLO = re.compile(
    r"^(?i:hi|hello|hey|thanks|thank\s+you|good\s+(?:morning|afternoon|evening)"
    r"|(?:it['’]s\s+)?(?:great|good|nice|happy|glad)\s+to\s+be)\b"
)
# "Hi, who's this?" answered "Liz Kanter from Tucson.": a caller naming themselves.
ASKS_WHO = re.compile(
    r"(?i:\bwho(?:'s|’s|\s+is)\s+(?:this|calling|on\s+the\s+line|there)"
    r"|\bwho\s+(?:do\s+we\s+have|am\s+I\s+(?:speaking|talking)\s+(?:to|with))"
    r"|\bwhat(?:'s|’s|\s+is)\s+your\s+name)\W*$"
)
ANSWERS_WHO = re.compile(
    r"^(?:(?i:hi|hey|hello|yes|yeah|oh|well)[,!.]?\s+)*"
    r"(?:(?i:this\s+is|it's|it’s|my\s+name\s+is)\s+|I'm\s+|I’m\s+)?"
    rf"(?P<name>{FULL_NAME})(?:\s+(?:from|in)\s+{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}"
    rf"(?:,\s+{NAME_WORD}(?:\s+{NAME_WORD})?)?)?[.!]?$"
)


# A contributor the host hands the air to as a turn ends, who speaks the next turn
# with a piece of their own: "Our book critic Ann Lee reviews the new novel by ...",
# "Film critic Jo Marsh has this review.", "Here's Ben Hart with a report.", "Ben
# Hart reports." A piece comes up later ("After a break, our critic Ann Lee reviews
# ...", "Tomorrow, ...") is announced, not handed over: the next turn is not theirs.
PIECE = r"(?:review|report|story|commentary|essay|appreciation|remembrance|piece|preview|dispatch)"
CONTRIBUTOR_NOUN = (
    r"(?:critic|reviewer|correspondent|reporter|contributor|commentator|columnist|essayist)"
)
PRESENTS_CONTRIBUTOR = [
    re.compile(pattern)
    for pattern in (
        # "Our rock critic Ann Lee reviews ...", "film critic Jo Marsh has this review"
        rf"\b(?i:{CONTRIBUTOR_NOUN}),?\s+(?P<name>{FULL_NAME}),?\s+"
        rf"(?i:reviews|considers|reports|remembers|has\s+(?:this|a|the|our)\s+)",
        # "Jo Marsh has this review of ...", "Ben Hart reports."
        rf"(?:^|[.!?]\s+)(?P<name>{FULL_NAME})\s+"
        rf"(?:(?i:has\s+(?:this|a|the|our)\s+(?:[\w-]+\s+)?{PIECE}\b)|(?i:reports)[.!]*$)",
        # "Here's Ben Hart with a report."
        rf"(?i:\bhere['’]s|\bhere\s+is)\s+(?P<name>{FULL_NAME})\s+(?i:with\s+(?:this|a|the|our)\s+"
        rf"(?:[\w-]+\s+)?{PIECE})\b",
    )
]
LATER = re.compile(
    r"\b(?:after\s+(?:a|the|this)\s+break|coming\s+up|later|tomorrow|next\s+(?:week|time|hour)"
    r"|still\s+to\s+come|also\s+ahead|ahead\s+on)\b",
    re.IGNORECASE,
)


def presented_contributor(text: str) -> tuple[str, int] | None:
    """The contributor a turn's last sentence hands the air to ("Film critic Jo Marsh
    has this review of ...") and where the name starts in that sentence."""
    sentences = split_sentences(text)
    if not sentences or LATER.search(sentences[-1]):
        return None
    for pattern in PRESENTS_CONTRIBUTOR:
        match = pattern.search(sentences[-1])
        if match and not first_word_is_not_a_name(match["name"]):
            return match["name"], match.start("name")
    return None


def announced_host(text: str) -> str | None:
    """The host someone else announces: "And here's your host, ..., Peter Sagal." """
    for sentence in split_sentences(text):
        if ANNOUNCES_HOST.search(sentence):
            named = NAME_ENDING_SENTENCE.search(sentence)
            if named and not first_word_is_not_a_name(named["name"]):
                return named["name"]
    return None


def presented(text: str, reply: str, earlier: list[str] = ()) -> str | None:
    """The person a turn ends by presenting ("It's Mr. Luke Burbank.") when the next
    turn says hello: presented, they greet the room. Someone nobody named before
    (in ``earlier`` turns or earlier in this one) speaks next, greeting or not,
    unless the next turn asks: a newcomer brought on ("Ladies and gentlemen, Ana
    Ruiz." before her clip), not someone talked about ("Who wrote it? It's Ana
    Ruiz.") nor one the next voice asks about."""
    last_words = GREETS_AFTER.sub("", text.strip()[-200:])  # bounded: the turn's last words
    match = PRESENTS.search(last_words)
    if match is None or first_word_is_not_a_name(match["name"]):
        return None
    name = match["name"]
    if SAYS_HELLO.match(reply.strip()):
        return name
    said_before = name in text[: text.rfind(name)] or any(name in turn for turn in earlier)
    return None if said_before or ends_by_asking(reply) else name


def answer_to_who(question: str, answer: str) -> str | None:
    """The name a turn is made of when the turn before asked "Who's this?":
    "Liz Kanter from Tucson, Arizona.", "Hi, this is Ana Ruiz." """
    if not ASKS_WHO.search(question.strip()[-80:]):
        return None
    match = ANSWERS_WHO.match(answer.strip()[:120])
    if match is None or first_word_is_not_a_name(match["name"]):
        return None
    return match["name"]


NOT_DESCRIBING = re.compile(r"(?:.*(?:ing|ed)|to|with|by|for|from|about|of|at|in|on|and|or|not)")


def describes_a_role(words: list[str]) -> bool:
    """ "your host", "carnivorous anchorman": words describing a role, not a verb's object."""
    return words[-1] in ROLE_NOUNS and not any(NOT_DESCRIBING.fullmatch(w) for w in words)


# "Your colleague, Senator Lee, ...", "the chair, Dr. Ames, ...": a name set apart
# after a phrase that opens with a determiner is that phrase's apposition, not a
# vocative (unlike "Thank you, General Sims." or "Well, Justice Ward, ...").
# The noun phrase is a determiner and up to three words with no preposition among them
# ("do you and your colleague, Senator Lee, ..."; not "an answer to that, Justice Ward").
APPOSITION = re.compile(
    r"\b(?i:your|my|our|his|her|their|the|a|an|this)"
    r"(?:\s+(?!(?i:to|of|for|with|at|in|on|about|from|by)\b)[\w'’-]+){1,3},$"
)


def titled_vocatives(text: str) -> list[str]:
    """ "Justice Ginsburg" of "Justice Ginsburg, I think ..." and "Thank you, General Sims." """
    found = []
    sentences = split_sentences(text)
    # At a turn's edges: answering someone, or handing over to them.
    for sentence in {*sentences[:1], *sentences[-1:]}:
        for match in TITLED_VOCATIVE.finditer(sentence):
            before = sentence[: match.start()].rstrip()
            surname = match["name"]
            if before and (not before.endswith(",") or APPOSITION.search(before)):
                continue
            if IS_TITLE_WORD.fullmatch(surname) or first_word_is_not_a_name(surname):
                continue  # "Mr. Chief Justice", "Mr. President"
            name = f"{match['title']} {surname}"
            if talked_about(text, name):
                continue  # "Dr. Ames. Dr. Ames said the opposite.": cited, not called on
            found.append(name)
    return found


def talked_about(text: str, name: str) -> bool:
    """Whether a turn goes on about the one it names: the name followed by a verb."""
    return re.search(rf"{re.escape(name)}\s+[a-z]", text) is not None


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
    found += [
        (match["name"], "")
        for match in TITLE_THEN_NAME.finditer(text)
        if not IS_TITLE_WORD.fullmatch(match["name"].split()[0])
    ]
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
            and joins_a_list(text[max(previous_end, match.start() - 80) : match.start()])
        )
        # "joined by the founders of Grafana Labs": after a preposition, a name is
        # where the people introduced work or come from, not one of them; in a list
        # ("Amy Holt from New York and Luke Dorn"), the one before's, and the list goes on.
        of_something = AFTER_A_PREPOSITION.search(text[max(0, match.start() - 20) : match.start()])
        if of_something and previous_taken:
            previous_end = match.end()
            continue
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
        if not of_something and (first or right_after or (title and (position == 0 or listed))):
            found.append((name, title))
            previous_taken = True
    return found


LIST_GLUE = re.compile(r",?\s+and\s+|,\s+")
# Between two people of a list, where the one before is from ("from Ohio and ") or the
# next one is described before the name (", writer ", ", and radio host ").
FROM_A_PLACE = rf"(?:\s+(?:from|of|in|at)\s+{NAME_WORD})?"
DESCRIBED_NEXT = re.compile(
    rf"{FROM_A_PLACE}(?:,?\s+and\s+|,\s+)(?:(?P<role>(?:[a-z][\w'’-]*\s+){{0,2}}[a-z][\w'’-]*)\s+)?"
)


def joins_a_list(between: str) -> bool:
    """Whether the text between two names joins them as items of one list: ", and ",
    " from Ohio and ", ", writer " (a role described before the next name)."""
    match = DESCRIBED_NEXT.fullmatch(between)
    return match is not None and (not match["role"] or describes_a_role(match["role"].split()))


AFTER_A_PREPOSITION = re.compile(r"\b(?:of|at|for|from|in|on|with)\s+(?:the\s+)?$", re.IGNORECASE)


def first_word_is_not_a_name(name: str) -> bool:
    return normalize_name(name.split()[0]) in NOT_NAMES


TITLE_END = re.compile(r"[,;]|\s+and\s+(?=[A-Z])|\s+as\s+well\s+as\b|\s+(?:is|was|who|with)\s+")


# A role described right before a name ("writer Luke Dorn"): that person's, not a title.
DESCRIBES_A_NAME = re.compile(
    rf"(?:and\s+)?(?P<role>(?:[a-z][\w'’-]*\s+){{0,2}}[a-z][\w'’-]*)\s+{FULL_NAME}"
)
# A title and a name ("Vice President Lee", "that President Lee's answer"): another
# person named after a comma, not a description of the one before it.
NAMES_SOMEONE = re.compile(rf"\b{TITLE_WORD}\s+(?!{TITLE_WORD}\b)[{UPPER}]")


def clean_title(rest: str) -> str:
    """The title opening ``rest``, or "" when it does not open with one.

    Cut at a comma or at " and " before a capital ("professor of law at
    UCLA School of Law and Advisor to the Dean"): the main title only.
    """
    end = TITLE_END.search(rest)
    title = (rest[: end.start()] if end else rest).strip().rstrip(".?!:")
    if not has_role_noun(title, within=4) or NAMES_SOMEONE.search(title):
        return ""
    described = DESCRIBES_A_NAME.match(title)
    if described and describes_a_role(described["role"].split()):
        return ""  # "..., writer Luke Dorn": the next person's description
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
        (match["name"], match.groupdict().get("place") or "")
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
