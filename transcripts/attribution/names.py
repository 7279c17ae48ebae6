"""Names and the text they sit in: normal forms, likeness, what looks like a name.

Pure, no database. The normal form and the likeness of two names
(``normalize_name``, ``name_similarity``: rapidfuzz's edit ratio, forgiving caption
misspellings) are episodes.speaker_names', where every name match is.
"""

import re
from functools import lru_cache

from episodes.speaker_names import name_similarity, normalize_name  # noqa: F401

# The one sentence splitter and word counter; attribution's modules read them from here.
from transcripts import sentences
from transcripts.sentences import word_count  # noqa: F401

# Every stage splits the same turns into sentences: split each turn once. The
# lists are shared between callers, so nobody may change them.
split_sentences = lru_cache(maxsize=4096)(sentences.split_sentences)

HOST, GUEST, CALLER, REPORTER, OTHER = "host", "guest", "caller", "reporter", "other"
MODERATOR = "moderator"


# A voice the text never names: "Speaker 2", numbered by order of first appearance.
UNNAMED_VOICE = re.compile(r"Speaker \d+")


def unnamed_voice_label(place: int) -> str:
    return f"Speaker {place}"


def is_unnamed_voice(label: str | None) -> bool:
    return label is not None and UNNAMED_VOICE.fullmatch(label) is not None


# Full names at least this alike are one person ("Elany Kunaki" and "Eleni
# Kounalakis" score 0.71; different people's names rarely pass 0.5).
SAME_PERSON = 0.7

UPPER = "A-ZÀ-ÖØ-Þ"
NAME_WORD = rf"[{UPPER}][\w'’-]*"
# Two or three capitalised words, a middle initial allowed ("Dana K. Whit").
FULL_NAME = rf"{NAME_WORD}(?: [{UPPER}]\.)?(?: {NAME_WORD}){{1,2}}"
SUPPORT = 2.0  # evidence of their own a named run of turns needs somewhere (decode)
I_AM = r"(?:I'm|I’m|I am)"
SHOW = r"[\w'’&]+(?:\s+[\w'’&]+){0,3}?"

# Capitalised words that open sentences but are never names.
NOT_NAMES = {
    "a", "and", "but", "so", "the", "this", "that", "we", "i", "it", "he", "she", "they",
    "you", "yes", "yeah", "no", "well", "thanks", "thank", "welcome", "hi", "hello", "okay",
    "our", "my", "his", "her", "their", "is", "in", "on", "of", "at", "for", "with", "to",
    "oh", "hey", "however", "ok",
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
    "anchor", "anchorman", "anchorwoman", "announcer", "moderator", "presenter", "emcee",
    "comedian", "humorist", "novelist", "actor", "actress", "musician", "singer", "panelist",
    "panellist", "contestant",
}  # fmt: skip
REPORTER_NOUNS = {"reporter", "correspondent", "journalist"}
# Titles said before a name: "Lieutenant Governor Eleni Kounalakis".
TITLE_WORD = (
    r"(?:Vice|Lieutenant|Lt\.|Governor|Senator|Mayor|Professor|Prof\.|Dr\.|Doctor|Representative"
    r"|Rep\.|Congressman|Congresswoman|Assemblymember|Supervisor|Secretary|Judge|Ambassador"
    r"|Commissioner|Chief|Director|Superintendent|Justice|General|Admiral|Colonel|Captain"
    r"|President|Mr\.|Ms\.|Mrs\.|Gov\.|Sen\.|(?:Mrs|Mr|Ms|Dr|Gov|Sen|Rep)(?=\s))"
)
IS_TITLE_WORD = re.compile(rf"{TITLE_WORD}|Mr|Ms|Mrs|Dr|Sir|Madam|Ma'am|Ma’am")
LEADING_TITLES = re.compile(rf"^(?:(?:{TITLE_WORD}|Mr|Ms|Mrs|Dr)\s+)+")


def without_titles(name: str) -> str:
    """ "Lieutenant General Sims" -> "Sims"; "Justice Scalia" -> "Scalia"."""
    return LEADING_TITLES.sub("", name.strip())


def without_next_sentence(name: str) -> str:
    """ "Dana Whitfield" of "Dana Whitfield My" (of "I'm Dana Whitfield My guest is ..."): text
    written without full stops runs a name into the next sentence's opening word. Two
    words are kept whatever they are."""
    words = name.split()
    while len(words) > 2 and words[-1].casefold() in NOT_NAMES:
        words.pop()
    return " ".join(words)


# --- text ----------------------------------------------------------------------

# "Hmm." "Yeah, yeah." - a listener keeping the line warm, not taking the floor.
BACKCHANNEL = re.compile(
    r"^(?:(?:hmm+|mm+-?hmm+|uh-?huh|yeah|yes|right|sure|okay|ok|wow|oh|ah|i see|mhm|exactly"
    r"|true|absolutely)[.,!?]?\s*){1,3}$",
    re.IGNORECASE,
)
# "Yes. It is a new speaker system ...", "No. They may well be, but ...": judging what
# was just said.
JUDGES = re.compile(
    r"^(?:yes|no|exactly|correct|right|that['’]s\s+(?:right|correct|exactly\s+right)|close"
    r"|not\s+quite)\b",
    re.IGNORECASE,
)
INTERJECTION_WORDS = 4  # a turn this short ("More.", "Me too.") does not take the floor
SUBSTANTIAL = 10  # words: the shortest turn that answers a question


# Some transcripts write their rows without commas or full stops ("you nailed it Omar
# You absolutely nailed it"): there a name is set apart by the sentence it ends, not
# by a comma. At most this many commas and full stops a hundred words.
BARE_MARKS_PER_100_WORDS = 1.0
BARE_LEAST_WORDS = 200  # a few short rows may lack marks by chance


def is_unpunctuated(turns: list[str]) -> bool:
    """Whether the turns are written without commas and full stops."""
    words = sum(word_count(text) for text in turns)
    marks = sum(text.count(",") + text.count(".") for text in turns)
    return words >= BARE_LEAST_WORDS and marks * 100 < BARE_MARKS_PER_100_WORDS * words


def ends_by_asking(text: str) -> bool:
    return text.rstrip(" -–—.").endswith("?")


def is_listening(text: str) -> bool:
    """A backchannel or a short interjection: the floor stays where it was."""
    return bool(BACKCHANNEL.match(text.strip())) or word_count(text) <= INTERJECTION_WORDS
