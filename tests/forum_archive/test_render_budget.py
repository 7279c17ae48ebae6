"""One address cannot keep the workers busy with pages the cache does not have: past its
rendering budget it gets a 429 at once, other addresses and staff are served."""

import logging
import threading
import time

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.db import connection
from django.test import override_settings

from forum_archive import render_budget
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
    # Owing two budgets at most (the cap), it waits a window at most.
    assert 3590 <= int(refused["Retry-After"]) <= 3600
    assert "Too many pages at once" in refused.content.decode()
    assert client.get("/episodes/", {"q": "two"}, REMOTE_ADDR="203.0.113.8").status_code == 200


@override_settings(PUBLIC_RENDER_BUDGET_MS=1, PUBLIC_RENDER_WINDOW_S=3600)
def test_staff_and_the_health_check_have_no_budget(staff_client):
    for n in range(3):
        page = staff_client.get("/episodes/", {"q": n}, REMOTE_ADDR="203.0.113.9")
        assert page.status_code == 200
    for _ in range(3):
        assert staff_client.get("/healthz", REMOTE_ADDR="203.0.113.9").status_code == 200
    # Nothing was charged to the address: a visitor sharing it is served.
    staff_client.logout()
    assert staff_client.get("/episodes/", REMOTE_ADDR="203.0.113.9").status_code == 200


def test_without_a_budget_every_page_is_served(client):
    for _ in range(3):
        assert client.get("/episodes/", REMOTE_ADDR="203.0.113.10").status_code == 200


@pytest.fixture
def budget(settings):
    """A budget of 1 ms a window of an hour, the page cache on, and an empty cache."""
    settings.PUBLIC_RENDER_BUDGET_MS = 1
    settings.PUBLIC_RENDER_WINDOW_S = 3600
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield settings
    cache.clear()


def test_an_address_past_its_budget_still_gets_what_the_page_cache_has(client, budget):
    # The first visit renders the list (spending the budget) and caches it.
    assert client.get("/episodes/", REMOTE_ADDR="203.0.113.20").status_code == 200
    cached = client.get("/episodes/", REMOTE_ADDR="203.0.113.20")
    assert cached.status_code == 200
    assert cached["X-Cache"] == "hit"
    assert client.get("/episodes/", {"q": "x"}, REMOTE_ADDR="203.0.113.20").status_code == 429


def test_the_time_a_page_spends_in_the_database_counts(client, budget):
    budget.PUBLIC_RENDER_BUDGET_MS = 500
    client.get("/episodes/", {"q": "warm"}, REMOTE_ADDR="203.0.113.30")  # templates compiled

    slept = []

    def database_busy_once(execute, sql, params, many, context):
        # PostgreSQL works 0.6 s for this page while the worker waits, spending no CPU.
        if not slept:
            slept.append(True)
            context["cursor"].execute("SELECT pg_sleep(0.6)")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(database_busy_once):
        assert client.get("/episodes/", {"q": "one"}, REMOTE_ADDR="203.0.113.31").status_code == 200
    assert client.get("/episodes/", {"q": "two"}, REMOTE_ADDR="203.0.113.31").status_code == 429


def test_refusals_are_logged_once_per_address_not_once_each(client, budget, caplog):
    caplog.set_level(logging.INFO)
    client.get("/episodes/", {"q": "one"}, REMOTE_ADDR="203.0.113.40")
    for n in range(5):
        assert client.get("/episodes/", {"q": n}, REMOTE_ADDR="203.0.113.40").status_code == 429
    over = [r for r in caplog.records if r.name == "forum_archive.render_budget"]
    assert [(r.message, r.address) for r in over] == [
        ("address over its rendering budget", "203.0.113.40")
    ]
    assert not [r for r in caplog.records if r.name == "django.request"]


