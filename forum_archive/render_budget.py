"""A budget of rendering time per visitor's address, so that no one address can keep
the workers busy with pages the cache cannot answer.

A cached page costs a few milliseconds; a page rendered afresh (a search, a filtered
list, any address varied so the cache never has it) holds a worker for 50-300 ms (its
CPU and PostgreSQL's), longer on a busy machine. How long each page held its worker
(the wall clock) is charged to its address as a debt, after it ran, and the debt drains
at PUBLIC_RENDER_BUDGET_MS per PUBLIC_RENDER_WINDOW_S seconds. An address whose debt
is PUBLIC_RENDER_BUDGET_MS or more gets a 429 with Retry-After at once, until enough
has drained. Unlike windows that begin afresh for everyone at once, a debt carries
over: an address that spent its budget at the end of one window cannot spend it again
at the start of the next, and attackers are not all let in at the same moment.

Cached pages cost nothing and are never refused (the page cache answers first), nor
is refreshing a page the cache had until it expired (done for everyone, not for the
visitor who asks first); staff and the admin are never counted. Each address's debt is
kept in the shared cache as the moment it will be paid off ("free at"), so every
worker of a machine sees the same figure; it is capped at two budgets. Off (0) in
development and tests.

Two middlewares, because the cheapest refusal is the earliest one:
RefuseOverBudgetMiddleware, right inside the page cache, refuses an address over its
budget before sessions, CSRF or the user are looked at (one cache read, no template,
no log line); RenderBudgetMiddleware, inside the page cache and after the user is
known, charges what each page cost and decides for requests that carry a session
cookie (they may be staff's, who are never refused).
"""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache

from forum_archive.client_ip import client_ip
from forum_archive.errors import over_budget_response
from forum_archive.public_pages import is_public_page

budget_log = logging.getLogger("forum_archive.render_budget")


def _is_budgeted(request):
    # Refreshing a page the cache had until it expired is done for everyone who reads
    # it next (page_cache.py): not charged to the visitor who happened to ask first.
    return (
        settings.PUBLIC_RENDER_BUDGET_MS > 0
        and is_public_page(request.path)
        and not getattr(request, "refreshes_cached_page", False)
    )


def _key(request):
    return f"render-debt:{client_ip(request)}"


def _debt_ms(free_at_ms, now_ms):
    """The rendering time an address still owes, from the moment its debt is paid off."""
    drain_ms_per_ms = settings.PUBLIC_RENDER_BUDGET_MS / (settings.PUBLIC_RENDER_WINDOW_S * 1000)
    return max(0.0, free_at_ms - now_ms) * drain_ms_per_ms


def _refusal_if_over_budget(request):
    free_at_ms = cache.get(_key(request))
    if free_at_ms is None:
        return None
    now_ms = time.time() * 1000
    if _debt_ms(free_at_ms, now_ms) < settings.PUBLIC_RENDER_BUDGET_MS:
        return None
    # Under the budget again once the debt past it has drained.
    under_budget_at_ms = free_at_ms - settings.PUBLIC_RENDER_WINDOW_S * 1000
    return over_budget_response(
        request, retry_after=max(1, math.ceil((under_budget_at_ms - now_ms) / 1000))
    )


# The most an address can owe: one page that ran into the statement timeout (3 s, ~12
# budgets of 250 ms) would otherwise lock it (and everyone behind its NAT) out for
# ~110 s. Owing two budgets, it waits at most one window.
DEBT_CAP_BUDGETS = 2
# How long a debt is kept after its last charge, in windows: longer than the largest
# debt takes to drain, so a debt never expires unpaid (free at <= now means paid off).
KEPT_FOR_WINDOWS = 4


