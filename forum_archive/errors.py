"""The error pages a visitor may see: 500 and 503, never a traceback.

Both render without touching the database (it may be the thing that failed)
and fall back to plain text if even the template cannot be rendered.
"""

import functools
import sys

import psycopg
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

# How long a client (or the load balancer) should wait before asking again.
RETRY_AFTER_SECONDS = 30


def is_statement_timeout(error):
    """PostgreSQL cancelled a statement that ran past statement_timeout."""
    return isinstance(error, OperationalError) and isinstance(
        error.__cause__, psycopg.errors.QueryCanceled
    )


def is_database_unavailable(error):
    """Connection failures, a server shutting down, a dropped link: neither our bug nor
    the visitor's; asking again in a moment will do."""
    return isinstance(error, OperationalError | InterfaceError)


def _render(template_name, request, fallback):
    try:
        # No request context processors: they might reach for the session or the user.
        return loader.render_to_string(template_name, {"request": request})
    except Exception:  # a broken error page must not hide the original error
        return fallback


def _try_again_later(request, template_name, fallback):
    """503: come back in a while (``Retry-After``), and never keep this answer."""
    response = HttpResponse(_render(template_name, request, fallback), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable_response(request):
    return _try_again_later(
        request,
        "503.html",
        "The archive is temporarily unavailable. Please try again in a minute.",
    )


def too_slow_response(request):
    """503 for a page whose query ran past the statement timeout: asking again may do
    (the database was busy), or the address asks for too much at once."""
    return _try_again_later(
        request,
        "503_too_slow.html",
        "This page took too long to prepare. Please try again in a minute, "
        "or ask for less at once (fewer filters).",
    )


@functools.cache
def _over_budget_body():
    # The same page for every address and path (the template uses no request): rendered
    # once per process, so that a refusal costs no template work however many come.
    return _render(
        "429.html",
        None,
        "Too many pages asked for from your address at once. Please try again in a moment.",
    )


def over_budget_response(request, *, retry_after):
    """429 for an address that spent its rendering budget (render_budget.py)."""
    response = HttpResponse(_over_budget_body(), status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    # Django's request logger writes a warning for every 4xx: an address refused
    # hundreds of times a second would flood the log. render_budget.py logs once per
    # address and window instead.
    response._has_been_logged = True
    return response


def server_error(request):
    """handler500: the friendly 500 page, or the 503 page when the database is unreachable.

    Django calls this while handling the exception, so ``sys.exc_info()`` tells
    which one it was; that covers errors raised outside views (in middleware).
    """
    error = sys.exc_info()[1]
    if error is not None and is_statement_timeout(error):
        return too_slow_response(request)
    if error is not None and is_database_unavailable(error):
        return database_unavailable_response(request)
    body = _render("500.html", request, "Something went wrong on our side. Please try again later.")
    return HttpResponseServerError(body)
