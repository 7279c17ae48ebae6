"""The candidates: the newest matching paragraphs, found window by window of episodes,
at most a given number, each with its rank. Nothing counts, ranks or sorts more."""

import math
from datetime import date
from typing import NamedTuple

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import BooleanField, F, FloatField, Value
from django.db.models.expressions import RawSQL

# Windows of newest episodes searched first: the first holds FIRST_WINDOW episodes;
# past MAX_WINDOW episodes the word is rare and the whole archive is searched at once.
FIRST_WINDOW = 8
MAX_WINDOW = 300
# Above this many matches per episode, reading a window's paragraphs beats the GIN
# bitmap of the word (whose cost grows with its matches in the whole archive).
DENSE_MATCHES_PER_EPISODE = 25


class Candidate(NamedTuple):
    segment_id: int
    episode_id: int
    air_date: date
    show_id: int
    speaker_id: int | None
    position: int
    rank: float


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
    transcripts = list(
        criteria.transcripts().values_list(
            "pk", "episode_id", "episode__air_date", "episode__show_id"
        )[:MAX_WINDOW]
    )
    found, searched, size = [], 0, FIRST_WINDOW
    while searched + size <= MAX_WINDOW:
        window = transcripts[searched : searched + size]
        # The first window is the planner's; after it we know how dense the matches are.
        sparse = searched > 0 and len(found) / searched < DENSE_MATCHES_PER_EPISODE
        found += _window_matches(
            criteria, query, window, limit=limit - len(found), force_bitmap=sparse
        )
        searched += len(window)
        if len(found) >= limit or len(window) < size:  # enough, or no older episodes
            return found[:limit]
        # Size the next window to hold what is missing, with a margin: matches are
        # lumpy, and a third window costs another scan of the word's posting list.
        missing = limit - len(found)
        size = math.ceil(1.6 * missing * searched / len(found)) if found else MAX_WINDOW + 1
    return _archive_matches(criteria, query, limit=limit)


def _rank(query):
    if query is None:
        return Value(0.0, output_field=FloatField())
    # Plain ts_rank: more mentions score higher, with diminishing returns; dividing by
    # length (normalization 1 or 2) let one-line replies outrank substantive answers.
    return SearchRank(F("search_vector"), query)


def _window_matches(criteria, query, window, *, limit, force_bitmap):
    """The first ``limit`` matches in the ``window`` transcripts, in window order.

    The query has no joins: the window already applied the episode filters.
    For a middling word PostgreSQL underrates reading every paragraph of the
    window and testing it (~1 µs each); ANDing the GIN bitmap with the
    transcript index reads only the matches, so we ask for bitmaps then.
    """
    if not window:
        return []
    episode_of = {row[0]: (*row[1:],) for row in window}
    transcript_ids = list(episode_of)
    # One array parameter (not IN with a parameter per id): cheaper to send and to plan.
    in_window = RawSQL(
        "transcript_id = ANY(%s::bigint[])", (transcript_ids,), output_field=BooleanField()
    )
    matches = criteria.segments_only().filter(in_window)
    if query is not None:
        matches = matches.filter(search_vector=query)
    window_order = RawSQL("array_position(%s::bigint[], transcript_id)", (transcript_ids,))
    rows = (
        matches.annotate(found_rank=_rank(query))
        .order_by(window_order, "position")
        .values_list("pk", "transcript_id", "speaker_id", "position", "found_rank")[:limit]
    )
    if force_bitmap:
        rows = _planned_with_bitmaps(rows)
    found = []
    for segment_id, transcript_id, speaker_id, position, rank in rows:
        episode_id, air_date, show_id = episode_of[transcript_id]
        found.append(
            Candidate(segment_id, episode_id, air_date, show_id, speaker_id, position, rank)
        )
    return found


def _planned_with_bitmaps(queryset):
    """The rows of ``queryset`` planned with plain index scans off, in one round trip.

    ``SET LOCAL``, the query and the setting back are sent as one query string, which
    PostgreSQL runs as one implicit transaction: no BEGIN and COMMIT of their own (three
    statements a search saves). This needs client-side parameter binding, Django's
    default for psycopg 3 (not OPTIONS server_side_binding).
    """
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SET LOCAL enable_indexscan = off; {sql}; SET LOCAL enable_indexscan TO DEFAULT",
            params,
        )
        cursor.nextset()  # past the SET, to the query's rows
        return cursor.fetchall()


def _archive_matches(criteria, query, *, limit):
    """One query over the whole archive: the newest ``limit`` matches, ranked."""
    matches = criteria.segments()
    if query is not None:
        matches = matches.filter(search_vector=query)
    rows = (
        matches.annotate(
            found_episode=F("transcript__episode_id"),
            found_date=F("transcript__episode__air_date"),
            found_show=F("transcript__episode__show_id"),
            found_rank=_rank(query),
        )
        .order_by("-transcript__episode__air_date", "-transcript__episode_id", "position")
        .values_list(
            "pk",
            "found_episode",
            "found_date",
            "found_show",
            "speaker_id",
            "position",
            "found_rank",
        )[:limit]
    )
    return [Candidate(*row) for row in rows]


def whole_days(candidates):
    """Drop the oldest air date's matches (it may be cut short), so every count is whole.

    Returns (candidates, since): since is the oldest air date kept.
    """
    oldest = candidates[-1].air_date
    whole = [c for c in candidates if c.air_date > oldest]
    if not whole:  # one day holds more matches than the limit: keep them, partial
        return candidates, oldest
    return whole, whole[-1].air_date
