"""Request-level behaviour: the structured request log, slow queries, the 503 page and
refusing input no page can mean. (The page cache is forum_archive/page_cache.py.)
"""

import contextvars
import logging
import time

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpResponseBadRequest
from django.utils.html import format_html

from episodes.filters import MAX_SPEAKERS, too_many_choices_message
from forum_archive.errors import (
    database_unavailable_response,
    is_database_unavailable,
    is_statement_timeout,
    too_slow_response,
)
from forum_archive.public_pages import API_PREFIX, STAFF_PREFIX, is_public_page

request_log = logging.getLogger("forum_archive.requests")
slow_query_log = logging.getLogger("forum_archive.slow_queries")
unavailable_log = logging.getLogger("forum_archive.database")


class QueryTally:
    """The queries of one request: how many, and how long they took."""

    def __init__(self):
        self.count = 0
        self.total_ms = 0.0


_current_tally = contextvars.ContextVar("current_query_tally", default=None)


def query_milliseconds():
    """How long the current request's queries have taken so far (0 outside a request)."""
    tally = _current_tally.get()
    return tally.total_ms if tally is not None else 0.0


class QueryObserver:
    """Installed once on every database connection (see ``watch_queries``).

    Times each query: adds it to the current request's tally, and logs it when it
    is slower than SLOW_QUERY_MS, inside a request or not (imports, commands).
    """

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            tally = _current_tally.get()
            if tally is not None:
                tally.count += 1
                tally.total_ms += elapsed_ms
            if elapsed_ms >= settings.SLOW_QUERY_MS:
                slow_query_log.warning(
                    "slow query",
                    extra={
                        "duration_ms": round(elapsed_ms, 1),
                        "database": context["connection"].alias,
                        "sql": sql[:2000],
                        "many": many,
                    },
                )


_observer = QueryObserver()


def watch_queries(sender, connection, **kwargs):
    """connection_created handler: put the observer on the connection, once."""
    if _observer not in connection.execute_wrappers:
        connection.execute_wrappers.append(_observer)


class RequestLogMiddleware:
    """One JSON line per request: method, path, status, duration and queries."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tally = QueryTally()
        token = _current_tally.set(tally)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            _current_tally.reset(token)
        duration_ms = (time.perf_counter() - started) * 1000
        request_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(duration_ms, 1),
                "queries": tally.count,
                "db_ms": round(tally.total_ms, 1),
            },
        )
        return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach PostgreSQL answers 503 with the friendly page at once.

    Django closes the broken connection at the end of the request, and the next
    request connects afresh: the app recovers by itself when the server is back.
    (Errors outside views reach the same page through ``handler500``.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_statement_timeout(exception):
            unavailable_log.warning(
                "statement timeout",
                extra={"path": request.path, "query_string": request.META.get("QUERY_STRING")},
            )
            return too_slow_response(request)
        if not is_database_unavailable(exception):
            return None
        unavailable_log.error(
            "database unavailable: %s",
            exception.__class__.__name__,
            extra={"path": request.path, "error": str(exception).strip()[:500]},
        )
        return database_unavailable_response(request)


class _StatementTimeout:
    """An execute wrapper: before a connection's first query in the request, bound how
    long any one statement may run (a plain SET on the session; reset after)."""

    def __init__(self, milliseconds):
        self.milliseconds = milliseconds
        self.applied = set()  # aliases of the connections it was set on

    def __call__(self, execute, sql, params, many, context):
        connection = context["connection"]
        if connection.alias not in self.applied:
            self.applied.add(connection.alias)
            # On the raw cursor, so that the SET is not itself counted or wrapped.
            context["cursor"].cursor.execute(
                "SELECT set_config('statement_timeout', %s, false)", [str(self.milliseconds)]
            )
        return execute(sql, params, many, context)

    def reset(self):
        for alias in self.applied:
            connection = connections[alias]
            if connection.connection is None:
                continue  # closed (a broken link): the next session starts clean
            try:
                with connection.wrap_database_errors:  # uncounted, like the SET
                    connection.connection.execute("RESET statement_timeout")
            except DatabaseError:
                connection.close()  # unusable now: a fresh session has no timeout set


class PublicStatementTimeoutMiddleware:
    """Every statement of a public request (GET/HEAD outside the admin) ends within
    PUBLIC_STATEMENT_TIMEOUT_MS, or is cancelled by PostgreSQL and the page answers
    503 (DatabaseUnavailableMiddleware): no address can hold a worker until the
    server kills it. Staff screens, imports and commands have no such limit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        milliseconds = settings.PUBLIC_STATEMENT_TIMEOUT_MS
        if (
            milliseconds <= 0
            or request.method not in ("GET", "HEAD")
            or request.path.startswith(STAFF_PREFIX)
        ):
            return self.get_response(request)
        timeout = _StatementTimeout(milliseconds)
        wrapped = [connections[alias].execute_wrapper(timeout) for alias in connections]
        for context in wrapped:
            context.__enter__()
        try:
            return self.get_response(request)
        finally:
            for context in reversed(wrapped):
                context.__exit__(None, None, None)
            timeout.reset()


class RejectNulBytesMiddleware:
    """400 for a NUL character in the path or the query string.

    No page means one, and PostgreSQL cannot store or compare text containing it:
    left in, it reaches a lookup (a show or speaker slug) and fails there as a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseBadRequest(
                "A NUL character is not allowed in a web address.", content_type="text/plain"
            )
        return self.get_response(request)


class RefuseTooManySpeakersMiddleware:
    """400 at once for more speakers than any page accepts (MAX_SPEAKERS), before the
    page cache, sessions, the database or a template: worst-case addresses are refused
    for what a cached page costs. The message names the limit, as the forms' own check
    does (episodes.filters, which still guards the API and every form), and links to the
    same address with the first speakers kept.
    """

    PAGE = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="robots" content="noindex"><title>Too many speakers · Forum Archive</title>'
        "</head><body><main><h1>Too many speakers</h1><p>{message}</p>"
        '<p><a href="{fewer}">Show the first {limit}</a></p></main></body></html>\n'
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A cheap look first: most addresses never name a speaker.
        if (
            "speaker=" in request.META.get("QUERY_STRING", "")
            and is_public_page(request.path)
            and not request.path.startswith(API_PREFIX)
        ):
            asked = request.GET.getlist("speaker")
            if len(asked) > MAX_SPEAKERS:
                return self._refusal(request, asked)
        return self.get_response(request)

    def _refusal(self, request, asked):
        query = request.GET.copy()
        query.setlist("speaker", asked[:MAX_SPEAKERS])
        message = too_many_choices_message(MAX_SPEAKERS, "speakers", len(asked))
        response = HttpResponseBadRequest(
            format_html(
                self.PAGE,
                message=message,
                fewer=f"{request.path}?{query.urlencode()}",
                limit=MAX_SPEAKERS,
            )
        )
        response["Cache-Control"] = "no-store"
        # The request log has its line; Django's warning per 4xx would double it.
        response._has_been_logged = True
        return response
