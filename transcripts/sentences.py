"""Sentences and words of transcript text: the one sentence splitter and word counter.

Pure. Segmenting cuts long turns at these sentences, attribution reads names in
them, and times are shared out and talk counted by these words.
"""

import re

# A sentence ends at . ! ? or … and any closing quotes or brackets, before a capital
# or a digit; never after a courtesy title ("what Ms. Jeffery said").
_SENTENCE_END = re.compile(r"""[.!?…]["”’')\]]*$""")
_SENTENCE_BREAK = re.compile(
    r"""(?<!\bMs\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bDr\.)"""
    r"""(?<=[.!?…])["”’')\]]*\s+(?=["“(\[]?[A-Z0-9¿¡])"""
)


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def split_sentences(text: str) -> list[str]:
    pieces = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        pieces.append(text[start : match.end()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]
