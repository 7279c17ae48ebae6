"""For a search that names someone or something, or finds nothing: speakers and topics
the words seem to name, and the same search with other spellings the archive says."""

import re
from dataclasses import dataclass, field
from importlib import import_module

from django.contrib.postgres.lookups import Unaccent
from django.db import connection, transaction
from django.db.models import FloatField, Func, Value
from django.db.models.functions import Lower

from episodes.cached import kept_here
from episodes.models import Speaker, Topic
from episodes.reads import reading_connection
from transcripts.models import Segment
from transcripts.search.query import websearch

_OPERATORS = re.compile(r"""["“”]|(^|\s)-\S|\bOR\b""")


@dataclass
class Suggestions:
    speakers: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    # Searches with other spellings, from the archive's own words: (words, paragraphs).
    spellings: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.speakers or self.topics or self.spellings)


def looks_like_a_name(words):
    return bool(words) and len(words.split()) <= 4 and not _OPERATORS.search(words)


def suggestions(words):
    """Speakers and topics the words seem to name (forgiving misspellings)."""
    if not looks_like_a_name(words):
        return Suggestions()
    # Kept until the archive changes: the same words ask the same of it (five statements);
    # by this process too (a cache read less a search). Callers change a copy, not this.
    return kept_here(
        "search-suggestions",
        lambda: Suggestions(Speaker.objects.named_like(words), _topics_named_like(words)),
        words,
    )


def _topics_named_like(words):
    return list(
        Topic.objects.public()
        .annotate(
            found_likeness=Func(
                Unaccent(Lower("name")),
                Unaccent(Lower(Value(words))),
                function="strict_word_similarity",
                output_field=FloatField(),
            )
        )
        .filter(found_likeness__gte=0.6)
        .order_by("-found_likeness", "name")[:2]
    )


# --- "Did you mean" --------------------------------------------------------------------

# Migration 0008: words said in published episodes, kept up to date by the database in
# the transaction that publishes, imports, edits or unpublishes.
SEARCH_WORDS = "transcripts_searchword"
# The writers of the words take turns under it (the lock order is in migration 0009).
SEARCH_WORDS_LOCK = import_module(
    "transcripts.migrations.0009_search_words_one_writer_at_a_time"
).SEARCH_WORDS_LOCK
SPELLING_COUNT_CAP = 1000  # "1000+": counting every match of a common word costs too much
_PLAIN_WORD = re.compile(r"[^\W\d_]{3,40}")
_COUNT_EVERY_WORD = f"""
INSERT INTO {SEARCH_WORDS} (word, paragraphs)
SELECT word, ndoc FROM ts_stat($$
    SELECT to_tsvector('simple', s.text)
    FROM transcripts_segment s
    JOIN transcripts_transcript t ON t.id = s.transcript_id
    JOIN episodes_episode e ON e.id = t.episode_id
    WHERE t.is_current AND e.is_published AND s.kind = 'speech'
$$)
WHERE length(word) BETWEEN 3 AND 40 AND word !~ '[0-9_]'
"""


@transaction.atomic
def refresh_search_words():
    """Count the words spelling suggestions come from afresh, over the whole archive.

    The database keeps them up to date as the archive changes (migration 0008); this
    is a repair, and what the tests check those updates against. Readers keep the old
    counts until it commits (one transaction). It takes its turn as the triggers do
    (holding no row, it keeps their lock order): an import counting new words meanwhile
    would otherwise make its insert of them fail on the word's key; its statements after
    the lock see what the writer before it committed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEARCH_WORDS_LOCK])
        cursor.execute(f"DELETE FROM {SEARCH_WORDS}")
        cursor.execute(_COUNT_EVERY_WORD)


def spelling_suggestions(words, *, limit=3):
    """For a search that found nothing: the same search with a word swapped for a
    similar word the archive says (trigram similarity, the more often said first),
    each with how many published paragraphs it finds."""
    with reading_connection(Segment).cursor() as cursor:
        found = []
        for typed in dict.fromkeys(_PLAIN_WORD.findall(words.lower())):
            cursor.execute(
                f"SELECT word FROM {SEARCH_WORDS} WHERE word %% %s AND word <> %s "
                "ORDER BY similarity(word, %s) DESC, paragraphs DESC LIMIT %s",
                [typed, typed, typed, limit],
            )
            for (word,) in cursor.fetchall():
                changed = re.sub(rf"\b{re.escape(typed)}\b", word, words, flags=re.IGNORECASE)
                # The word list counts paragraphs saying the word; this counts what the
                # whole search finds with it (capped), on what is public now.
                matches = Segment.objects.public().filter(search_vector=websearch(changed))
                count = matches[:SPELLING_COUNT_CAP].count()
                if count:
                    found.append((changed, count))
    return sorted(found, key=lambda pair: -pair[1])[:limit]
