"""What the settings read from the environment: switches, numbers, lists, and the
database and cache URLs turned into Django's dictionaries (forum_archive/settings.py)."""

import math
import os
from collections import Counter

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    return default if value is None or value.strip() == "" else int(value)


def secret_key_bits(key):
    """Shannon entropy of the key's characters, times its length, in bits."""
    counts = Counter(key)
    per_char = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())
    return per_char * len(key) if key else 0.0


def database_from_url(url, *, conn_max_age):
    database = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    if not database["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured("database URLs must point at PostgreSQL (postgres://...)")
    return database


def cache_from_url(url):
    scheme, _, location = url.partition("://")
    backends = {
        "locmem": "django.core.cache.backends.locmem.LocMemCache",
        "file": "forum_archive.file_cache.LazyCullFileBasedCache",
        "redis": "django.core.cache.backends.redis.RedisCache",
        "rediss": "django.core.cache.backends.redis.RedisCache",
        "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
        "dummy": "django.core.cache.backends.dummy.DummyCache",
    }
    if scheme not in backends:
        raise ImproperlyConfigured(f"CACHE_URL must start with one of {', '.join(backends)}://")
    if scheme.startswith("redis"):
        location = url  # the Redis client reads the whole URL
    # An episode page is up to ~400 KB: a few hundred per process, more on disk.
    options = {"locmem": {"MAX_ENTRIES": 200}, "file": {"MAX_ENTRIES": 5000}}.get(scheme, {})
    return {"BACKEND": backends[scheme], "LOCATION": location, "OPTIONS": options}
