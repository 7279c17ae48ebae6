"""The words spelling suggestions come from are kept up to date by the database, in the
transaction that changes what readers see (migration transcripts/0008): the counts
always equal counting the published archive afresh (refresh_search_words)."""

import pytest
from django.db import connection

from episodes.services import set_published
from tests.factories import EpisodeFactory
from transcripts.models import Segment
from transcripts.search import refresh_search_words
from transcripts.services import import_transcript

pytestmark = pytest.mark.django_db


def kept_words():
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, paragraphs FROM transcripts_searchword")
        return dict(cursor.fetchall())


def counted_afresh():
    refresh_search_words()
    return kept_words()


def imported(text, *, publish=True, replace=False, episode=None):
    episode = episode or EpisodeFactory(is_published=False)
    import_transcript(
        text.encode(), filename="t.txt", episode=episode, publish=publish, replace=replace
    )
    return episode


def test_a_published_import_counts_its_words_and_a_draft_adds_none():
    imported("Host: The zeppelin landed.\n\nGuest: A zeppelin again, 42 times.")
    draft = imported("Host: Dirigibles only here.", publish=False)
    words = kept_words()
    assert words["zeppelin"] == 2 and words["landed"] == 1 and words["again"] == 1
    assert "dirigibles" not in words and "42" not in words and "a" not in words
    assert words == counted_afresh()
    set_published([draft], published=True)
    assert kept_words()["dirigibles"] == 1
    assert kept_words() == counted_afresh()


def test_unpublishing_replacing_editing_and_deleting_take_their_words_away():
    episode = imported("Host: Zeppelins and levees.\n\nGuest: Levees hold.")
    other = imported("Host: Levees elsewhere.")
    set_published([episode], published=False)
    assert "zeppelins" not in kept_words() and kept_words()["levees"] == 1
    set_published([episode], published=True)
    imported("Host: Blimps now.", episode=episode, replace=True)
    assert "zeppelins" not in kept_words() and kept_words()["blimps"] == 1
    assert kept_words() == counted_afresh()
    Segment.objects.filter(transcript__episode=other).update(text="Causeways elsewhere.")
    assert "causeways" in kept_words() and "levees" not in kept_words()
    assert kept_words() == counted_afresh()
    other.delete()
    assert "causeways" not in kept_words() and "elsewhere" not in kept_words()
    assert kept_words() == counted_afresh()
