"""A budget of rendering time per visitor's address, so that no one address can keep
the workers busy with pages the cache cannot answer.

A cached page costs a few milliseconds; a page rendered afresh (a search, a filtered
list, any address varied so the cache never has it) costs 50-300 ms of CPU. An
address that spends more than PUBLIC_RENDER_BUDGET_MS of rendering (the worker's
CPU time) within PUBLIC_RENDER_WINDOW_S seconds gets a 429 with Retry-After at once,
until the window ends; cached pages stay free (the page cache answers before this runs), staff
and the admin are never counted. The spent time is counted in the shared cache, so
every worker of a machine sees the same figure. Off (0) in development and tests.
"""

import time

from django.conf import settings
from django.core.cache import cache

from forum_archive.client_ip import client_ip
from forum_archive.errors import over_budget_response


class RenderBudgetMiddleware:
    EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        budget_ms = settings.PUBLIC_RENDER_BUDGET_MS
        if (
            budget_ms <= 0
            or request.path.startswith(self.EXCLUDED_PREFIXES)
            or getattr(request, "user", None) is not None
            and request.user.is_staff
        ):
            return self.get_response(request)
        window_s = settings.PUBLIC_RENDER_WINDOW_S
        now = time.time()
        window = int(now // window_s)
        key = f"render-budget:{window}:{client_ip(request)}"
        if (cache.get(key) or 0) >= budget_ms:
            return over_budget_response(request, retry_after=int((window + 1) * window_s - now) + 1)
        # The worker's own CPU time, not the wall clock: waiting for a busy machine
        # is not the visitor's doing, and must not spend their budget.
        started = time.thread_time()
        response = self.get_response(request)
        spent_ms = max(1, round((time.thread_time() - started) * 1000))
        if not cache.add(key, spent_ms, timeout=window_s * 2):
            try:
                cache.incr(key, spent_ms)
            except ValueError:  # expired between add and incr: this window is over anyway
                pass
        return response
