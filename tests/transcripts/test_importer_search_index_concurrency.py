"""An import's transaction holds no lock that searches queue behind: two real
connections, the import held in the middle of writing its paragraphs."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from tests.factories import ShowFactory
from tests.transcripts.search.test_search_words_concurrency import Hold, in_thread, wait_until
from tools.synthetic_talk import ingest_file
from transcripts.models import Segment
from transcripts.services import import_transcript, paragraphs

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_search_never_waits_for_an_import_that_has_not_committed(monkeypatch):
    show = ShowFactory()
    hold = Hold.before(monkeypatch, paragraphs, "copy_segment_rows")
    errors = []
    importing = in_thread(
        lambda: import_transcript(ingest_file(50), filename="2025-01-06-held.txt", show=show),
        errors,
    )
    try:
        wait_until(lambda: hold.arrived)  # its transaction open, its pending list raised
        with connection.cursor() as cursor:
            # Waiting at all fails the test (LockNotAvailable) instead of hanging it.
            cursor.execute("SET lock_timeout = '2s'")
        searched = SearchQuery("water", config="english_unaccent")
        assert Segment.objects.filter(search_vector=searched).count() == 0  # not committed
    finally:
        hold.released.set()
        importing.join(timeout=60)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert errors == []
    assert Segment.objects.count() == 50  # the import went on and committed
