"""Django's file cache, without a scan of its whole folder on every write, and with
values kept as they are instead of deflated.

Django's FileBasedCache lists every file of its folder before each write (``_cull``:
is the cache full?). With the page cache's ~2,000 files that is 2-7 ms of a worker's
CPU per write (measured at load 2-11), paid for every page stored, every fragment and
every count of the rendering budget: more than serving a cached page costs. Checking
at most once a second per process keeps the cache within a few writes of
MAX_ENTRIES, which is what MAX_ENTRIES is for.

It also deflates every value it writes (zlib), so every read inflates it: for a cached
episode page of 500 paragraphs (340 kB) ~1-2 ms of a worker's CPU on each hit, as much
as all the rest of serving it, and what made the episode page the slowest cached page
under load. Here a value is its pickle alone, read back in ~0.03 ms (zlib's stored
blocks would still cost a checksum, ~0.3 ms). Files written deflated (by Django's cache,
before a deploy) still read; the other way does not, so a rollback to a release older
than this file's empties var/cache first. The files are ~4x larger: at MAX_ENTRIES (5,000)
of episode pages of ~400 kB, up to ~2 GB, which the OS keeps in memory as it can.
"""

import pickle
import time
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks


class LazyCullFileBasedCache(FileBasedCache):
    CULL_EVERY_SECONDS = 1.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._next_cull = 0.0

    def _cull(self):
        now = time.monotonic()
        if now < self._next_cull:
            return
        self._next_cull = now + self.CULL_EVERY_SECONDS
        super()._cull()

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as file:
                if not self._is_expired(file):
                    return _loads(file.read())
        except FileNotFoundError:
            pass
        return default

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's, but reading the value as get() does (Django's would inflate it); the
        # lock keeps another worker's touch from writing between the read and the write.
        try:
            with open(self._key_to_file(key, version), "r+b") as file:
                locks.lock(file, locks.LOCK_EX)
                try:
                    if self._is_expired(file):
                        return False
                    value = _loads(file.read())
                    file.seek(0)
                    self._write_content(file, timeout, value)
                    file.truncate()
                    return True
                finally:
                    if not file.closed:  # _is_expired() closes an expired entry to delete it
                        locks.unlock(file)
        except FileNotFoundError:
            return False


def _loads(data):
    # A pickle starts with its PROTO opcode; Django's deflated files do not.
    if not data.startswith(pickle.PROTO):
        data = zlib.decompress(data)
    return pickle.loads(data)
