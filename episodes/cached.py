"""What is computed from the archive and kept in the shared cache, and the generation
that makes all of it stale at once.

The generation changes once per committed write: forum_archive.page_cache listens to
``archive_changed`` (episodes.signals) and calls ``start_new_generation``. Whole pages,
template fragments (``{% cache ... page_generation %}``) and the values ``kept`` here
are keyed by it, so an edit or a publish shows everywhere at once, in every process
sharing the cache. The apps read the generation here, below the web plumbing they may
not import.
"""

import contextlib
import hashlib
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.core.signals import request_finished, request_started

GENERATION_KEY = "page-generation"
# A value is recomputed at least this often even if the archive never changes.
KEPT_SECONDS = 24 * 3600
_MISSING = object()


def _new_generation():
    """A generation no earlier one can equal: the clock, in milliseconds.

    A cache may evict the generation key (file and locmem caches cull at random when
    full); starting again from a fixed number would bring back values cached under it
    before an unpublish.
    """
    return int(time.time() * 1000)


# Within a request the generation is read from the cache once, at its first use (a search
# page used it seven times: a file read and an unpickling each, ~50 Python calls), and
# the request sees one generation throughout. Outside a request (commands, tasks) every
# use reads it.
_request = threading.local()  # .generation: None outside a request, _UNREAD, or the value
_UNREAD = object()


def _request_starts(**kwargs):
    _request.generation = _UNREAD


def _request_ends(**kwargs):
    _request.generation = None


request_started.connect(_request_starts, dispatch_uid="episodes.cached.request_starts")
request_finished.connect(_request_ends, dispatch_uid="episodes.cached.request_ends")


def generation():
    """The archive's current generation (a number; a new one after every change)."""
    known = getattr(_request, "generation", None)
    if known is None:
        return _read_generation()
    if known is _UNREAD:
        known = _request.generation = _read_generation()
    return known


def _read_generation():
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        current = cache.get(GENERATION_KEY, _new_generation())
    return current


def start_new_generation():
    """Every page, fragment and value kept under the current generation is stale."""
    if getattr(_request, "generation", None) is not None:
        _request.generation = _UNREAD  # this request's next use reads the new one
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): a new clock value will do
        cache.set(GENERATION_KEY, _new_generation(), timeout=None)


def kept(name, compute, *arguments):
    """``compute()``, kept until the archive changes: per ``name`` (no spaces: it is part
    of the key) and ``arguments`` (strings or numbers, e.g. the search words)."""
    return _cached(_key(name, arguments), compute)


# {key: value} this process has read, of any generation, the least recently read first:
# searchers' words are part of some keys (suggestions), so past generations' values and
# rare words' go first, and the few values every page reads (the public shows) stay.
_kept_here = OrderedDict()
KEPT_HERE_MAX = 100


def kept_here(name, compute, *arguments):
    """``kept``, with this process keeping its own copy under the same key: the generation
    is in the key, so a change made anywhere is seen at once, and a second read is a dict
    lookup instead of a cache read and an unpickling (~0.1-0.7 ms a value on a search
    page). Only for values no caller changes in place: the process's requests share one."""
    key = _key(name, arguments)
    value = _kept_here.get(key, _MISSING)
    if value is _MISSING:
        value = _kept_here[key] = _cached(key, compute)
    # KeyError: another thread of the process took the key out, or emptied it, meanwhile.
    with contextlib.suppress(KeyError):
        if len(_kept_here) > KEPT_HERE_MAX:
            _kept_here.popitem(last=False)
        _kept_here.move_to_end(key)
    return value


def _key(name, arguments):
    digest = hashlib.sha256(repr(arguments).encode()).hexdigest()[:32]
    return f"kept:{name}:{generation()}:{digest}"


def _cached(key, compute):
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, KEPT_SECONDS)
    return value
