"""Stable paragraph keys: what a link to a paragraph names, whatever edits come later.

A key is a short string unique within one transcript (its anchor is ``#p-<key>``).
It is made from the paragraph's words, so the same file imported into a fresh
database gets the same keys, and it never changes afterwards: an edit keeps it, a
split leaves it on the first part, a merge keeps the first paragraph's and lists
the second's among the merged paragraph's former anchors, and a new version of the
transcript takes over the keys of the paragraphs whose words carry over.

Pure functions: plain data in and out, no database.
"""

import hashlib
import re
from difflib import SequenceMatcher

KEY_LENGTH = 8
ANCHOR_PREFIX = "p-"
LEGACY_PREFIX = "seg-"
# Below this likeness a new paragraph is new words, not a corrected old one.
SAME_WORDS = 0.6
# How far from its proportional place a changed paragraph is looked for.
NEAR = 3
_WORD = re.compile(r"\w+")


def words(text):
    return _WORD.findall(text.casefold())


def make_key(text, taken):
    """A key for a paragraph of ``text`` that is not in ``taken`` (which it joins)."""
    base = " ".join(words(text)).encode()
    for salt in range(10_000):
        digest = hashlib.blake2b(base + b"#" + str(salt).encode(), digest_size=8).hexdigest()
        key = digest[:KEY_LENGTH]
        if key not in taken:
            taken.add(key)
            return key
    raise RuntimeError("no free paragraph key")  # 10,000 collisions in 4 billion: unreachable


def keys_taken(rows):
    """The keys a transcript of (key, former anchors) rows uses: none may be given again."""
    taken = set()
    for key, anchors in rows:
        taken.add(key)
        taken.update(anchor.removeprefix(ANCHOR_PREFIX) for anchor in anchors)
    return taken


def keys_for(texts, taken=()):
    """Fresh keys for a new transcript's paragraphs, in order."""
    taken = set(taken)
    return [make_key(text, taken) for text in texts]


def carry_over(old, new_texts):
    """Keys for a new version's paragraphs, carried over from the version it replaces.

    ``old`` is the replaced version's paragraphs as (key, former_anchors, text), in
    order. Returns one (key, former_anchors) per new paragraph: paragraphs whose words
    carry over (the same, or corrected: mostly the same words) keep their key and
    former anchors; an old paragraph that found no match of its own (merged into
    another, or cut) hands its anchors to the new paragraph most like it, so links to
    it still land on its words; the rest get fresh keys.
    """
    old_words = [" ".join(words(text)) for _, _, text in old]
    new_words = [" ".join(words(text)) for text in new_texts]
    matched = {}  # new index -> old index
    unmatched = []  # (old index, new indices it may have gone into)
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, o1, o2, n1, n2 in matcher.get_opcodes():
        if tag == "equal":
            matched.update({n1 + i: o1 + i for i in range(o2 - o1)})
            continue
        pairs = _pair_alike(old_words, o1, o2, new_words, n1, n2) if tag == "replace" else {}
        matched.update(pairs)
        # Merged into a neighbour, or into a paragraph of this changed stretch.
        around = range(max(n1 - 1, 0), min(n2 + 1, len(new_texts)))
        unmatched += [(o, around) for o in range(o1, o2) if o not in pairs.values()]

    taken = keys_taken((key, anchors) for key, anchors, _ in old)
    result = [None] * len(new_texts)
    for n, o in matched.items():
        key, anchors, _ = old[o]
        result[n] = (key, list(anchors))
    for n, text in enumerate(new_texts):
        if result[n] is None:
            result[n] = (make_key(text, taken), [])
    for o, around in unmatched:
        n = _most_alike(old_words[o], new_words, around)
        if n is not None:
            key, anchors, _ = old[o]
            result[n][1].extend([ANCHOR_PREFIX + key, *anchors])
    return result


def _likeness(a, b):
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def _pair_alike(old_words, o1, o2, new_words, n1, n2):
    """In a changed stretch, pair each old paragraph with the new one most like it.

    Only new paragraphs near the old one's place in the stretch are compared, so a
    wholly different file costs a few comparisons a paragraph, not one per pair.
    """
    pairs, used = {}, set()
    scale = (n2 - n1) / (o2 - o1)
    for o in range(o1, o2):
        middle = n1 + round((o - o1) * scale)
        near = range(max(n1, middle - NEAR), min(n2, middle + NEAR + 1))
        scored = [(_likeness(old_words[o], new_words[n]), n) for n in near if n not in used]
        if scored:
            score, n = max(scored, key=lambda pair: (pair[0], -pair[1]))
            if score >= SAME_WORDS:
                pairs[n] = o
                used.add(n)
    return pairs


def _most_alike(old_text, new_words, candidates):
    """The candidate holding most of an old paragraph's words (None: too few of them)."""
    old = set(old_text.split())
    if not old:
        return None
    best, best_share = None, 0.0
    for n in candidates:
        share = len(old & set(new_words[n].split())) / len(old)
        if share > best_share:
            best, best_share = n, share
    return best if best_share >= SAME_WORDS else None
