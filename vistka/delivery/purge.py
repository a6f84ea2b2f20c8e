"""Purging: record what changed with the change, then tell every cache.

The purge is a PurgeEvent row written in the transaction of the change (an outbox): a change
cannot commit without it, whatever happens to the process after the commit. After the commit, the
fast path: this process's store drops the keys and each Varnish gets an HTTP PURGE carrying
`xkey-softpurge` (grace keeps serving the old copy to others while one request fetches the new
one); an acknowledged PURGE advances that Varnish's cursor. The other app processes apply the event
from the log (vistka.delivery.purge_log); a Varnish that missed it gets it again from the
deliverer (vistka.delivery.purge_delivery) until it answers.
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


def purge(keys):
    """Record the purge of these keys in the current transaction (autocommit: now) and apply it
    once that commits. The purges of one transaction are one event, each key once: deleting a live
    story, for one, purges its keys both as Wagtail unpublishes it and as it is deleted."""
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
    pending.add(keys)


class _PendingPurge:
    """The event a transaction writes (updated as it purges more) and its after-commit fast path."""

    def __init__(self):
        self.keys = set()
        self.event_id = None
        self.done = False

    def waiting(self, connection):
        """Still to run: neither run yet nor dropped with a rolled-back (savepoint) block."""
        return not self.done and any(func == self.flush for _sids, func, _robust in connection.run_on_commit)

    def add(self, keys):
        from vistka.delivery.models import PurgeEvent

        # Written each time (one UPDATE by key): a rolled-back savepoint may have undone an earlier one.
        self.keys |= keys
        if self.event_id is None:
            self.event_id = PurgeEvent.objects.create(keys=" ".join(sorted(self.keys))).pk
        else:
            PurgeEvent.objects.filter(pk=self.event_id).update(keys=" ".join(sorted(self.keys)))

    def flush(self):
        self.done = True
        apply_after_commit(self.event_id, sorted(self.keys))


def purge_now(keys):
    """Record and apply a purge outside any transaction."""
    from vistka.delivery.models import PurgeEvent

    event = PurgeEvent.objects.create(keys=" ".join(keys))
    apply_after_commit(event.pk, list(keys))


def apply_after_commit(event_id, keys):
    """The fast path of a committed event: this process's store, then each Varnish at once."""
    from vistka.delivery import fastpath, purge_delivery

    fastpath.STORE.purge(keys)
    purge_delivery.deliver_now(event_id, keys)
