"""The API's lists cost a fixed few queries, whatever the number of rows they show."""

from datetime import date

import pytest

from tests.api.conftest import make_episode
from tests.factories import SpeakerFactory, TopicFactory

pytestmark = pytest.mark.django_db

# (endpoint, most queries): the count, the page, and one prefetch or subquery per relation.
BOUNDS = [
    ("/api/v1/shows/", 2),
    ("/api/v1/topics/", 2),
    ("/api/v1/episodes/", 3),  # + topics
    ("/api/v1/episodes/?speaker=dana-whitfield&topic=housing&q=housing", 5),  # + filter lookups
    ("/api/v1/speakers/", 2),
    ("/api/v1/episodes/2026/03/05/transit-and-housing/", 4),  # + appearances, transcript
    ("/api/v1/episodes/2026/03/05/transit-and-housing/paragraphs/", 2),  # episode, page
    ("/api/v1/speakers/dana-whitfield/", 3),  # + talk time
    ("/api/v1/search/?q=housing", 8),  # search() and its facets (the HTML page: 16)
]


@pytest.fixture
def bigger_archive(archive):
    """Forty more episodes, speakers and topics, so a per-row query would show."""
    show = archive["shows"][0]
    host = archive["speakers"][0]
    for number in range(40):
        guest = SpeakerFactory(name=f"Guest {number}")
        episode = make_episode(
            show,
            f"Housing hour {number}",
            date(2025, 1, 1 + number % 28),
            speakers=[host, guest],
            texts=[f"housing talk {n}" for n in range(5)],
        )
        episode.topics.add(TopicFactory(name=f"Topic {number}"), archive["topics"][0])
    return archive


@pytest.mark.parametrize(("url", "bound"), BOUNDS)
def test_api_queries_stay_bounded(
    client, bigger_archive, django_assert_max_num_queries, url, bound
):
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200, response.content
    body = response.json()
    if "results" in body:
        assert body["results"]
