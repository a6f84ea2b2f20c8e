"""Following the purge log: each app process applies the purges other processes logged.

Every purge is written to the PurgeEvent table in the transaction of the change that causes it
(vistka.delivery.purge); each process reads the events above its cursor, at most every
POLL_INTERVAL, and drops the named keys from its fast-path store.

Ids are taken when a transaction writes its event but become visible when it commits, so a lower
id can appear after a higher one (PostgreSQL; SQLite has one writer at a time). The cursor is a
watermark: every id up to it applied, and those above it applied once (`purge_log_applied`); a
missing id holds the watermark until it appears, or until the next event is GAP_GRACE old (its
transaction rolled back, or is absurdly long). Ages are the database's clock on both sides
(`created_at` is its default, `database_now()`), so writers' clocks never shorten the grace.

A gap passed is logged and still looked for (`purge_log_late`: id -> until when) for
PURGE_LATE_WINDOW_SECONDS: a transaction that commits its event after the grace is applied then
(and delivered to each Varnish, whose cursor keeps its own late ids). So are the ids missing just
below the end of the log when a process starts (transactions in flight then).

A failed query closes the connection it used: the follower runs outside Django's request cycle
(a fast-path hit never reaches Django), so nothing else would close a connection the database
dropped, and every later poll would fail on it.
"""

import logging
import time
from datetime import UTC, timedelta

from django.conf import settings
from django.db import Error as DatabaseFailure
from django.db.models import Q
from django.dispatch import Signal
from django.utils.dateparse import parse_datetime

logger = logging.getLogger(__name__)
POLL_INTERVAL = 0.5
GAP_GRACE = timedelta(seconds=60)
READ_LIMIT = 1000
LATE_IDS_MAX = 500  # ids looked for below a watermark at once (the most recent are kept)
START_LOOKBACK = 200  # ids below the end of the log a starting follower looks for late commits
# Sent with the keys of each purge another process logged, once this one has applied it: what
# that process forgot in its own per-process cache, this one forgets too (vistka.reader).
purged_elsewhere = Signal()


class FollowerState:
    """What this process knows of its own following, for purge_status."""

    last_success = None  # monotonic time of the last poll that reached the database
    errors = 0  # failed polls in a row


STATE = FollowerState()


def advance(mark, done, rows, now, grace=GAP_GRACE):
    """The new watermark, the ids kept above it and the ids it passed as gaps. `rows`: (id,
    created_at) of the events above `mark` in id order; `done`: the ids among them already applied
    or delivered; `now`: the database's clock."""
    passed = []
    for event_id, created_at in rows:
        if event_id not in done:
            break
        if event_id != mark + 1:
            if created_at > now - grace:
                break  # a lower id may still commit
            passed.extend(range(max(mark + 1, event_id - LATE_IDS_MAX), event_id))
        mark = event_id
    return mark, sorted(i for i in done if i > mark), passed[-LATE_IDS_MAX:]


def late_window():
    return timedelta(seconds=settings.PURGE_LATE_WINDOW_SECONDS)


def database_now():
    """The database's clock, the one `PurgeEvent.created_at` is written with."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT statement_timestamp()")
            return cursor.fetchone()[0]
        cursor.execute("SELECT STRFTIME('%Y-%m-%d %H:%M:%f', 'now')")  # SQLite: UTC
        return parse_datetime(cursor.fetchone()[0]).replace(tzinfo=UTC)


def note_late(late, passed, now, where):
    """Remember in `late` ({id: until}) the ids just passed as gaps, warn about them, and forget
    those looked for long enough (and the oldest beyond LATE_IDS_MAX). Returns `late`."""
    if passed:
        logger.warning(
            "Purge log (%s): ids %s not committed %s s after the next one; passed, looked for %s s more",
            where,
            _ranges(passed),
            int(GAP_GRACE.total_seconds()),
            int(late_window().total_seconds()),
        )
        late.update(dict.fromkeys(passed, now + late_window()))
    expired = [event_id for event_id, until in late.items() if until is None or until < now]
    if expired:
        logger.warning(
            "Purge log (%s): ids %s never committed, no longer looked for", where, _ranges(expired)
        )
    for event_id in expired + sorted(late)[:-LATE_IDS_MAX]:
        late.pop(event_id, None)
    return late


def _ranges(ids):
    ids = sorted(int(i) for i in ids)
    return f"{ids[0]}..{ids[-1]} ({len(ids)})" if len(ids) > 1 else str(ids[0])


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
        _start(store)
        return
    applied = getattr(store, "purge_log_applied", None)
    if applied is None:
        applied = store.purge_log_applied = set()
    late = getattr(store, "purge_log_late", None)
    if late is None:
        late = store.purge_log_late = {}
    wanted = Q(id__gt=store.last_event) | Q(id__in=list(late)) if late else Q(id__gt=store.last_event)
    found = PurgeEvent.objects.filter(wanted).order_by("id")
    rows = list(found.values_list("id", "keys", "hard", "created_at")[:READ_LIMIT])
    for event_id, keys, hard, _created_at in rows:
        if event_id in applied:
            continue
        if event_id <= store.last_event:
            if late.pop(event_id, None) is None:
                continue
            logger.warning("Purge log (follower): event %s committed late, applied now", event_id)
        _apply(store, keys.split(), hard)
        if event_id > store.last_event:
            applied.add(event_id)
    if not rows:
        return  # nothing new: ids looked for expire at the next poll that reads rows
    now = database_now()
    above = [(i, c) for i, _k, _h, c in rows if i > store.last_event]
    mark, kept, passed = advance(store.last_event, applied, above, now)
    store.last_event = mark
    store.purge_log_applied = set(kept)
    store.purge_log_late = note_late(late, passed, now, "follower")


def _apply(store, keys, hard):
    if hard:
        store.purge(keys, hard=True)
    else:
        store.purge(keys)
    purged_elsewhere.send(sender=type(store), keys=keys)


def _start(store):
    """The cursor starts at the end of the log; ids missing just below it may belong to
    transactions still in flight, so they are looked for as late ones."""
    from vistka.delivery.models import PurgeEvent

    store.purge_log_applied = set()
    last = PurgeEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    seen = set(PurgeEvent.objects.filter(id__gt=last - START_LOOKBACK).values_list("id", flat=True))
    missing = [i for i in range(max(1, last - START_LOOKBACK + 1), last) if i not in seen]
    until = database_now() + late_window() if missing else None
    store.purge_log_late = dict.fromkeys(missing, until)
    store.last_event = last
