"""What every write service announces once its write commits: "the archive changed".

Whatever shows the archive and keeps copies (the page cache, forum_archive/page_cache.py)
listens to ``archive_changed`` instead of watching models: a service announces its write
however it made it (``.update()``, ``bulk_create``, COPY), and writes that change nothing
public (an upload waiting for its preview) announce nothing.
"""

from django.db import transaction
from django.dispatch import Signal

# Sent (with no arguments) after the commit of a transaction that changed the archive.
archive_changed = Signal()


def announce_archive_change():
    """Each write service calls this once, inside its transaction: ``archive_changed`` is
    sent when the transaction commits, and never if it rolls back."""
    transaction.on_commit(_send)


def _send():
    archive_changed.send(sender=None)
