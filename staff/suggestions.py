"""Topic suggestions for a transcript in preview: reads only, nothing saved.

- ``topics_named_in``: existing topics whose names occur in the text, matched as
  the search matches (english_unaccent: any case, any accents, any word ending).
- ``distinctive_terms``: words this transcript says far more than the archive
  does, a tf-idf score: how often the transcript says a word, against in how
  many paragraphs of a sample of the archive the word appears (``ts_stat`` over
  the stored search vectors, so the cost is the sample's, whatever the archive's size).
"""

import math
import re
from collections import Counter, defaultdict

from django.db import connection

from episodes.models import Topic
from transcripts.models import SEARCH_CONFIG, Segment, Transcript

# tsvector positions stop at 16,383: text is matched in chunks well below that.
CHUNK_WORDS = 4000
# Paragraphs of the archive sampled for document frequencies.
ARCHIVE_SAMPLE = 20_000
TERMS = 10
MIN_MENTIONS = 3  # a word said once or twice is not what an episode is about
MIN_LETTERS = 4
HEADLINE_WEIGHT = 2
# Words of conversation that the English stop list keeps but no episode is about.
# A big archive ranks them low anyway; a young one needs telling.
FILLERS = (
    "yeah okay kind sort really actually basically think thing things know mean going gonna "
    "wanna gotta right well could would should maybe lot lots pretty just like feel stuff "
    "guess sure anyway totally literally obviously course point look talk said says say "
    "today people time year years also even still much many something someone everybody "
    "everyone anything"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def topics_named_in(texts):
    """Existing topics whose names occur in ``texts``, by name."""
    chunks = _chunks(texts)
    if not chunks:
        return Topic.objects.none()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH document AS MATERIALIZED (
                SELECT to_tsvector(%(config)s, chunk) AS vector
                FROM unnest(%(chunks)s::text[]) AS chunk
            )
            SELECT topic.id FROM {Topic._meta.db_table} AS topic
            WHERE numnode(phraseto_tsquery(%(config)s, topic.name)) > 0
              AND EXISTS (
                SELECT 1 FROM document
                WHERE document.vector @@ phraseto_tsquery(%(config)s, topic.name)
              )
            """,
            {"config": SEARCH_CONFIG, "chunks": chunks},
        )
        ids = [row[0] for row in cursor.fetchall()]
    return Topic.objects.filter(pk__in=ids).order_by("name")


def distinctive_terms(texts, *, headline=(), leave_out=(), episode=None, limit=TERMS):
    """Words that set this text apart from the archive, most distinctive first.

    ``texts`` are the paragraphs; ``headline`` (title, summary, description) is
    what an editor wrote about them, so a word said in both weighs more.
    Each term is given as the text most often writes it ("Secession"). Words of
    ``leave_out`` (speakers' names, the show's), existing topics' names and the
    fillers of speech are left out; ``episode``'s own paragraphs are not counted
    as the archive.
    """
    forms = Counter(word for text in texts for word in _WORD.findall(text or ""))
    forms = Counter({w: n for w, n in forms.items() if len(w) >= MIN_LETTERS})
    lexeme_of = _lexemes(sorted({word.lower() for word in forms}))
    in_headline = _lexemes_in(headline)
    mentions, spellings = Counter(), defaultdict(Counter)
    for word, count in forms.items():
        lexeme = lexeme_of.get(word.lower())
        if lexeme:
            mentions[lexeme] += count
            spellings[lexeme][word] += count
    unwanted = _lexemes_in([*leave_out, *Topic.objects.values_list("name", flat=True), FILLERS])
    candidates = [
        lexeme
        for lexeme, count in mentions.items()
        if count >= MIN_MENTIONS and lexeme not in unwanted
    ]
    sampled, frequency = _archive_frequencies(candidates, episode=episode)

    def score(lexeme):
        # Smoothed idf: an empty archive ranks by mentions alone.
        rarity = math.log((sampled + 1) / (frequency.get(lexeme, 0) + 1)) + 1
        weight = HEADLINE_WEIGHT if lexeme in in_headline else 1
        return (1 + math.log(mentions[lexeme])) * rarity * weight

    ranked = sorted(candidates, key=lambda lexeme: (-score(lexeme), lexeme))[:limit]
    return [_topic_name(spellings[lexeme]) for lexeme in ranked]


def _topic_name(spellings):
    # Prefer the capitalised spelling when it is common ("California", "ICE").
    word = max(spellings, key=lambda w: (spellings[w] + (0.5 if w[:1].isupper() else 0), w))
    return word[:1].upper() + word[1:]


def _chunks(texts):
    chunks, current = [], []
    for text in texts:
        words = (text or "").split()
        for start in range(0, len(words), CHUNK_WORDS):
            current.extend(words[start : start + CHUNK_WORDS])
            if len(current) >= CHUNK_WORDS:
                chunks.append(" ".join(current))
                current = []
    if current:
        chunks.append(" ".join(current))
    return chunks


def _lexemes(words):
    """The index's lexeme of each word (None for stop words), in one query."""
    if not words:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT word, (SELECT lexeme FROM unnest(to_tsvector(%s, word)) LIMIT 1)
            FROM unnest(%s::text[]) AS word
            """,
            [SEARCH_CONFIG, words],
        )
        return dict(cursor.fetchall())


def _lexemes_in(phrases):
    words = {word.lower() for phrase in phrases for word in _WORD.findall(phrase)}
    return {lexeme for lexeme in _lexemes(sorted(words)).values() if lexeme}


def _archive_frequencies(lexemes, *, episode):
    """(paragraphs sampled, {lexeme: paragraphs containing it}) over current transcripts."""
    if not lexemes:
        return 0, {}
    sample = _sample_query(episode)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sample}) AS sample")
        sampled = cursor.fetchone()[0]
        if not sampled:
            return 0, {}
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat(%s) WHERE word = ANY(%s::text[])",
            [sample, lexemes],
        )
        return sampled, dict(cursor.fetchall())


def _sample_query(episode):
    """SQL of the sampled search vectors: ~ARCHIVE_SAMPLE rows, spread over the table.

    TABLESAMPLE SYSTEM reads whole pages picked at random (REPEATABLE: the same
    pages each time), so its cost is the sample's, not the table's.
    """
    segments, transcripts = Segment._meta.db_table, Transcript._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [segments])
        row = cursor.fetchone()
    rows = row[0] if row else -1
    percent = 100.0 if rows <= ARCHIVE_SAMPLE else max(100.0 * ARCHIVE_SAMPLE / rows, 0.01)
    # Only numbers are formatted into this SQL (ts_stat takes the query as text).
    not_this_episode = f"AND t.episode_id <> {int(episode.pk)}" if episode else ""
    return (
        f"SELECT s.search_vector FROM {segments} AS s "
        f"TABLESAMPLE SYSTEM ({percent:.4f}) REPEATABLE (7) "
        f"JOIN {transcripts} AS t ON t.id = s.transcript_id "
        f"WHERE t.is_current {not_this_episode}"
    )
