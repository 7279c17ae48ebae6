"""Django's file cache, without a scan of its whole folder on every write.

Django's FileBasedCache lists every file of its folder before each write (``_cull``:
is the cache full?). With the page cache's ~2,000 files that is 2-7 ms of a worker's
CPU per write (measured at load 2-11), paid for every page stored, every fragment and
every count of the rendering budget: more than serving a cached page costs. Checking
at most once a second per process keeps the cache within a few writes of
MAX_ENTRIES, which is what MAX_ENTRIES is for.
"""

import time

from django.core.cache.backends.filebased import FileBasedCache


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
