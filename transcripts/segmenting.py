"""Cues -> paragraphs of one speaker, the unit a search hit or a link points at.

A paragraph never spans a change of speaker or a cue that opens a turn
(``Cue.turn_start``), so an unnamed turn keeps a paragraph of its own.

Consecutive cues of one speaker are joined; a long turn is closed at a sentence
end once it has enough words, so no paragraph runs much past ~100 words. A cue
longer than a paragraph may be (untimed page text gives one cue per turn) is
first cut into sentences, with times shared out by word count; a sentence longer
than MAX_PARAGRAPH_CHARS (a 5 MB line with no full stop) is then cut at words.
"""

from dataclasses import dataclass, replace

from transcripts.limits import MAX_PARAGRAPH_CHARS
from transcripts.parsed import Cue
from transcripts.sentences import ends_sentence, split_sentences, word_count

# A paragraph closes at a sentence end once it has SOFT_WORDS and the next cue
# would take it past TARGET_WORDS; it always closes before HARD_WORDS.
SOFT_WORDS = 60
TARGET_WORDS = 100
HARD_WORDS = 150


@dataclass
class Paragraph:
    text: str
    start_ms: int | None
    end_ms: int | None
    speaker_label: str | None
    speaker_inferred: bool = False
    # The paragraph opens a turn the source marked (Cue.turn_start).
    turn_start: bool = False
    kind: str = "speech"  # or "stage": a stage direction, nobody's words

    @property
    def word_count(self):
        return word_count(self.text)


def cut_at_words(text, limit=MAX_PARAGRAPH_CHARS):
    """Pieces of at most ``limit`` characters, cut between words (inside a word only
    when one word is longer than that)."""
    pieces, start = [], 0
    text = " ".join(text.split())
    while len(text) - start > limit:
        cut = text.rfind(" ", start, start + limit + 1)
        if cut <= start:
            cut = start + limit
        pieces.append(text[start:cut].strip())
        start = cut
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def _explode_long_cue(cue):
    """Cut a cue of more than HARD_WORDS (or MAX_PARAGRAPH_CHARS) into sentences, and
    sentences too long into pieces cut at words, sharing its time by words."""
    sentences = [
        piece for sentence in split_sentences(cue.text) for piece in cut_at_words(sentence)
    ]
    if len(sentences) < 2:
        return [cue]
    total_words = sum(word_count(s) for s in sentences)
    timed = cue.start_ms is not None and cue.end_ms is not None
    pieces, words_before = [], 0
    for sentence in sentences:
        start = end = None
        if timed:
            span = cue.end_ms - cue.start_ms
            start = cue.start_ms + span * words_before // total_words
            words_before += word_count(sentence)
            end = cue.start_ms + span * words_before // total_words
        # Only the first sentence opens the cue's turn.
        turn_start = cue.turn_start and not pieces
        pieces.append(
            replace(cue, text=sentence, start_ms=start, end_ms=end, turn_start=turn_start)
        )
    if cue.start_ms is not None and not timed:
        pieces[0].start_ms = cue.start_ms  # a start-only cue keeps its stamp on its first sentence
    return pieces


def _units(cues):
    for cue in cues:
        if word_count(cue.text) > HARD_WORDS or len(cue.text) > MAX_PARAGRAPH_CHARS:
            yield from _explode_long_cue(cue)
        else:
            yield cue


def _closes_before(paragraph, cue):
    # A paragraph never holds two turns, named or not, nor speech and a stage direction.
    if cue.turn_start or cue.speaker != paragraph.speaker_label or cue.kind != paragraph.kind:
        return True
    words = paragraph.word_count
    incoming = word_count(cue.text)
    if words + incoming > HARD_WORDS or len(paragraph.text) + len(cue.text) >= MAX_PARAGRAPH_CHARS:
        return True
    return words >= SOFT_WORDS and words + incoming > TARGET_WORDS and ends_sentence(paragraph.text)


def build_paragraphs(cues: list[Cue]) -> list[Paragraph]:
    paragraphs = []
    for cue in _units(cues):
        text = " ".join(cue.text.split())
        if not text:
            continue
        current = paragraphs[-1] if paragraphs else None
        if current is None or _closes_before(current, cue):
            paragraphs.append(
                Paragraph(
                    text,
                    cue.start_ms,
                    cue.end_ms,
                    cue.speaker,
                    cue.speaker_inferred,
                    turn_start=cue.turn_start,
                    kind=cue.kind,
                )
            )
            continue
        current.text = f"{current.text} {text}"
        if current.start_ms is None:
            current.start_ms = cue.start_ms
        if cue.end_ms is not None:
            current.end_ms = cue.end_ms
        current.speaker_inferred = current.speaker_inferred and cue.speaker_inferred
    return paragraphs
