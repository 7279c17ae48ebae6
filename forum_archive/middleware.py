"""Request-level behaviour: the structured request log, slow queries, the 503 page and
refusing input no page can mean. (The page cache is forum_archive/page_cache.py.)
"""

import contextvars
import logging
import time
import weakref

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponseBadRequest
from django.utils.html import format_html
from psycopg.pq import TransactionStatus

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


# The statement timeout the current request wants its statements to run under, in
# milliseconds (0: none, the server's default), and the one each session has now.
_wanted_timeout = contextvars.ContextVar("wanted_statement_timeout", default=0)
_session_timeouts = weakref.WeakKeyDictionary()  # {psycopg connection: ms, or None: unsure}


class StatementTimeoutKeeper:
    """Installed once on every database connection (see ``keep_statement_timeout``): before
    a statement, the session's statement timeout is made what the request wants, if it is
    not that already.

    A kept connection serves request after request, and most of them are public: setting
    the timeout before each public request and resetting it after cost two round trips a
    page. Now it changes only when a request wants another one than the session has: a
    staff screen, a form post or a command after public pages resets it before its first
    statement, and a new session starts with none. Inside a transaction a rollback would
    undo the change, so there the session's timeout is unsure and set again next time.
    """

    def __call__(self, execute, sql, params, many, context):
        wanted = _wanted_timeout.get()
        connection = context["connection"]
        raw = connection.connection
        failed = raw.info.transaction_status == TransactionStatus.INERROR  # only ROLLBACK runs
        if _session_timeouts.get(raw, 0) != wanted and not failed:
            # On the raw connection, so that the SET is not itself counted or wrapped (nor
            # declared as a server-side cursor when the statement is one: .iterator()).
            if wanted:
                raw.execute("SELECT set_config('statement_timeout', %s, false)", [str(wanted)])
            else:
                raw.execute("RESET statement_timeout")
            settled = connection.get_autocommit() and not connection.in_atomic_block
            _session_timeouts[raw] = wanted if settled else None
        return execute(sql, params, many, context)


_timeout_keeper = StatementTimeoutKeeper()


def keep_statement_timeout(sender, connection, **kwargs):
    """connection_created handler: put the timeout keeper on the connection, once."""
    if _timeout_keeper not in connection.execute_wrappers:
        connection.execute_wrappers.append(_timeout_keeper)


class PublicStatementTimeoutMiddleware:
    """Every statement of a public request (GET/HEAD outside the admin) ends within
    PUBLIC_STATEMENT_TIMEOUT_MS, or is cancelled by PostgreSQL and the page answers
    503 (DatabaseUnavailableMiddleware): no address can hold a worker until the
    server kills it. Staff screens, imports and commands have no such limit.
    (The timeout is applied by StatementTimeoutKeeper, statement by statement.)
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
        token = _wanted_timeout.set(milliseconds)
        try:
            return self.get_response(request)
        finally:
            _wanted_timeout.reset(token)


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


# What a view may set on its response (django-csp's decorators) to change its own policy.
_PER_RESPONSE_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
_settings_policies = {}


@receiver(setting_changed)
def _forget_settings_policies(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _settings_policies.clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the policy of the settings built once per process.

    django-csp builds the header from the settings anew for every response (~345 Python
    calls: its parts turned into dicts, every directive copied, joined). A response's
    policy is the settings' alone unless its view changed it (django-csp's decorators)
    or the page took a nonce; those two take django-csp's own road, unchanged.
    """

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _PER_RESPONSE_POLICY
        ):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response  # Django's debug pages, as django-csp leaves them
        for header, policy, exempt, excluded in self._settings_policies():
            if (
                policy
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(excluded)
            ):
                response[header] = policy
        # As django-csp: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _settings_policies():
        if not _settings_policies:
            for header, setting, exempt, report_only in (
                (HEADER, "CONTENT_SECURITY_POLICY", "_csp_exempt", False),
                (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", "_csp_exempt_ro", True),
            ):
                excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES")
                _settings_policies[header] = (
                    header,
                    build_policy(report_only=report_only),
                    exempt,
                    tuple(excluded or ()),
                )
        return _settings_policies.values()
