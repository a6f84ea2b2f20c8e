"""Purging: record what changed with the change, then tell every cache.

The purge is a PurgeEvent row written in the transaction of the change (an outbox): a change
cannot commit without it, whatever happens to the process after the commit. After the commit, the
fast path: this process's store marks the keys' pages stale and each Varnish gets an HTTP PURGE
carrying `xkey-softpurge` (grace keeps serving the old copy to others while one request fetches the
new one); an acknowledged PURGE advances that Varnish's cursor.

A hard purge (an unpublished or deleted story, a view restriction added or changed) is for pages
that must never be served again, not even while the app fails: every cache drops them (the fast
path's entries, Varnish's objects by `xkey-purge`), so no grace or stale-if-error can bring them
back. A transaction is one event, hard if any of its purges is: every key of it is purged hard.

The other app processes apply the event from the log (vistka.delivery.purge_log); a Varnish that
missed it gets it again from the deliverer (vistka.delivery.purge_delivery) until it answers.
"""

import threading
from contextlib import contextmanager

from django.db import transaction

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


def purge(keys, hard=False):
    """Record the purge of these keys in the current transaction (autocommit: now) and apply it
    once that commits. The purges of one transaction are one event, each key once: deleting a live
    story, for one, purges its keys both as Wagtail unpublishes it and as it is deleted. `hard`:
    the pages are dropped everywhere, never served stale (see the module's docstring)."""
    keys = set(keys)
    if not keys or is_suspended():
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        purge_now(sorted(keys), hard=hard)
        return
    pending = getattr(connection, "vistka_pending_purge", None)
    if pending is None or not pending.waiting(connection):
        pending = connection.vistka_pending_purge = _PendingPurge()
        transaction.on_commit(pending.flush)
    pending.add(keys, hard)


class _PendingPurge:
    """The event a transaction writes (updated as it purges more) and its after-commit fast path."""

    def __init__(self):
        self.keys = set()
        self.hard_keys = set()  # the keys purged hard: the event is hard if there is any
        self.event_id = None
        self.done = False

    @property
    def hard(self):
        return bool(self.hard_keys)

    def waiting(self, connection):
        """Still to run: neither run yet nor dropped with a rolled-back (savepoint) block."""
        return not self.done and any(func == self.flush for _sids, func, _robust in connection.run_on_commit)

    def add(self, keys, hard=False):
        # Written each time (one UPDATE by key): a rolled-back savepoint may have undone an earlier
        # one. Once hard, the event stays hard (a hard purge undone by a savepoint purges a little
        # more than needed, never less).
        self.keys |= keys
        if hard:
            self.hard_keys |= keys
        self._write()

    def replace(self, dropped, covering):
        """Drop the `dropped` keys (hard or not) for the soft `covering` keys, which every page
        they name also names: a transaction purging thousands of old addresses purges their
        editions instead, without the hardness that would drop every page's stale copy."""
        self.keys = (self.keys - dropped) | covering
        self.hard_keys -= dropped
        self._write()

    def _write(self):
        from vistka.delivery.models import PurgeEvent

        written = {"keys": " ".join(sorted(self.keys)), "hard": self.hard}
        if self.event_id is None:
            self.event_id = PurgeEvent.objects.create(**written).pk
        else:
            PurgeEvent.objects.filter(pk=self.event_id).update(**written)

    def flush(self):
        self.done = True
        apply_after_commit(self.event_id, sorted(self.keys), self.hard)


def purge_now(keys, hard=False):
    """Record and apply a purge outside any transaction."""
    from vistka.delivery.models import PurgeEvent

    event = PurgeEvent.objects.create(keys=" ".join(keys), hard=hard)
    apply_after_commit(event.pk, list(keys), hard)


def apply_after_commit(event_id, keys, hard=False):
    """The fast path of a committed event: this process's store, then each Varnish at once."""
    from vistka.delivery import fastpath, purge_delivery

    if hard:
        fastpath.STORE.purge(keys, hard=True)
    else:
        fastpath.STORE.purge(keys)
    purge_delivery.deliver_now(event_id, keys, hard=hard)
