"""An import keeps the search index as searches need it: its pending list short."""

import pytest
from django.db import connection

from tests.factories import ShowFactory
from tools.synthetic_talk import ingest_file
from transcripts.services import import_transcript
from transcripts.services.paragraphs import SEARCH_INDEX

pytestmark = pytest.mark.django_db


def pending_pages_flushed():
    """Flush the GIN pending list now; how many pages it held."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
        return cursor.fetchone()[0]


def index_options():
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE oid = %s::regclass", [SEARCH_INDEX])
        return cursor.fetchone()[0]


def pending_list_limit():
    """This connection's gin_pending_list_limit, which decides for the search index."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('gin_pending_list_limit')")
        return cursor.fetchone()[0]


def test_the_index_leaves_its_pending_list_to_the_writers_setting():
    assert index_options() is None  # migration transcripts/0011


def test_an_import_leaves_no_pending_list_and_the_connections_limit_as_it_was():
    limit_before = pending_list_limit()
    pending_pages_flushed()

    result = import_transcript(
        ingest_file(300), filename="2025-01-02-pending-list.txt", show=ShowFactory()
    )

    assert result.segment_count == 300
    assert pending_pages_flushed() == 0  # merged into the index before the commit
    assert pending_list_limit() == limit_before


def test_the_imported_paragraphs_are_found_through_the_index_at_once():
    from django.contrib.postgres.search import SearchQuery

    from transcripts.models import Segment

    result = import_transcript(ingest_file(50), filename="2025-01-03-found.txt", show=ShowFactory())
    first = Segment.objects.get(transcript=result.transcript, position=1)
    longest_word = max(first.text.split(), key=len).strip(".,?!")
    found = Segment.objects.filter(
        search_vector=SearchQuery(longest_word, config="english_unaccent")
    )
    assert first in found


def test_a_batch_merges_its_pending_list_once_at_the_end_and_sets_the_limit_back():
    from transcripts.services.paragraphs import search_index_for_batch

    limit_before = pending_list_limit()
    pending_pages_flushed()
    with search_index_for_batch():
        for day in (4, 5):
            import_transcript(
                ingest_file(300, seed=day), filename=f"2025-01-0{day}-batch.txt", show=ShowFactory()
            )
        assert pending_list_limit() == "16MB"
        assert pending_pages_flushed() > 0  # the files' words wait in the pending list
    assert pending_pages_flushed() == 0
    assert pending_list_limit() == limit_before


def paragraph_btree_columns():
    """{index name: its columns, in order} of the paragraph table's btree indexes."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.relname, array_agg(a.attname ORDER BY k.ord)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_am am ON am.oid = i.relam AND am.amname = 'btree'
            CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
            WHERE x.indrelid = 'transcripts_segment'::regclass
            GROUP BY i.relname
            """
        )
        return dict(cursor.fetchall())


def test_every_paragraph_index_earns_its_upkeep_no_index_repeats_the_start_of_another():
    # Each index is kept up by every paragraph an import writes: one whose columns open
    # another index (transcript_id alone beside transcript_id, position) is pure cost.
    indexes = paragraph_btree_columns()
    assert indexes["segment_position_unique"] == ["transcript_id", "position"]
    assert indexes["segment_speaker"] == ["speaker_id"]
    for name, columns in indexes.items():
        for other, other_columns in indexes.items():
            if other != name:
                assert other_columns[: len(columns)] != columns, f"{name} repeats {other}"
