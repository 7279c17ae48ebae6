"""How well attribution did against a gold transcript, by the corpus's conventions.

``../shared/corpus/README.md`` sets them: words are compared in order; a word
is right when it goes to the same person as in the gold; two names are the same
person when their surnames match (titles, suffixes and anything after a comma or
" in " ignored), a first name alone matching a gold first name alone; unnamed
labels are never wrong, only not right; a gold role ("Moderator") is matched by
the same role word only; a word is in a mixed paragraph when its paragraph holds
words of two or more gold speakers.
"""

import functools
import json
import re
import time
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from nameparser import HumanName
from nameparser.config import Constants

from transcripts.attribution.names import is_unnamed_voice, normalize_name
from transcripts.pipeline import prepare_transcript

# Titles courts and the military put before a surname, besides nameparser's own.
NAME_CONSTANTS = Constants()
NAME_CONSTANTS.titles.add("justice", "chief", "general", "lieutenant")

UNKNOWN_LABEL = re.compile(
    r"^(?:|\?|unknown(?: speaker)?|unidentified(?: speaker)?|speaker unknown)$"
)
ROLE_LABELS = {
    "moderator", "host", "announcer", "operator", "narrator", "interpreter", "audience member",
    "audience", "caller", "reporter", "questioner", "participant", "voice",
}  # fmt: skip
# Role words that name one role: transcripts write a questioner from the floor as any of them.
SAME_ROLE = {"audience": "audience member", "questioner": "audience member"}


def is_unnamed(label: str | None) -> bool:
    label = label or ""
    return is_unnamed_voice(label) or UNKNOWN_LABEL.match(normalize_name(label)) is not None


def surname_key(name: str) -> tuple[str, bool]:
    """(surname, alone): the surname casefolded, and whether the name is one word."""
    name = re.split(r",|\s+in\s+", name.strip(), maxsplit=1)[0]
    parsed = HumanName(name, constants=NAME_CONSTANTS)
    parts = [part for part in (parsed.first, parsed.middle, parsed.last) if part]
    if not parts:  # all title: "General"
        parts = name.split()[-1:]
    return normalize_name(parts[-1]), len(parts) == 1


# Asked once a word, of a few label pairs: nameparser takes ~0.3 ms a name, which
# made the report's scoring take a minute.
@functools.lru_cache(maxsize=1024)
def same_person(predicted: str, gold: str) -> bool:
    role = normalize_name(gold)
    if role in ROLE_LABELS:
        said = normalize_name(predicted)
        return SAME_ROLE.get(said, said) == SAME_ROLE.get(role, role)
    said, said_alone = surname_key(predicted)
    true, true_alone = surname_key(gold)
    if said_alone and true_alone:
        return said == true
    return bool(said) and said == true


@dataclass
class Score:
    """Word counts of one file (or a total) and the turns found against the gold's."""

    name: str
    words: int = 0
    right: int = 0
    wrong: int = 0
    unnamed: int = 0
    mixed: int = 0
    turns_found: int = 0
    turns_gold: int = 0
    wrong_examples: list[tuple[str, str, int]] = field(default_factory=list)

    def percent(self, count: int) -> float:
        return 100.0 * count / self.words if self.words else 0.0

    right_pct = property(lambda self: self.percent(self.right))
    wrong_pct = property(lambda self: self.percent(self.wrong))
    unnamed_pct = property(lambda self: self.percent(self.unnamed))
    mixed_pct = property(lambda self: self.percent(self.mixed))

    def as_dict(self) -> dict:
        return {
            "file": self.name,
            "words": self.words,
            "right_pct": round(self.right_pct, 1),
            "wrong_name_pct": round(self.wrong_pct, 1),
            "unnamed_pct": round(self.unnamed_pct, 1),
            "mixed_paragraph_pct": round(self.mixed_pct, 1),
            "turns_found": self.turns_found,
            "turns_gold": self.turns_gold,
        }


def _words(text: str) -> list[str]:
    return text.split()


