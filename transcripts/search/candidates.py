"""The candidates: the newest matching paragraphs, found window by window of episodes,
at most a given number, each with its rank. Nothing counts, ranks or sorts more."""

import math
import re
import unicodedata
from datetime import date
from functools import partial
from typing import NamedTuple

from episodes.cached import generation, kept_here
from episodes.models import Episode
from episodes.reads import id_array, reading_connection
from transcripts.models import SEARCH_CONFIG, Segment, Transcript

# Windows of newest episodes searched first: the first holds FIRST_WINDOW episodes;
# past MAX_WINDOW episodes the word is rare and the whole archive is searched at once.
FIRST_WINDOW = 8
MAX_WINDOW = 300
# Above this many matches per episode, reading a window's paragraphs beats the GIN
# bitmap of the word (whose cost grows with its matches in the whole archive).
DENSE_MATCHES_PER_EPISODE = 25
# Above this many entries of the words in the search index (as PostgreSQL's statistics
# estimate them), testing each paragraph of the first window beats reading the entries,
# which the planner underrates. At 1M paragraphs, a first window of 5,500 paragraphs:
# "know" (190,000 entries) 81 ms as a GIN bitmap, 10 ms reading the window; "housing"
# (~30,000) 10 and 7; "watershed" (164) 0.3 and 3.
WINDOW_SCAN_ENTRIES = 10_000


class Candidate(NamedTuple):
    segment_id: int
    episode_id: int
    air_date: date
    show_id: int
    speaker_id: int | None
    position: int
    rank: float


# A Candidate from a tuple of its fields in order: tuple.__new__ runs in C, where
# Candidate(...) runs the generated __new__ in Python (a common word has 1,000 of them).
_candidate = partial(tuple.__new__, Candidate)


def newest_matches(criteria, query, *, limit):
    """The newest ``limit`` matching paragraphs as Candidates, newest episode first.

    Windows of the newest episodes are searched first, each sized from the
    density of matches seen so far: a common word fills ``limit`` in the first,
    a middling one in the second. When the next window would be too wide the
    word is rare, and one query over the whole archive is cheap (its GIN
    posting list is short); it also catches what the windows found.
    """
    # Every window's transcripts in one statement: a few hundred small rows cost less
    # than a round trip per window.
    transcripts = _newest_transcripts(criteria)
    common = query is not None and index_entries(criteria.words) > WINDOW_SCAN_ENTRIES
    found, searched, size = [], 0, FIRST_WINDOW
    while searched + size <= MAX_WINDOW:
        window = transcripts[searched : searched + size]
        if searched == 0:  # a common word's first window is read, a rarer word's the planner's
            plan = _READ_WINDOW if common else None
        else:  # now we know how dense the matches are
            sparse = len(found) / searched < DENSE_MATCHES_PER_EPISODE
            plan = _WITH_BITMAPS if sparse else None
        found += _window_matches(criteria, query, window, limit=limit - len(found), plan=plan)
        searched += len(window)
        if len(found) >= limit or len(window) < size:  # enough, or no older episodes
            return found[:limit]
        # Size the next window to hold what is missing, with a margin: matches are
        # lumpy, and a third window costs another scan of the word's posting list.
        missing = limit - len(found)
        size = math.ceil(1.6 * missing * searched / len(found)) if found else MAX_WINDOW + 1
    return _archive_matches(criteria, query, limit=limit)


def _newest_transcripts(criteria):
    """(transcript, episode, air date, show) of the MAX_WINDOW newest transcripts that pass
    the episode filters, kept until the archive changes: a statement less for most searches
    (the words do not change them, and most searches have no filters)."""

    def newest():
        rows = criteria.transcripts().values_list(
            "pk", "episode_id", "episode__air_date", "episode__show_id"
        )
        return list(rows[:MAX_WINDOW])

    return kept_here(
        "search-windows",
        newest,
        MAX_WINDOW,
        *criteria.episode_filters_key(),
    )