def test_staff_sharing_an_over_budget_address_are_served_and_a_made_up_session_is_not(
    client, budget, staff_user
):
    client.get("/episodes/", {"q": "one"}, REMOTE_ADDR="203.0.113.50")
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "made-up"
    assert client.get("/episodes/", {"q": "two"}, REMOTE_ADDR="203.0.113.50").status_code == 429
    client.force_login(staff_user)
    assert client.get("/episodes/", {"q": "two"}, REMOTE_ADDR="203.0.113.50").status_code == 200


def test_the_refusal_page_is_the_same_for_every_page_and_address(client, budget):
    client.get("/episodes/", {"q": "one"}, REMOTE_ADDR="203.0.113.60")
    first = client.get("/episodes/", {"q": "two"}, REMOTE_ADDR="203.0.113.60")
    other = client.get("/speakers/", REMOTE_ADDR="203.0.113.60")
    assert first.status_code == other.status_code == 429
    assert first.content == other.content
    assert b'<a href="">Try this page again</a>' in first.content


def test_a_refusal_runs_no_query_and_never_looks_at_the_session(
    client, budget, django_assert_num_queries
):
    client.get("/episodes/", {"q": "one"}, REMOTE_ADDR="203.0.113.70")
    with django_assert_num_queries(0):
        refused = client.get("/episodes/", {"q": "two"}, REMOTE_ADDR="203.0.113.70")
    assert refused.status_code == 429
    # SessionMiddleware adds "Vary: Cookie" to any response whose session was read.
    assert "Cookie" not in refused.get("Vary", "")
    assert not refused.cookies


def test_refreshing_an_expired_page_is_not_charged_to_whoever_asks_first(
    client, budget, monkeypatch
):
    budget.PUBLIC_RENDER_WINDOW_S = 10**9  # the clock moved on below stays in the window
    # The list is rendered and cached; the same address then spends its budget.
    assert client.get("/episodes/", REMOTE_ADDR="203.0.113.80")["X-Cache"] == "miss"
    assert client.get("/episodes/", {"q": "x"}, REMOTE_ADDR="203.0.113.80").status_code == 429
    # Past the page's time (at most 125% of PAGE_CACHE_SECONDS), still within the budget's
    # window: the address refreshes the page for everyone, and is not refused for it.
    later = time.time() + budget.PAGE_CACHE_SECONDS * 1.3
    monkeypatch.setattr(time, "time", lambda: later)
    refreshed = client.get("/episodes/", REMOTE_ADDR="203.0.113.80")
    assert (refreshed.status_code, refreshed["X-Cache"]) == (200, "miss")
    assert client.get("/episodes/", REMOTE_ADDR="203.0.113.81")["X-Cache"] == "hit"
    # A page the cache never had still costs the budget.
    assert client.get("/episodes/", {"q": "y"}, REMOTE_ADDR="203.0.113.80").status_code == 429


@pytest.fixture
def clock(monkeypatch):
    """The wall clock, stopped at a moment the test moves on by hand."""
    moment = [time.time()]
    monkeypatch.setattr(time, "time", lambda: moment[0])
    return moment


def test_a_debt_refuses_until_it_has_drained_below_the_budget(client, budget, clock):
    budget.PUBLIC_RENDER_WINDOW_S = 10  # the budget, 1 ms, drains in 10 s
    started = clock[0]
    assert client.get("/episodes/", {"q": "one"}, REMOTE_ADDR="203.0.113.90").status_code == 200
    refused = client.get("/episodes/", {"q": "two"}, REMOTE_ADDR="203.0.113.90")
    assert refused.status_code == 429
    wait_s = int(refused["Retry-After"])
    # A second before that it still owes more than its budget.
    clock[0] = started + wait_s - 1
    assert client.get("/episodes/", {"q": "three"}, REMOTE_ADDR="203.0.113.90").status_code == 429
    clock[0] = started + wait_s
    assert client.get("/episodes/", {"q": "four"}, REMOTE_ADDR="203.0.113.90").status_code == 200
    # That page was charged in turn: the address owes again.
    assert client.get("/episodes/", {"q": "five"}, REMOTE_ADDR="203.0.113.90").status_code == 429


