"""Following the purge log: each app process applies the purges other processes logged.

Every purge is written to the PurgeEvent table (vistka.delivery.purge); each process reads the
events newer than the last it applied, at most every POLL_INTERVAL, and drops the named keys
from its fast-path store.
"""

import time

from django.dispatch import Signal

POLL_INTERVAL = 0.5
# Sent with the keys of each purge another process logged, once this one has applied it: what
# that process forgot in its own per-process cache, this one forgets too (vistka.reader).
purged_elsewhere = Signal()


def follow(store):
    """Apply to `store` the purges logged since its cursor (store.last_event), at most every
    POLL_INTERVAL (store.next_poll)."""
    now = time.monotonic()
    if now < store.next_poll:
        return
    store.next_poll = now + POLL_INTERVAL
    from django.db import DatabaseError

    from vistka.delivery.models import PurgeEvent

    try:
        if store.last_event is None:
            store.last_event = PurgeEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            return
        events = list(PurgeEvent.objects.filter(id__gt=store.last_event).values_list("id", "keys"))
    except DatabaseError:
        return  # database down: keep serving what we have
    for event_id, keys in events:
        store.purge(keys.split())
        purged_elsewhere.send(sender=type(store), keys=keys.split())
        store.last_event = max(store.last_event, event_id)
