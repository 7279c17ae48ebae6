"""The search index swapped for one of other columns on a live archive (migrations 0012 and
0013, transcripts/migrations/_index_swap.py): under its name at the end, forwards and
backwards, and again after a run that was interrupted."""

import pytest
from django.db import connection

from tests.migrating import migrate

WITH_SPEAKER = [("transcripts", "0012_search_index_with_speaker")]
WITH_TRANSCRIPT = [("transcripts", "0013_search_index_with_transcript")]


def search_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE indexname LIKE 'segment_search_vector%' ORDER BY indexname"
        )
        return {name: definition.split(" USING ")[1] for name, definition in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_the_search_index_is_swapped_both_ways_and_again_after_an_interrupted_run():
    migrate(WITH_SPEAKER)
    assert search_indexes() == {"segment_search_vector": "gin (search_vector, speaker_id)"}
    # What an interrupted run leaves: a half-built new index, the old one under its spare name.
    with connection.cursor() as cursor:
        cursor.execute("CREATE INDEX segment_search_vector_new ON transcripts_segment (id)")
        cursor.execute("CREATE INDEX segment_search_vector_old ON transcripts_segment (position)")

    migrate(WITH_TRANSCRIPT)
    expected = {"segment_search_vector": "gin (search_vector, speaker_id, transcript_id)"}
    assert search_indexes() == expected

    migrate(WITH_SPEAKER)
    assert search_indexes() == {"segment_search_vector": "gin (search_vector, speaker_id)"}
