"""Purging: after the transaction commits, tell every cache what changed.

The embedded fast-path caches learn it through the PurgeEvent log (each process polls it);
Varnish through an HTTP PURGE carrying `xkey-softpurge`, so grace keeps serving the old copy
to others while one request fetches the new one.
"""

import logging
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)
LOG_RETENTION = timedelta(days=1)


_suspended = threading.local()


@contextmanager
def suspended():
    """Bulk loads into a fresh database (the demo newsroom) skip per-story purges: nothing is
    cached yet. Everything is purged once at the end."""
    _suspended.active = True
    try:
        yield
    finally:
        _suspended.active = False
    purge_now(["sitemap"] + [f"edition-{code}" for code in ("uk", "ru", "en")])


def is_suspended():
    return getattr(_suspended, "active", False)


def purge(keys):
    """Purge these keys once the current transaction commits (now, outside one). The purges of
    one transaction go out together, each key once: deleting a live story, for one, purges its
    keys both as Wagtail unpublishes it and as it is deleted."""
    keys = set(keys)
    if not keys or is_suspended():
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        purge_now(sorted(keys))
        return
    pending = getattr(connection, "vistka_pending_purge", None)
    if pending is None or not pending.waiting(connection):
        pending = connection.vistka_pending_purge = _PendingPurge()
        transaction.on_commit(pending.flush)
    pending.keys |= keys


class _PendingPurge:
    """The keys a transaction purges, sent by one on-commit callback."""

    def __init__(self):
        self.keys = set()
        self.done = False

    def waiting(self, connection):
        """Still to run: neither run yet nor dropped with a rolled-back (savepoint) block."""
        return not self.done and any(func == self.flush for _sids, func, _robust in connection.run_on_commit)

    def flush(self):
        self.done = True
        purge_now(sorted(self.keys))


def purge_now(keys):
    from vistka.delivery import fastpath
    from vistka.delivery.models import PurgeEvent

    PurgeEvent.objects.create(keys=" ".join(keys))
    PurgeEvent.objects.filter(created_at__lt=timezone.now() - LOG_RETENTION).delete()
    fastpath.STORE.purge(keys)
    purge_varnish(keys)


def purge_varnish(keys):
    for url in settings.VARNISH_PURGE_URLS:
        if not url.startswith(("http://", "https://")):
            continue
        # Varnish limits header size; purge in batches of keys.
        for start in range(0, len(keys), 200):
            batch = " ".join(keys[start : start + 200])
            request = urllib.request.Request(url, method="PURGE", headers={"xkey-softpurge": batch})  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310 (configured URL)
                    response.read()
            except (urllib.error.URLError, OSError) as error:
                logger.warning("Varnish purge at %s failed: %s", url, error)