def score_paragraphs(name: str, paragraphs, gold: list[dict]) -> Score:
    """Score ``paragraphs`` (each with ``speaker_label``, ``text`` and optionally
    ``turn_start``) against ``gold`` (``[{"speaker", "text"}]``, one entry a turn).

    Words are aligned in order; a gold word the paragraphs lost counts as unnamed.
    """
    gold_words, gold_speakers = [], []
    for turn in gold:
        words = _words(turn["text"])
        gold_words += words
        gold_speakers += [turn["speaker"]] * len(words)
    said_words, said_paragraph = [], []
    for index, paragraph in enumerate(paragraphs):
        words = _words(paragraph.text)
        said_words += words
        said_paragraph += [index] * len(words)

    gold_of_said: dict[int, int] = {}  # said word index -> gold word index
    if said_words == gold_words:  # the usual case, and much faster than aligning
        gold_of_said = {index: index for index in range(len(gold_words))}
    else:
        matcher = SequenceMatcher(None, said_words, gold_words, autojunk=False)
        for block in matcher.get_matching_blocks():
            for offset in range(block.size):
                gold_of_said[block.a + offset] = block.b + offset

    speakers_in_paragraph: dict[int, set[str]] = {}
    for said_index, gold_index in gold_of_said.items():
        speakers_in_paragraph.setdefault(said_paragraph[said_index], set()).add(
            gold_speakers[gold_index]
        )

    score = Score(name=name, words=len(gold_words), turns_gold=len(gold))
    score.unnamed = len(gold_words) - len(gold_of_said)
    wrong_by_pair: dict[tuple[str, str], int] = {}
    for said_index, gold_index in gold_of_said.items():
        paragraph_index = said_paragraph[said_index]
        label = paragraphs[paragraph_index].speaker_label
        truth = gold_speakers[gold_index]
        if len(speakers_in_paragraph[paragraph_index]) > 1:
            score.mixed += 1
        if is_unnamed(label):
            score.unnamed += 1
        elif same_person(label, truth):
            score.right += 1
        else:
            score.wrong += 1
            wrong_by_pair[(label, truth)] = wrong_by_pair.get((label, truth), 0) + 1
    score.wrong_examples = sorted(
        ((said, truth, words) for (said, truth), words in wrong_by_pair.items()),
        key=lambda item: -item[2],
    )
    score.turns_found = count_turns(paragraphs)
    return score


def count_turns(paragraphs) -> int:
    """Turns: paragraphs that open one (``turn_start``) or change speaker."""
    turns, previous = 0, object()
    for paragraph in paragraphs:
        if getattr(paragraph, "turn_start", False) or paragraph.speaker_label != previous:
            turns += 1
        previous = paragraph.speaker_label
    return turns


def total(scores: list[Score]) -> Score:
    """All files together, each word counting once."""
    result = Score(name="total")
    for score in scores:
        for attribute in ("words", "right", "wrong", "unnamed", "mixed"):
            setattr(result, attribute, getattr(result, attribute) + getattr(score, attribute))
        result.turns_found += score.turns_found
        result.turns_gold += score.turns_gold
    return result


def corpus_pages(directories) -> list[tuple[Path, Path]]:
    """(page, gold) pairs: every ``<id>.page.txt`` with a ``<id>.gold.json`` beside it."""
    pairs = []
    for directory in directories:
        for page in sorted(Path(directory).glob("*.page.txt")):
            gold = page.with_name(page.name.removesuffix(".page.txt") + ".gold.json")
            if gold.exists():
                pairs.append((page, gold))
    return pairs


def score_page(page: Path, gold: Path) -> tuple[Score, float]:
    """Run the real import pipeline (no database) on a page and score it; and the seconds taken."""
    started = time.perf_counter()
    prepared = prepare_transcript(page.read_bytes(), filename=page.name)
    seconds = time.perf_counter() - started
    name = page.name.removesuffix(".page.txt")
    turns = json.loads(gold.read_text(encoding="utf-8"))
    return score_paragraphs(name, prepared.paragraphs, turns), seconds
