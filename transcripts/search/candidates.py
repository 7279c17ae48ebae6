"""The candidates: the newest matching paragraphs, found window by window of episodes,
at most a given number, each with its rank. Nothing counts, ranks or sorts more."""

import math
from datetime import date
from functools import partial
from typing import NamedTuple

from episodes.cached import kept_here
from episodes.models import Episode
from episodes.reads import id_array, reading_connection
from transcripts.models import SEARCH_CONFIG, Segment, Transcript

# Windows of newest episodes searched first: the first holds FIRST_WINDOW episodes;
# past MAX_WINDOW episodes the word is rare and the whole archive is searched at once.
FIRST_WINDOW = 8
MAX_WINDOW = 300


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
    found, searched, size = [], 0, FIRST_WINDOW
    while searched + size <= MAX_WINDOW:
        window = transcripts[searched : searched + size]
        found += _window_matches(criteria, query, window, limit=limit - len(found))
        searched += len(window)
        if len(found) >= limit or len(window) < size:  # enough, or no older episodes
            return found[:limit]
        # Size the next window to hold what is missing, with a margin: matches are
        # lumpy, and a third window costs another statement (a window searched past
        # what it needs costs little: its search stops where the limit is reached).
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


def _window_matches(criteria, query, window, *, limit):
    """The first ``limit`` matches in the ``window`` transcripts, in window order.

    The query has no joins: the window already applied the episode filters.
    """
    if not window:
        return []
    episode_of = {row[0]: (*row[1:],) for row in window}
    sql, params = _window_sql(criteria, query is not None, list(episode_of), limit)
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
    PostgreSQL takes to answer it.

    The window is searched transcript by transcript, in its order: the search index holds
    the transcript beside the words (migration transcripts/0013), so each is one scan of
    it, bounded by the transcript's paragraphs, and the statement stops at the transcript
    where the limit is reached. The LIMIT inside keeps PostgreSQL from turning the
    transcripts into a join with every match of the words in the archive (their whole
    posting list and rows: ~10,000 for a phrase at 1M paragraphs), as it would for a
    window wider than a few episodes. At 1M paragraphs this beat both plans it replaced
    (the word's bitmap ANDed with the transcript index's, or every paragraph of the
    window read and tested) on every search case: "housing" in 66 episodes 8.3 -> 3.1 ms.
    """
    params = {"window": id_array(transcript_ids), "limit": limit}
    conditions, rank = _paragraph_conditions(criteria, with_words, params, column="")
    conditions.insert(1, "transcript_id = w.transcript_id")
    # One array parameter (not IN with a parameter per id): cheaper to send and to plan.
    sql = (
        "SELECT s.id, s.transcript_id, s.speaker_id, s.position, s.rank"
        " FROM unnest(%(window)s::bigint[]) WITH ORDINALITY AS w (transcript_id, n)"
        f" CROSS JOIN LATERAL (SELECT id, transcript_id, speaker_id, position, {rank} AS rank"
        f" FROM {Segment._meta.db_table} WHERE {' AND '.join(conditions)}"
        " ORDER BY position LIMIT %(limit)s) s"
        " ORDER BY w.n, s.position LIMIT %(limit)s"
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
