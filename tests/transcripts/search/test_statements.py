"""What a search page costs in statements: at most five for each kind of search, once
what is the same for every search (the shows and topics offered, the speakers and
topics the words name) is kept until the archive changes."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from episodes.models import Appearance, Speaker
from episodes.services import set_published
from episodes.signals import announce_archive_change
from tests.factories import EpisodeFactory, SpeakerFactory, episode_with
from transcripts.search import candidates as search_candidates
from transcripts.search import results as search_results

pytestmark = pytest.mark.django_db
SEARCH = "/search/"
FIRST_DAY = date(2025, 1, 1)
SPEAKER_NAMES = 'SELECT "episodes_speaker"."id", "episodes_speaker"."name"'


@pytest.fixture
def archive(monkeypatch):
    """Forty daily episodes: "transit" in every one, "public transit" in every third,
    "watershed" in the oldest; small windows, so searches take each path they take at
    scale (one window, a second window, the whole archive)."""
    monkeypatch.setattr(search_results, "CANDIDATE_LIMIT", 10)
    monkeypatch.setattr(search_candidates, "FIRST_WINDOW", 4)
    host = SpeakerFactory(name="Rosa Delgado")
    for number in range(40):
        guest = SpeakerFactory()
        episode_with(
            ("Transit again, and housing.", host),
            ("Transit is late." + (" Public transit." if number % 3 == 0 else ""), guest),
            ("More transit." + (" The watershed." if number == 0 else ""), guest),
            title=f"Day {number}",
            air_date=FIRST_DAY + timedelta(days=number),
        )
    return {"host": host}


CASES = {
    "common word": {"q": "transit"},
    "rare word": {"q": "watershed"},
    "phrase": {"q": '"public transit"'},
    "speaker filter": {"q": "housing", "speaker": "rosa-delgado"},
    "date filter": {"q": "public", "date_from": "2025-01-10", "date_to": "2025-02-28"},
}


def statements(client, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(SEARCH, params)
    assert response.status_code == 200
    assert "paragraph" in response.content.decode()
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("case", CASES)
def test_a_search_page_runs_five_statements_at_most(client, archive, case):
    statements(client, CASES[case])  # the first time: what every search shares is kept
    sql = statements(client, CASES[case])
    assert len(sql) <= 5, "\n".join(sql)


def test_new_words_cost_only_what_they_name_once(client, archive):
    statements(client, CASES["common word"])
    # Other words: their speakers and topics are looked up, the catalogue is kept.
    first = statements(client, {"q": "housing"})
    again = statements(client, {"q": "housing"})
    assert len(again) <= 5 < len(first)


def test_what_is_kept_is_forgotten_when_the_archive_changes(client, archive):
    page = client.get(SEARCH, {"q": "rosa"}).content.decode()
    assert "Looking for a person?" in page and "Show" in page
    draft = EpisodeFactory(title="Draft", is_published=False)
    Appearance.objects.create(episode=draft, speaker=SpeakerFactory(name="Rosa Park"))
    assert "Rosa Park" not in client.get(SEARCH, {"q": "rosa"}).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        set_published([draft], published=True)
    page = client.get(SEARCH, {"q": "rosa"}).content.decode()
    assert "Rosa Park" in page
    assert f'value="{draft.show.slug}"' in page  # the new show is offered in the form


# Warm: the words' window(s) or the whole archive, then the page's paragraphs highlighted;
# a speaker filter also looks its speaker up (the form checks the slug).
WARM_STATEMENTS = {
    "common word": 2,
    "rare word": 3,
    "phrase": 3,
    "speaker filter": 4,
    "date filter": 3,
}


@pytest.mark.parametrize("case", CASES)
def test_a_warm_search_page_runs_only_its_search(
    client, archive, case, django_assert_max_num_queries
):
    statements(client, CASES[case])
    with django_assert_max_num_queries(WARM_STATEMENTS[case]):
        assert client.get(SEARCH, CASES[case]).status_code == 200


def test_the_facets_name_their_speakers_without_a_statement_until_one_is_renamed(client, archive):
    host = archive["host"]
    statements(client, {"q": "housing"})
    sql = statements(client, {"q": "housing"})
    assert not any(s.startswith(SPEAKER_NAMES) for s in sql), "\n".join(sql)
    with TestCase.captureOnCommitCallbacks(execute=True):
        Speaker.objects.filter(pk=host.pk).update(name="Rosa Delgado-Ortiz")
        announce_archive_change()  # as a rename in the admin does (AnnouncedChangesAdmin)
    page = client.get(SEARCH, {"q": "housing"}).content.decode()
    assert "Rosa Delgado-Ortiz" in page
