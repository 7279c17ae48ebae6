"""The router's decisions without a second server (test_real_postgres.py has the real one)."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from episodes.models import Show
from forum_archive import db_router
from forum_archive.db_router import PrimaryReplicaRouter, ReplicaRoutingMiddleware

router = PrimaryReplicaRouter()


@pytest.fixture
def two_replicas(monkeypatch):
    monkeypatch.setattr(db_router, "replica_aliases", lambda: ["replica_1", "replica_2"])


def route_during(request, action):
    """Run ``action`` inside a request that went through the routing middleware."""
    seen = {}

    def view(request):
        seen["result"] = action()
        return HttpResponse()

    ReplicaRoutingMiddleware(view)(request)
    return seen["result"]


def test_without_replicas_everything_goes_to_the_primary():
    request = RequestFactory().get("/")
    assert route_during(request, lambda: router.db_for_read(Show)) == "default"


def test_an_anonymous_get_reads_from_one_replica_for_the_whole_request(two_replicas):
    def reads():
        return {router.db_for_read(Show) for _ in range(20)}

    chosen = route_during(RequestFactory().get("/"), reads)
    assert len(chosen) == 1 and chosen <= {"replica_1", "replica_2"}


def test_requests_spread_over_the_replicas(two_replicas):
    chosen = {
        route_during(RequestFactory().get("/"), lambda: router.db_for_read(Show)) for _ in range(50)
    }
    assert chosen == {"replica_1", "replica_2"}


def test_after_a_write_the_rest_of_the_request_reads_from_the_primary(two_replicas):
    def write_then_read():
        before = router.db_for_read(Show)
        written = router.db_for_write(Show)
        return before, written, router.db_for_read(Show)

    before, written, after = route_during(RequestFactory().get("/"), write_then_read)
    assert before.startswith("replica_")
    assert (written, after) == ("default", "default")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_unsafe_methods_read_from_the_primary(two_replicas, method):
    request = getattr(RequestFactory(), method)("/")
    assert route_during(request, lambda: router.db_for_read(Show)) == "default"


def test_a_signed_in_visitor_reads_from_the_primary(two_replicas):
    request = RequestFactory().get("/")
    request.COOKIES["sessionid"] = "abc"
    assert route_during(request, lambda: router.db_for_read(Show)) == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_on_the_primary_stay_there(two_replicas):
    def read_in_transaction():
        with transaction.atomic():
            return router.db_for_read(Show)

    assert route_during(RequestFactory().get("/"), read_in_transaction) == "default"


def test_outside_a_request_reads_go_to_the_primary(two_replicas):
    assert router.db_for_read(Show) == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "episodes")
    assert not router.allow_migrate("replica_1", "episodes")