def test_a_debt_carries_over_instead_of_starting_afresh_each_window(client, budget, clock):
    # A page costs more than two budgets of 1 ms (two owed, the cap): spent at a
    # window's end, it is still owed when the next window would have begun.
    started = clock[0]
    assert client.get("/episodes/", {"q": "one"}, REMOTE_ADDR="203.0.113.91").status_code == 200
    clock[0] = started + budget.PUBLIC_RENDER_WINDOW_S // 2
    assert client.get("/episodes/", {"q": "two"}, REMOTE_ADDR="203.0.113.91").status_code == 429


def charged_at_once(monkeypatch, request, first_ms, second_ms, *, held):
    """Two workers charge the address: the first is held at ``held`` (``"before add"``,
    ``"after get"``: the read it then acts on is stale) while the second charges whole.
    Returns what the address owes after both (ms)."""
    when, method = held.split()
    cache_class = type(caches["default"])
    original = getattr(cache_class, method)
    go_on = threading.Event()

    def held_in_the_first_worker(self, key, *args, **kwargs):
        held_here = threading.current_thread().name == "first worker" and not go_on.is_set()
        if held_here and when == "before":
            go_on.wait(timeout=30)
        value = original(self, key, *args, **kwargs)
        if held_here and when == "after":
            go_on.wait(timeout=30)
        return value

    monkeypatch.setattr(cache_class, method, held_in_the_first_worker)
    first = threading.Thread(
        target=render_budget._charge, args=(request, first_ms), name="first worker"
    )
    first.start()
    render_budget._charge(request, second_ms)
    go_on.set()
    first.join(timeout=30)
    return render_budget._charge(request, 1)[0]


def test_two_workers_charging_a_new_address_at_once_both_count(budget, monkeypatch, rf):
    """Neither worker's first charge may overwrite the other's."""
    budget.PUBLIC_RENDER_BUDGET_MS = 1000
    budget.PUBLIC_RENDER_WINDOW_S = 100 * 3600  # nothing drains while the test runs
    request = rf.get("/episodes/", REMOTE_ADDR="203.0.113.95")
    owed_ms = charged_at_once(monkeypatch, request, 30, 20, held="before add")
    assert 49 < owed_ms <= 50


def test_two_workers_charging_at_once_after_a_paid_off_debt_count_each_page_once(
    budget, monkeypatch, rf, clock
):
    """Both read the debt paid off (free at in the past): the time since it was paid off
    is not owed, once or twice; each page is."""
    budget.PUBLIC_RENDER_BUDGET_MS = 250
    budget.PUBLIC_RENDER_WINDOW_S = 10
    request = rf.get("/episodes/", REMOTE_ADDR="203.0.113.97")
    render_budget._charge(request, 100)
    clock[0] += 20  # paid off 16 s ago
    owed_ms = charged_at_once(monkeypatch, request, 40, 40, held="after get")
    assert owed_ms == 80
    assert render_budget._refusal_if_over_budget(request) is None


def test_one_slow_page_keeps_an_address_out_for_one_window_at_most(client, budget, clock):
    """A page that ran into the statement timeout would owe a dozen budgets: the address
    (and everyone behind its NAT) owes two at most, so it waits one window at most."""
    budget.PUBLIC_RENDER_WINDOW_S = 10
    # Any page holds its worker far more than two budgets of 1 ms.
    page = client.get("/episodes/", {"q": "one"}, REMOTE_ADDR="203.0.113.96")
    assert page.status_code == 200
    refused = client.get("/episodes/", {"q": "two"}, REMOTE_ADDR="203.0.113.96")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) <= 10
    clock[0] += 10
    assert client.get("/episodes/", {"q": "three"}, REMOTE_ADDR="203.0.113.96").status_code == 200
