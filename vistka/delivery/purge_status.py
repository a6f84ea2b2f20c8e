"""How far behind purges are: per Varnish, the oldest unacknowledged event and the backlog; for
this process, its purge-log follower. Cheap enough for readiness and metrics: one query for the
cursors and one indexed aggregate per Varnish (and one for this process's follower)."""

import time

from django.db.models import Count, Max, Min, Q

from vistka.delivery import purge_log
from vistka.delivery.purge_delivery import configured


def _pending(after, done, late=()):
    """(count, oldest created_at) of the events above `after` not in `done`, and of the ids in
    `late` (passed as gaps, committed late: vistka.delivery.purge_log)."""
    from vistka.delivery.models import PurgeEvent

    wanted = Q(id__gt=after) & ~Q(id__in=list(done))
    if late:
        wanted |= Q(id__in=[int(i) for i in late])
    found = PurgeEvent.objects.filter(wanted).aggregate(n=Count("id"), oldest=Min("created_at"))
    return found["n"], found["oldest"]


def _age(moment, now):
    return max(0.0, (now - moment).total_seconds()) if moment is not None else 0.0


def target_status(now=None):
    """[{url, acknowledged, backlog, oldest_age_seconds, failures, last_error, purge_everything}]
    for each configured Varnish (a Varnish not yet seen by a deliverer: acknowledged None)."""
    from vistka.delivery.models import PurgeTarget

    now = now or purge_log.database_now()
    urls = configured()
    rows = {t.url: t for t in PurgeTarget.objects.filter(url__in=urls)}
    found = []
    for url in urls:
        target = rows.get(url)
        if target is None:
            found.append(
                {
                    "url": url,
                    "acknowledged": None,
                    "backlog": 0,
                    "oldest_age_seconds": 0.0,
                    "failures": 0,
                    "last_error": "",
                    "purge_everything": False,
                }
            )
            continue
        count, oldest = _pending(target.acknowledged, target.acknowledged_above, target.late_ids)
        found.append(
            {
                "url": url,
                "acknowledged": target.acknowledged,
                "backlog": count,
                "oldest_age_seconds": round(_age(oldest, now), 3),
                "failures": target.failures,
                "last_error": target.last_error,
                "purge_everything": target.purge_everything,
            }
        )
    return found


def follower_status(now=None):
    """This process's follower: its watermark, the events logged but not yet applied here (their
    count and the oldest one's age), seconds since its last successful poll, failed polls in a row."""
    from vistka.delivery import fastpath

    now = now or purge_log.database_now()
    store = fastpath.STORE
    last = purge_log.STATE.last_success
    since = round(time.monotonic() - last, 3) if last is not None else None
    behind, oldest = (0, None)
    if store.last_event is not None:
        behind, oldest = _pending(
            store.last_event, getattr(store, "purge_log_applied", ()), getattr(store, "purge_log_late", ())
        )
    return {
        "last_event": store.last_event,
        "behind": behind,
        "lag_seconds": round(_age(oldest, now), 3),
        "seconds_since_poll": since,
        "errors": purge_log.STATE.errors,
    }


def status():
    """{lag_seconds, backlog, targets: [...], follower: {...}}: `lag_seconds` is the age of the
    oldest event some Varnish has not acknowledged (0 when none), `backlog` the unacknowledged
    events summed over the Varnish targets."""
    from vistka.delivery.models import PurgeEvent

    now = purge_log.database_now()
    targets = target_status(now)
    return {
        "lag_seconds": max((t["oldest_age_seconds"] for t in targets), default=0.0),
        "backlog": sum(t["backlog"] for t in targets),
        "targets": targets,
        "follower": follower_status(now),
        "last_event": PurgeEvent.objects.aggregate(last=Max("id"))["last"] or 0,
    }
