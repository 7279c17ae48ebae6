"""Reads from PostgreSQL replicas, writes to the primary (DATABASE_REPLICA_URLS).

A replica is chosen per request, and only for requests that cannot be
surprised by replication lag: anonymous GET/HEAD requests, which are most of
the traffic when a segment goes viral. Everything else reads from the primary:

- a request that writes (POST and co.), or that has written: after its first
  write every read of the same request goes to the primary, which has it;
- a signed-in visitor (staff): they expect to see their own edits on the next
  page, and their session and user rows are read there too;
- reads inside a transaction on the primary (the importer): they must see the
  transaction's own rows;
- anything outside a web request (commands, the shell, tests).

Migrations run on the primary only; replicas copy them by streaming.
"""

import contextvars
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class RequestRouting:
    replica: str | None  # the replica this request reads from; None: the primary
    wrote: bool = False


_routing = contextvars.ContextVar("database_routing", default=None)


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias != DEFAULT_DB_ALIAS]


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        routing = _routing.get()
        if routing is None or routing.replica is None or routing.wrote:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return routing.replica

    def db_for_write(self, model, **hints):
        routing = _routing.get()
        if routing is not None:
            routing.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def replica_for(request):
    """The replica a request may read from, or None for the primary."""
    replicas = replica_aliases()
    if not replicas or request.method not in SAFE_METHODS:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    return random.choice(replicas)


class ReplicaRoutingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _routing.set(RequestRouting(replica=replica_for(request)))
        try:
            return self.get_response(request)
        finally:
            _routing.reset(token)