def _charge(request, spent_ms):
    """Add ``spent_ms`` to the address's debt; return its debt before and after (ms).

    Workers charging one address at once each count once where the cache's ``add`` and
    ``incr`` are atomic (Redis, Memcached); the file and local-memory caches read and
    write again, so there a charge made at the same moment may be lost (approximate)."""
    window_ms = settings.PUBLIC_RENDER_WINDOW_S * 1000
    # Wall-clock time the charge takes to drain.
    drain_ms = math.ceil(spent_ms * window_ms / settings.PUBLIC_RENDER_BUDGET_MS)
    # Whole milliseconds down, so that a refusal's Retry-After never rounds past the cap.
    key, now_ms = _key(request), math.floor(time.time() * 1000)
    latest_ms = now_ms + DEBT_CAP_BUDGETS * window_ms  # free at, owing the most
    kept_s = KEPT_FOR_WINDOWS * settings.PUBLIC_RENDER_WINDOW_S
    first_free_at_ms = min(now_ms + drain_ms, latest_ms)
    for _ in range(3):  # again if the key expired and another worker added it meanwhile
        if cache.add(key, first_free_at_ms, timeout=kept_s):  # owing nothing until now
            return 0.0, _debt_ms(first_free_at_ms, now_ms)
        free_at_ms = cache.get(key)
        if free_at_ms is None:
            continue
        owed_before = _debt_ms(free_at_ms, now_ms)
        try:
            # By how much, not to what: charges other workers add meanwhile all count.
            free_at_ms = cache.incr(key, _catch_up_ms(key, free_at_ms, now_ms) + drain_ms)
        except ValueError:  # expired in between: paid off long ago
            continue
        if free_at_ms > latest_ms:  # charges at once went past the cap together
            free_at_ms = cache.decr(key, free_at_ms - latest_ms)
        cache.touch(key, timeout=kept_s)
        return owed_before, _debt_ms(free_at_ms, now_ms)
    return 0.0, 0.0  # the cache kept losing the key: this page goes uncharged


def _catch_up_ms(key, free_at_ms, now_ms):
    """How far to move a paid-off debt (free at in the past) to now, before charging.

    Other workers may have read the same paid-off value: only the first to claim it
    moves it on, the others add their page alone (were each to move it, a pause of 20 s
    would be charged once per worker). The claim is kept as long as the debt's key. Not
    exact in one case: a third worker reading the value another's page made before the
    move lands (a few cache round trips) moves it again, on its own claim."""
    if free_at_ms >= now_ms:
        return 0
    claimed = cache.add(
        f"{key}:caught-up-from:{free_at_ms}",
        1,
        timeout=KEPT_FOR_WINDOWS * settings.PUBLIC_RENDER_WINDOW_S,
    )
    return now_ms - free_at_ms if claimed else 0


class RefuseOverBudgetMiddleware:
    """Right inside the page cache, before sessions, CSRF and the user: an address over
    its budget is refused for the price of one cache read (until its debt has drained
    below the budget; pages the cache has are still served to it). A request with a
    session cookie goes on: RenderBudgetMiddleware refuses it once it knows the user is
    not staff."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_budgeted(request) and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            refusal = _refusal_if_over_budget(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)


class RenderBudgetMiddleware:
    """After the page cache (a cached page costs nothing) and the user (staff are free):
    charges what each page cost to its address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_budgeted(request) or request.user.is_staff:
            return self.get_response(request)
        # Without a session cookie RefuseOverBudgetMiddleware has just looked.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            refusal = _refusal_if_over_budget(request)
            if refusal is not None:
                return refusal
        # The wall clock: a sync worker serves no one else while it renders this page,
        # whether it computes, waits for PostgreSQL or for a CPU the machine's other work
        # has. Charging its CPU and query time only (as before) let a page through that
        # held a worker 100-300 ms for a charge of 5-35 ms at load 8. Visitors reading
        # what the cache has, or refreshing what it had, are never charged.
        started = time.perf_counter()
        response = self.get_response(request)
        spent_ms = max(1, round((time.perf_counter() - started) * 1000))
        owed_before, owed = _charge(request, spent_ms)
        # Once each time the address goes over, not once per refusal: a flood of 429s
        # must not flood the log (over_budget_response keeps Django's own line per 429 out).
        budget_ms = settings.PUBLIC_RENDER_BUDGET_MS
        if owed_before < budget_ms <= owed:
            budget_log.warning(
                "address over its rendering budget",
                extra={
                    "address": client_ip(request),
                    "owed_ms": round(owed),
                    "budget_ms": budget_ms,
                    "window_s": settings.PUBLIC_RENDER_WINDOW_S,
                    "path": request.path,
                },
            )
        return response
