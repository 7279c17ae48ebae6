"""The one place pages are cached and forgotten.

Whole pages for anonymous visitors (AnonymousPageCacheMiddleware) and the fragments
templates cache (``{% cache ... page_generation %}``) are kept under one page generation.
The write services announce "the archive changed" once their write commits
(episodes.signals); ``forget_cached_pages`` listens and starts a new generation, so one
forget makes every cached page and fragment stale, in every process sharing the cache.
"""

import hashlib
import random
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.functional import SimpleLazyObject
from django.utils.http import http_date, parse_http_date_safe

from episodes.cached import generation, start_new_generation
from episodes.signals import archive_changed
from forum_archive.public_pages import is_public_page


class AnonymousPageCacheMiddleware:
    """Whole pages for anonymous visitors, kept for about PAGE_CACHE_SECONDS.

    When a segment goes viral, thousands of people ask for the same few pages: a
    cached page costs no query and no template rendering. Only what is the same for
    everyone is cached: GET requests without a session or messages cookie, answered
    200 without setting a cookie, outside the admin and the health check. Every
    committed write to the archive starts a new page generation (see
    forget_cached_pages), so an unpublished episode leaves cached pages at once
    wherever the cache is shared: the production default (a file cache under var/,
    shared by the workers of a machine) or CACHE_URL's Redis or Memcached. A
    per-process locmem cache (the development default) only learns it in the process
    that made the change, the others within PAGE_CACHE_SECONDS.

    Downstream (browsers, a CDN) may keep a page for DOWNSTREAM_MAX_AGE seconds at
    most, since nothing tells them of a change; each cached page carries an ETag and
    a Last-Modified, so a browser revalidating gets a 304 without the body.

    A page past its time stays in the cache as long again, unserved: the visitor who
    next asks for it renders it for everyone, and ``request.refreshes_cached_page``
    tells the rendering budget (render_budget.py) not to charge them for it.
    """

    # An unpublished episode may stay in a browser's or a CDN's copy this long
    # (see README, "Purging a CDN").
    DOWNSTREAM_MAX_AGE = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or not self._is_cacheable_request(request):
            return self.get_response(request)
        key = self._key(request)
        entry = cache.get(key)
        if entry is not None:
            fresh_until, response = entry
            if time.time() < fresh_until:
                response["X-Cache"] = "hit"
                return self._not_modified_or(response, request)
            request.refreshes_cached_page = True
        response = self.get_response(request)
        if self._is_cacheable_response(response):
            patch_cache_control(
                response, public=True, max_age=min(seconds, self.DOWNSTREAM_MAX_AGE)
            )
            # Computed once here, not on every hit: the digest of a large page costs ms.
            set_response_etag(response)
            response["Last-Modified"] = http_date()
            # Pages cached together (after a deploy, a warm-up) must not all expire
            # together, or every worker re-renders at once: each keeps for 75-125%.
            fresh_seconds = seconds * random.uniform(0.75, 1.25)
            cache.set(key, (time.time() + fresh_seconds, response), fresh_seconds + seconds)
            response["X-Cache"] = "miss"
            return self._not_modified_or(response, request)
        return response

    def _is_cacheable_request(self, request):
        if request.method != "GET" or not is_public_page(request.path):
            return False
        personal = (settings.SESSION_COOKIE_NAME, "messages")
        return not any(name in request.COOKIES for name in personal)

    @staticmethod
    def _is_cacheable_response(response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        control = response.get("Cache-Control", "")
        return "private" not in control and "no-store" not in control and "no-cache" not in control

    @staticmethod
    def _not_modified_or(response, request):
        """A 304 when the visitor's copy (If-None-Match / If-Modified-Since) is this page."""
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response["Last-Modified"]),
            response=response,
        )

    @staticmethod
    def _key(request):
        # Scheme, host and query string all change what the page says (links, filters).
        url = request.build_absolute_uri()
        return f"page:{generation()}:" + hashlib.sha256(url.encode()).hexdigest()


def forget_cached_pages(**kwargs):
    """Start a new page generation: every cached page and fragment is stale.

    Connected to ``archive_changed``, which is sent once a write has committed; what the
    apps keep (episodes.cached.kept) goes stale with them.
    """
    start_new_generation()


def listen_for_changes():
    archive_changed.connect(forget_cached_pages, dispatch_uid="forum_archive.page_cache")


def page_generation_context(request):
    """Template context processor: ``page_generation`` to key cached fragments with (looked
    up only by a template that uses it)."""
    return {"page_generation": SimpleLazyObject(generation)}
