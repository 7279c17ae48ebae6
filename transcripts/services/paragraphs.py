"""The one COPY writer of paragraphs (Segment rows): the importer and the benchmark's
synthetic archive (tools/bench_archive.py) both write through ``copy_segment_rows``."""

import re
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection

from transcripts.keys import carry_over, make_key
from transcripts.models import Segment

SEGMENT_COLUMNS = (
    "transcript_id",
    "position",
    "start_ms",
    "end_ms",
    "speaker_id",
    "speaker_label",
    "speaker_inferred",
    "kind",
    "text",
    "key",
    "former_anchors",
)


def copy_segment_rows(rows, *, columns=SEGMENT_COLUMNS):
    """Write Segment rows (tuples of ``columns``) with COPY, in the caller's transaction.

    Measured on 5,000 paragraphs: ~15 ms of Python against ~240 ms for bulk_create's
    INSERT; ~5 ms with the columns' types given (psycopg then skips choosing a dumper
    for each value, the former anchors' lists above all) and no former anchors column
    when there are none. Columns left out take their database defaults (a key from its
    sequence, no former anchors). Database errors come out as Django's (IntegrityError...).
    """
    table = Segment._meta.db_table
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        copy.set_types([_COLUMN_TYPES[column] for column in columns])
        for row in rows:
            copy.write_row(row)


# "varchar(16)" -> "varchar", "varchar(24)[]" -> "varchar[]": the names psycopg knows.
_COLUMN_TYPES = {
    field.column: re.sub(r"\(\d+\)", "", field.db_type(connection))
    for field in Segment._meta.concrete_fields
    if field.column in SEGMENT_COLUMNS
}


def write_paragraphs(transcript, paragraphs, speaker_for_label, *, replaced=None):
    """A new transcript's paragraphs, in order, with their keys (carried over from the
    version it replaces where the words carry over, so links to them keep landing)."""
    keys = _paragraph_keys(paragraphs, replaced)
    rows = (
        (
            transcript.pk,
            position,
            paragraph.start_ms,
            paragraph.end_ms,
            speaker.pk if (speaker := speaker_for_label.get(paragraph.speaker_label)) else None,
            paragraph.speaker_label or "",
            paragraph.speaker_inferred and bool(paragraph.speaker_label),
            paragraph.kind,
            paragraph.text,
            key,
            former_anchors,
        )
        for position, (paragraph, (key, former_anchors)) in enumerate(
            zip(paragraphs, keys, strict=True), start=1
        )
    )
    columns = SEGMENT_COLUMNS
    if replaced is None:  # a first version has no former anchors: the column's default
        columns = SEGMENT_COLUMNS[:-1]  # all but former_anchors, the last
        rows = (row[:-1] for row in rows)
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        _gin_pending_list_for_one_import(cursor),
    ):
        copy_segment_rows(rows, columns=columns)


def _paragraph_keys(paragraphs, replaced):
    """(key, former anchors) per paragraph: fresh, or carried over from the version
    this one replaces where the words carry over, so links to them keep landing."""
    if replaced is None:
        # Made as the COPY reads them: PostgreSQL works on the rows already sent while
        # Python makes the next keys (~40 ms of Python for 5,000 paragraphs).
        taken = set()
        return ((make_key(paragraph.text, taken), []) for paragraph in paragraphs)
    old = replaced.segments.order_by("position").values_list("key", "former_anchors", "text")
    return carry_over(list(old), [paragraph.text for paragraph in paragraphs])


# Searches scan the search index's pending list (words not yet merged into it). A
# 5,000-paragraph import would flush it many times, one small merge into the index each
# (every 4 MB, the server's default; every 256 kB under the index's old storage
# parameter). For the import's own transaction it may grow to 4 MB and is merged once,
# before commit, with whatever other writers (staff edits) left in it, so readers find
# it short. A batch of imports (a folder) lets it grow to 16 MB for the whole batch and
# merges once at the end (search_index_for_batch). These are settings of the importing
# connection, not the index's storage parameter: ALTER INDEX takes a lock that searches
# queue behind until the import commits (migration transcripts/0011).
SEARCH_INDEX = "segment_search_vector"
IMPORT_PENDING_LIST_KB = 4096
BATCH_PENDING_LIST_KB = 16384
_SET_LIMIT = "SELECT set_config('gin_pending_list_limit', %s, %s)"
_batch_owns_search_index = ContextVar("batch_owns_search_index", default=False)


@contextmanager
def _gin_pending_list_for_one_import(cursor):
    if _batch_owns_search_index.get():
        yield  # merged once for the whole batch
        return
    cursor.execute(_SET_LIMIT, [str(IMPORT_PENDING_LIST_KB), True])  # this transaction only
    yield
    cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])


@contextmanager
def search_index_for_batch():
    """Around a batch of imports: the search index's pending list holds the whole batch
    and is merged into the index once, at the end, instead of once per file.

    Meanwhile searches scan a pending list of up to 16 MB (the batch's newest words).
    Dropping the index and building it again after the batch was measured too: no
    faster for a batch smaller than the archive, and the build grows with the archive
    (README, "Performance"). If the batch dies half way, autovacuum merges what it left.
    """
    with connection.cursor() as cursor:
        cursor.execute(_SET_LIMIT, [str(BATCH_PENDING_LIST_KB), False])
    owner = _batch_owns_search_index.set(True)
    try:
        yield
    finally:
        _batch_owns_search_index.reset(owner)
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
            cursor.execute("RESET gin_pending_list_limit")  # the server's