_statistics = {}  # {"generation": g, "entries": {lexeme: fraction of paragraphs}, "rows": n}
_WORD = re.compile(r"\w+")


def index_entries(words):
    """About how many entries the search index holds for ``words`` (their lexemes summed),
    from PostgreSQL's statistics of the search vectors: its most common lexemes and their
    frequencies, read once per process and page generation. A word that is not among
    them is rare and counts 0. Only a hint for planning: no result depends on it.

    A lexeme is matched in Python as the longest common lexeme that begins the word and
    lacks at most three of its letters ("housing" is "hous"); a word the stemmer changes
    otherwise ("city", "citi") counts as rare, which leaves the plan to PostgreSQL.
    """
    current = generation()
    if _statistics.get("generation") != current:
        _statistics.update(generation=current, **_read_statistics())
    entries, total = _statistics["entries"], 0.0
    for chunk in _fold_accents(words.lower()).split():
        if chunk.startswith("-"):
            continue  # left out: no index entries are read for it
        for word in _WORD.findall(chunk):
            for length in range(len(word), max(len(word) - 4, 1), -1):
                if word[:length] in entries:
                    total += entries[word[:length]]
                    break
    return total * _statistics["rows"]


def _fold_accents(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _read_statistics():
    with reading_connection(Segment).cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples"
            " FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema()"
            " AND s.tablename = c.relname AND s.attname = 'search_vector'"
            " WHERE c.oid = 'transcripts_segment'::regclass"
        )
        lexemes, frequencies, rows = cursor.fetchone()
    # The frequencies end with three more figures (least, most, nulls): zip stops before.
    entries = dict(zip(lexemes or (), frequencies or (), strict=False))
    return {"entries": entries, "rows": max(rows, 0)}


def _window_matches(criteria, query, window, *, limit, plan):
    """The first ``limit`` matches in the ``window`` transcripts, in window order.

    The query has no joins: the window already applied the episode filters.
    For a middling word PostgreSQL underrates reading every paragraph of the
    window and testing it (~1 µs each); ANDing the GIN bitmap with the
    transcript index reads only the matches, so we ask for bitmaps then
    (``plan=_WITH_BITMAPS``). For a common word it is the other way round: its GIN
    entries cost more to read than the window's paragraphs (``plan=_READ_WINDOW``).
    """
    if not window:
        return []
    episode_of = {row[0]: (*row[1:],) for row in window}
    sql, params = _window_sql(criteria, query is not None, list(episode_of), limit)
    if plan:
        rows = _planned_with(sql, params, plan)
    else:
        with reading_connection(Segment).cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    return [
        _candidate((segment_id, *episode_of[transcript_id], speaker_id, position, rank))
        for segment_id, transcript_id, speaker_id, position, rank in rows
    ]


def _window_sql(criteria, with_words, transcript_ids, limit):
    """(sql, params) of a window's matches, written out rather than built by the ORM: a
    search runs one or two windows, and building each cost ~1 ms of Python, about what
    PostgreSQL takes to answer it."""
    params = {"window": id_array(transcript_ids), "limit": limit}
    conditions, rank = _paragraph_conditions(criteria, with_words, params, column="")
    conditions.insert(1, "transcript_id = ANY(%(window)s::bigint[])")
    # One array parameter (not IN with a parameter per id): cheaper to send and to plan.
    sql = (
        f"SELECT id, transcript_id, speaker_id, position, {rank}"
        f" FROM {Segment._meta.db_table} WHERE {' AND '.join(conditions)}"
        " ORDER BY array_position(%(window)s::bigint[], transcript_id), position"
        " LIMIT %(limit)s"
    )
    return sql, params


