"""Following the purge log: each app process applies the purges other processes logged.

Every purge is written to the PurgeEvent table in the transaction of the change that causes it
(vistka.delivery.purge); each process reads the events above its cursor, at most every
POLL_INTERVAL, and drops the named keys from its fast-path store.

Ids are taken when a transaction writes its event but become visible when it commits, so a lower
id can appear after a higher one (PostgreSQL; SQLite has one writer at a time). The cursor is a
watermark: every id up to it applied, and those above it applied once (`purge_log_applied`); a
missing id holds the watermark until it appears, or until the next event is GAP_GRACE old (its
transaction rolled back, or is absurdly long).

A failed query closes the connection it used: the follower runs outside Django's request cycle
(a fast-path hit never reaches Django), so nothing else would close a connection the database
dropped, and every later poll would fail on it.
"""

import time
from datetime import timedelta

from django.db import Error as DatabaseFailure
from django.dispatch import Signal
from django.utils import timezone

POLL_INTERVAL = 0.5
GAP_GRACE = timedelta(seconds=60)
READ_LIMIT = 1000
# Sent with the keys of each purge another process logged, once this one has applied it: what
# that process forgot in its own per-process cache, this one forgets too (vistka.reader).
purged_elsewhere = Signal()


class FollowerState:
    """What this process knows of its own following, for purge_status."""

    last_success = None  # monotonic time of the last poll that reached the database
    errors = 0  # failed polls in a row


STATE = FollowerState()


def advance(mark, done, rows, now, grace=GAP_GRACE):
    """The new watermark and the ids kept above it. `rows`: (id, created_at) of the events above
    `mark` in id order; `done`: the ids among them already applied or delivered."""
    for event_id, created_at in rows:
        if event_id not in done:
            break
        if event_id != mark + 1 and created_at > now - grace:
            break  # a lower id may still commit
        mark = event_id
    return mark, sorted(i for i in done if i > mark)


def reset_connection():
    """Close this thread's connection after a failed query, so the next one reconnects."""
    from django.db import connection

    if connection.in_atomic_block or (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        return  # a test's shared in-memory database lives as long as its connection
    try:
        connection.close()
    except Exception:  # noqa: BLE001 (the connection is broken; Django forgets it anyway)
        connection.connection = None


def follow(store):
    """Apply to `store` the purges logged since its cursor (store.last_event), at most every
    POLL_INTERVAL (store.next_poll)."""
    now = time.monotonic()
    if now < store.next_poll:
        return
    store.next_poll = now + POLL_INTERVAL
    from vistka.delivery import purge_delivery

    purge_delivery.ensure_thread()
    try:
        _follow(store)
    except DatabaseFailure:
        STATE.errors += 1
        reset_connection()  # database down: keep serving what we have, reconnect next poll
        return
    STATE.last_success = time.monotonic()
    STATE.errors = 0


def _follow(store):
    from vistka.delivery.models import PurgeEvent

    if store.last_event is None:
        store.purge_log_applied = set()
        store.last_event = PurgeEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        return
    applied = getattr(store, "purge_log_applied", None)
    if applied is None:
        applied = store.purge_log_applied = set()
    rows = list(
        PurgeEvent.objects.filter(id__gt=store.last_event)
        .order_by("id")
        .values_list("id", "keys", "created_at")[:READ_LIMIT]
    )
    for event_id, keys, _created_at in rows:
        if event_id in applied:
            continue
        store.purge(keys.split())
        purged_elsewhere.send(sender=type(store), keys=keys.split())
        applied.add(event_id)
    mark, above = advance(store.last_event, applied, [(i, c) for i, _k, c in rows], timezone.now())
    store.last_event = mark
    store.purge_log_applied = set(above)
