"""One address cannot keep the workers busy with pages the cache does not have: past its
rendering budget it gets a 429 at once, other addresses and staff are served."""

import pytest
from django.test import override_settings

from tests.factories import EpisodeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("episode")]


@pytest.fixture
def episode():
    return EpisodeFactory(is_published=True)


# A budget of 1 ms: any page spends it, so the next one from that address is refused.
@override_settings(PUBLIC_RENDER_BUDGET_MS=1, PUBLIC_RENDER_WINDOW_S=3600)
def test_an_address_past_its_rendering_budget_is_told_to_wait_and_others_are_served(client):
    assert client.get("/episodes/", {"q": "one"}, REMOTE_ADDR="203.0.113.7").status_code == 200
    refused = client.get("/episodes/", {"q": "two"}, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3601
    assert "Too many pages at once" in refused.content.decode()
    assert client.get("/episodes/", {"q": "two"}, REMOTE_ADDR="203.0.113.8").status_code == 200


@override_settings(PUBLIC_RENDER_BUDGET_MS=1, PUBLIC_RENDER_WINDOW_S=3600)
def test_staff_and_the_health_check_have_no_budget(staff_client):
    for _ in range(3):
        assert staff_client.get("/episodes/", REMOTE_ADDR="203.0.113.9").status_code == 200
    for _ in range(3):
        assert staff_client.get("/healthz", REMOTE_ADDR="203.0.113.9").status_code == 200


def test_without_a_budget_every_page_is_served(client):
    for _ in range(3):
        assert client.get("/episodes/", REMOTE_ADDR="203.0.113.10").status_code == 200
