"""Names and the text they sit in: normal forms, likeness, what looks like a name.

Pure, no Django. Likeness forgives caption misspellings with rapidfuzz's edit
ratio (``name_similarity``).
"""

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.fuzz import ratio

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


@lru_cache(maxsize=4096)  # the same few names are compared again and again
def normalize_name(s: str) -> str:
    """Casefolded, accents stripped, punctuation and runs of spaces made one space."""
    decomposed = unicodedata.normalize("NFKD", s or "")
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\W_]+", " ", without_accents.casefold()).split())


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
    spaced = ratio(na, nb) / 100
    joined = ratio(na.replace(" ", ""), nb.replace(" ", "")) / 100
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
    r"|Commissioner|Chief|Director|Superintendent|Justice|General|Admiral|Colonel|Captain"
    r"|President|Mr\.|Ms\.|Mrs\.)"
)
IS_TITLE_WORD = re.compile(rf"{TITLE_WORD}|Mr|Ms|Mrs|Dr|Sir|Madam|Ma'am|Ma’am")
LEADING_TITLES = re.compile(rf"^(?:(?:{TITLE_WORD}|Mr|Ms|Mrs|Dr)\s+)+")


def without_titles(name: str) -> str:
    """ "Lieutenant General Sims" -> "Sims"; "Justice Scalia" -> "Scalia"."""
    return LEADING_TITLES.sub("", name.strip())


# --- text ----------------------------------------------------------------------

# "Hmm." "Yeah, yeah." - a listener keeping the line warm, not taking the floor.
BACKCHANNEL = re.compile(
    r"^(?:(?:hmm+|mm+-?hmm+|uh-?huh|yeah|yes|right|sure|okay|ok|wow|oh|ah|i see|mhm|exactly"
    r"|true|absolutely)[.,!?]?\s*){1,3}$",
    re.IGNORECASE,
)
INTERJECTION_WORDS = 4  # a turn this short ("More.", "Me too.") does not take the floor
SUBSTANTIAL = 10  # words: the shortest turn that answers a question


def is_listening(text: str) -> bool:
    """A backchannel or a short interjection: the floor stays where it was."""
    return bool(BACKCHANNEL.match(text.strip())) or word_count(text) <= INTERJECTION_WORDS
