"""A budget of rendering time per visitor's address, so that no one address can keep
the workers busy with pages the cache cannot answer.

A cached page costs a few milliseconds; a page rendered afresh (a search, a filtered
list, any address varied so the cache never has it) costs 50-300 ms of the worker's
CPU and of PostgreSQL. An address that spends more than PUBLIC_RENDER_BUDGET_MS
(the worker's CPU time plus the time its queries took) within
PUBLIC_RENDER_WINDOW_S seconds gets a 429 with Retry-After at once, until the window
ends. Cached pages cost nothing and are never refused (the page cache answers first),
nor is refreshing a page the cache had until it expired (done for everyone, not for the
visitor who asks first); staff and the admin are never counted. The spent time is
counted in the shared cache, so every worker of a machine sees the same figure. Off (0)
in development and tests.

Two middlewares, because the cheapest refusal is the earliest one:
RefuseOverBudgetMiddleware, right inside the page cache, refuses an address past its
budget before sessions, CSRF or the user are looked at (one cache read, no template,
no log line); RenderBudgetMiddleware, inside the page cache and
after the user is known, counts what each page cost and decides for requests that
carry a session cookie (they may be staff's, who are never refused).
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

from forum_archive.client_ip import client_ip
from forum_archive.errors import over_budget_response
from forum_archive.middleware import query_milliseconds

budget_log = logging.getLogger("forum_archive.render_budget")

EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/")


def _is_budgeted(request):
    # Refreshing a page the cache had until it expired is done for everyone who reads
    # it next (page_cache.py): not charged to the visitor who happened to ask first.
    return (
        settings.PUBLIC_RENDER_BUDGET_MS > 0
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and not getattr(request, "refreshes_cached_page", False)
    )


def _window(request):
    """The cache key of this address's spending in the current window, and the seconds
    until the window ends."""
    window_s = settings.PUBLIC_RENDER_WINDOW_S
    now = time.time()
    window = int(now // window_s)
    return f"render-budget:{window}:{client_ip(request)}", int((window + 1) * window_s - now) + 1


def _refusal_if_over_budget(request):
    key, retry_after = _window(request)
    if (cache.get(key) or 0) >= settings.PUBLIC_RENDER_BUDGET_MS:
        return over_budget_response(request, retry_after=retry_after)
    return None


class RefuseOverBudgetMiddleware:
    """Right inside the page cache, before sessions, CSRF and the user: an address past
    its budget is refused for the price of one cache read (until its window ends; pages
    the cache has are still served to it: a visitor who rendered a few expired pages
    loses nothing the cache can give). A request with a session cookie goes on:
    RenderBudgetMiddleware refuses it once it knows the user is not staff."""

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
    counts what each page cost its address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_budgeted(request) or request.user.is_staff:
            return self.get_response(request)
        refusal = _refusal_if_over_budget(request)
        if refusal is not None:
            return refusal
        # The worker's own CPU time, not the wall clock: waiting for a busy machine is
        # not the visitor's doing. The queries' time is: PostgreSQL's work is done for
        # this page, in another process the worker's CPU time does not see.
        cpu_started, queries_started = time.thread_time(), query_milliseconds()
        response = self.get_response(request)
        spent_ms = max(
            1,
            round(
                (time.thread_time() - cpu_started) * 1000 + query_milliseconds() - queries_started
            ),
        )
        self._count(request, spent_ms)
        return response

    @staticmethod
    def _count(request, spent_ms):
        key, _ = _window(request)
        budget_ms = settings.PUBLIC_RENDER_BUDGET_MS
        if cache.add(key, spent_ms, timeout=settings.PUBLIC_RENDER_WINDOW_S * 2):
            total_ms = spent_ms
        else:
            try:
                total_ms = cache.incr(key, spent_ms)
            except ValueError:  # expired between add and incr: this window is over anyway
                return
        # Once per address and window, not once per refusal: a flood of 429s must not
        # flood the log (over_budget_response keeps Django's own line per 429 out).
        if total_ms - spent_ms < budget_ms <= total_ms:
            budget_log.warning(
                "address over its rendering budget",
                extra={
                    "address": client_ip(request),
                    "spent_ms": total_ms,
                    "budget_ms": budget_ms,
                    "window_s": settings.PUBLIC_RENDER_WINDOW_S,
                    "path": request.path,
                },
            )