def _paragraph_conditions(criteria, with_words, params, *, column):
    """(conditions, rank) in SQL: ``criteria.segments_only()``'s (speech, by the speakers
    chosen) and the words (``websearch``) with their rank; ``column`` prefixes the
    paragraphs' columns. Their values are added to ``params``."""
    conditions = [f"{column}kind = %(speech)s"]
    params["speech"] = Segment.Kind.SPEECH
    rank = "0.0"
    if criteria.speakers:
        conditions.append(f"{column}speaker_id = ANY(%(speakers)s::bigint[])")
        params["speakers"] = id_array(speaker.pk for speaker in criteria.speakers)
    if with_words:
        words = "websearch_to_tsquery(%(config)s::regconfig, %(words)s)"
        conditions.append(f"{column}search_vector @@ {words}")
        # Plain ts_rank: more mentions score higher, with diminishing returns; dividing by
        # length (normalization 1 or 2) let one-line replies outrank substantive answers.
        rank = f"ts_rank({column}search_vector, {words})"
        params.update(config=SEARCH_CONFIG, words=criteria.words)
    return conditions, rank


_WITH_BITMAPS = "enable_indexscan"  # off: the GIN bitmap ANDed with the transcripts'
_READ_WINDOW = "enable_bitmapscan"  # off: the window's paragraphs read and tested


def _planned_with(sql, params, plan):
    """The rows of ``sql`` planned with ``plan`` (a kind of scan) off, in one round trip.

    ``SET LOCAL``, the query and the setting back are sent as one query string, which
    PostgreSQL runs as one implicit transaction: no BEGIN and COMMIT of their own (three
    statements a search saves). This needs client-side parameter binding, Django's
    default for psycopg 3 (not OPTIONS server_side_binding).
    """
    with reading_connection(Segment).cursor() as cursor:
        cursor.execute(f"SET LOCAL {plan} = off; {sql}; SET LOCAL {plan} TO DEFAULT", params)
        cursor.nextset()  # past the SET, to the query's rows
        return cursor.fetchall()


def _archive_matches(criteria, query, *, limit):
    """One query over the whole archive: the newest ``limit`` matches, ranked.

    Written out as ``criteria.segments()`` with the words would be built by the ORM (the
    same joins and conditions): built, it cost a rare word's page ~4,000 Python calls,
    a fifth of it. The episode conditions are ``SearchCriteria._episode_conditions``'s
    (published: ``published_through``): a filter added there is added here.
    """
    params = {"limit": limit}
    conditions, rank = _paragraph_conditions(criteria, query is not None, params, column="s.")
    joins = [
        f"JOIN {Transcript._meta.db_table} t ON t.id = s.transcript_id",
        f"JOIN {Episode._meta.db_table} e ON e.id = t.episode_id",
    ]
    conditions += ["t.is_current", "e.is_published"]
    if criteria.show:
        conditions.append("e.show_id = %(show)s")
        params["show"] = criteria.show.pk
    if criteria.topic:
        joins.append(f"JOIN {Episode.topics.through._meta.db_table} et ON et.episode_id = e.id")
        conditions.append("et.topic_id = %(topic)s")
        params["topic"] = criteria.topic.pk
    if criteria.date_from:
        conditions.append("e.air_date >= %(date_from)s")
        params["date_from"] = criteria.date_from
    if criteria.date_to:
        conditions.append("e.air_date <= %(date_to)s")
        params["date_to"] = criteria.date_to
    sql = (
        f"SELECT s.id, t.episode_id, e.air_date, e.show_id, s.speaker_id, s.position, {rank}"
        f" FROM {Segment._meta.db_table} s {' '.join(joins)}"
        f" WHERE {' AND '.join(conditions)}"
        " ORDER BY e.air_date DESC, t.episode_id DESC, s.position LIMIT %(limit)s"
    )
    with reading_connection(Segment).cursor() as cursor:
        cursor.execute(sql, params)
        return list(map(_candidate, cursor.fetchall()))


def whole_days(candidates):
    """Drop the oldest air date's matches (it may be cut short), so every count is whole.

    Returns (candidates, since): since is the oldest air date kept.
    """
    oldest = candidates[-1].air_date
    whole = [c for c in candidates if c.air_date > oldest]
    if not whole:  # one day holds more matches than the limit: keep them, partial
        return candidates, oldest
    return whole, whole[-1].air_date
