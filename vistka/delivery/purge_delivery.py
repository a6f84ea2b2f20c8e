"""Delivering the purge log to every Varnish at least once, retried until it answers 200.

Each Varnish (a URL of VARNISH_PURGE_URLS) has a cursor, PurgeTarget: the events it acknowledged.
The committing process sends its event at once (deliver_now) and records the acknowledgement; what
a Varnish missed (unreachable, partitioned, the process killed after the commit) is sent again, in
id order and merged into few PURGE requests, by `deliver_pending()`, with backoff up to
PURGE_RETRY_MAX_SECONDS between failures.

`deliver_pending()` runs in a background thread of every app process (PURGE_DELIVERY_THREAD, every
PURGE_DELIVERY_INTERVAL seconds, started by the first request) and once per pass of the scheduler
(a backstop when no app process runs). Several may run at once: a pass claims a target with a
compare-and-set lease on its row (no lock is held while Varnish is called, so a slow Varnish never
blocks an editor's transaction); recording acknowledgements re-reads the row under
select_for_update and only adds what was acknowledged, so no writer can skip an event.

Hard events (vistka.delivery.purge) go as `xkey-purge` (Varnish drops the objects: no grace, no
stale-if-error), the rest as `xkey-softpurge`; a merged request never turns a hard key soft. Ids a
target's cursor passed as gaps stay due as `late_ids` for PURGE_LATE_WINDOW_SECONDS
(vistka.delivery.purge_log), so an event committed after the gap grace is still delivered.

Retention (prune_log): events older than PURGE_LOG_RETENTION_HOURS go once every configured Varnish
acknowledged them; past PURGE_LOG_MAX_DAYS they go anyway, and a Varnish that never acknowledged
them is sent a hard purge of everything (each edition's key) when it answers again: what it
missed may have been an unpublishing.
"""

import http.client
import logging
import os
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from django.conf import settings
from django.db import Error as DatabaseFailure
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from vistka.delivery.purge_log import advance, database_now, note_late, reset_connection

logger = logging.getLogger(__name__)
KEYS_PER_REQUEST = 200  # Varnish limits header size
EVENTS_PER_PASS = 2000
LEASE = timedelta(seconds=10)  # a pass that died mid-delivery frees its target after this
PRUNE_EVERY = 600.0  # seconds between retention runs in one process
EVERYTHING = ("sitemap", "edition-uk", "edition-ru", "edition-en")


def configured():
    """The Varnish purge URLs this deployment names (http/https only)."""
    return [url for url in settings.VARNISH_PURGE_URLS if url.startswith(("http://", "https://"))]


def send(url, keys, timeout=2.0, hard=False):
    """PURGE `keys` at `url` (`hard`: xkey-purge, else xkey-softpurge); None when every request
    got HTTP 200, else what went wrong (unreachable, or an answer that is not HTTP)."""
    keys = list(keys)
    header = "xkey-purge" if hard else "xkey-softpurge"
    for start in range(0, len(keys), KEYS_PER_REQUEST):
        batch = " ".join(keys[start : start + KEYS_PER_REQUEST])
        request = urllib.request.Request(url, method="PURGE", headers={header: batch})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (configured URL)
                response.read()
                if response.status != 200:
                    return f"HTTP {response.status}"
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            return f"{type(error).__name__}: {error}"[:300]
    return None


def send_split(url, soft, hard):
    """PURGE the soft keys softly and the hard ones hard (a key in both goes hard only)."""
    error = send(url, sorted(set(soft) - set(hard))) if set(soft) - set(hard) else None
    if error is None and hard:
        error = send(url, sorted(hard), hard=True)
    return error


def backoff(failures):
    """Seconds before the next try after `failures` failed passes in a row."""
    return min(settings.PURGE_RETRY_MAX_SECONDS, 0.25 * 2 ** max(failures - 1, 0))


def _latest_event_id():
    from vistka.delivery.models import PurgeEvent

    return PurgeEvent.objects.aggregate(last=Max("id"))["last"] or 0


def ensure_targets(urls, start=None):
    """A cursor row for each URL; a new Varnish starts at the current end of the log (its cache
    is empty), or just before `start` when the row is made for that event."""
    from vistka.delivery.models import PurgeTarget

    known = set(PurgeTarget.objects.filter(url__in=urls).values_list("url", flat=True))
    for url in urls:
        if url in known:
            continue
        mark = start - 1 if start is not None else _latest_event_id()
        try:
            with transaction.atomic():
                PurgeTarget.objects.create(url=url, acknowledged=mark)
        except IntegrityError:
            pass  # another process made it


def record(url, delivered, error=None, everything_sent=False):
    """Add the ids Varnish at `url` acknowledged to its cursor (re-read under lock) and note the
    outcome of a delivery pass (error None: success; the lease ends either way)."""
    from vistka.delivery.models import PurgeTarget

    with transaction.atomic():
        target = PurgeTarget.objects.select_for_update().filter(url=url).first()
        if target is None:
            return
        done = {i for i in delivered if i > target.acknowledged} | set(target.acknowledged_above)
        _advance(target, done, delivered)
        if everything_sent:
            target.purge_everything = False
        if error is None:
            target.failures, target.last_error, target.retry_at = 0, "", None
        else:
            target.failures += 1
            target.last_error = error
            target.retry_at = timezone.now() + timedelta(seconds=backoff(target.failures))
        target.save()


def _advance(target, done, delivered):
    """Move the cursor over `done` (gaps passed after the grace become late ids) and forget the
    late ids just `delivered`; the caller saves the target."""
    from vistka.delivery.models import PurgeEvent

    late = {int(i): datetime.fromisoformat(until) for i, until in (target.late_ids or {}).items()}
    for event_id in delivered:
        late.pop(event_id, None)
    passed = []
    now = database_now()
    if done:
        rows = PurgeEvent.objects.filter(id__gt=target.acknowledged, id__lte=max(done)).order_by("id")
        target.acknowledged, target.acknowledged_above, passed = advance(
            target.acknowledged, done, list(rows.values_list("id", "created_at")), now
        )
    note_late(late, passed, now, target.url)
    target.late_ids = {str(i): until.isoformat() for i, until in sorted(late.items())}


def deliver_now(event_id, keys, hard=False):
    """The committing process's immediate PURGE of its event to each Varnish; an answer advances
    that Varnish's cursor (older events it has not acknowledged stay due). It runs after the
    commit, in the editor's request: nothing it meets may fail that request (the deliverer
    retries whatever did not arrive)."""
    try:
        _deliver_now(event_id, keys, hard)
    except Exception:  # noqa: BLE001 (the change is committed and its purge logged)
        logger.exception("The immediate purge of event %s failed (the deliverer retries)", event_id)


def _deliver_now(event_id, keys, hard):
    urls = configured()
    if not urls or event_id is None:
        return
    for url in urls:
        try:
            # Before sending: a cursor made later would start past this event if the send fails.
            ensure_targets([url], start=event_id)
        except DatabaseFailure as failure:
            logger.warning("Could not record the purge target %s: %s", url, failure)
        error = send(url, keys, hard=hard)
        if error is not None:
            logger.warning("Varnish purge at %s failed (the deliverer retries): %s", url, error)
            continue
        try:
            acknowledge(url, event_id)
        except DatabaseFailure as failure:
            logger.warning("Could not record the purge acknowledgement of %s: %s", url, failure)


def acknowledge(url, event_id):
    """Add one acknowledged event, leaving the lease or backoff of a pass that holds the target."""
    from vistka.delivery.models import PurgeTarget

    with transaction.atomic():
        target = PurgeTarget.objects.select_for_update().filter(url=url).first()
        if target is None:
            return
        if event_id <= target.acknowledged:
            if str(event_id) not in (target.late_ids or {}):
                return
            _advance(target, set(), {event_id})  # a late commit, delivered
        else:
            _advance(target, set(target.acknowledged_above) | {event_id}, {event_id})
        target.save(update_fields=["acknowledged", "acknowledged_above", "late_ids", "updated_at"])


def _claim(target, now):
    """Take the target for one pass (compare-and-set of its lease); False if another pass has it
    or it is waiting out a backoff."""
    from vistka.delivery.models import PurgeTarget

    free = Q(retry_at__isnull=True) | Q(retry_at__lte=now)
    return PurgeTarget.objects.filter(free, pk=target.pk).update(retry_at=now + LEASE) == 1


def due(target):
    """Whether this target has anything unacknowledged."""

    if target.purge_everything:
        return True
    return _unacknowledged(target).exists()


def _unacknowledged(target):
    """The events this target has not acknowledged: above its cursor, or late below it."""
    from vistka.delivery.models import PurgeEvent

    above = Q(id__gt=target.acknowledged) & ~Q(id__in=target.acknowledged_above)
    late = [int(i) for i in target.late_ids or {}]
    return PurgeEvent.objects.filter(above | Q(id__in=late) if late else above)


def deliver_to(target):
    """Send a claimed target what it has not acknowledged, in id order, merged into requests of up
    to KEYS_PER_REQUEST keys; stop at the first failure. Returns the number of events delivered."""

    if target.purge_everything:
        error = send(target.url, EVERYTHING, hard=True)
        record(target.url, set(), error=error, everything_sent=error is None)
        if error is not None:
            return 0
    rows = list(_unacknowledged(target).order_by("id").values_list("id", "keys", "hard")[:EVENTS_PER_PASS])
    delivered, batch_ids, soft, hard, error = set(), [], set(), set(), None
    for event_id, keys, is_hard in rows + [(None, "", False)]:
        keys = set(keys.split())
        if batch_ids and (event_id is None or len(soft | hard | keys) > KEYS_PER_REQUEST):
            error = send_split(target.url, soft, hard)
            if error is not None:
                break
            delivered.update(batch_ids)
            batch_ids, soft, hard = [], set(), set()
        if event_id is not None:
            batch_ids.append(event_id)
            (hard if is_hard else soft).update(keys)
    record(target.url, delivered, error=error)
    if error is not None:
        logger.warning("Varnish purge at %s failed, retrying: %s", target.url, error)
    return len(delivered)


def deliver_pending():
    """One delivery pass over every configured Varnish. Returns {url: events delivered} for the
    targets this pass took (others were due later, held by another pass, or up to date)."""
    from vistka.delivery.models import PurgeTarget

    urls = configured()
    if not urls:
        return {}
    ensure_targets(urls)
    results = {}
    now = timezone.now()
    for target in PurgeTarget.objects.filter(url__in=urls):
        if target.retry_at is not None and target.retry_at > now:
            continue
        if due(target) and _claim(target, now):
            results[target.url] = deliver_to(target)
    _maybe_prune()
    return results


_last_prune = []


def _maybe_prune():
    now = time.monotonic()
    if not _last_prune or now - _last_prune[0] >= PRUNE_EVERY:
        _last_prune[:] = [now]
        prune_log()


def prune_log(now=None):
    """Bound the log: keep what a configured Varnish has not acknowledged, up to a hard age."""
    from vistka.delivery.models import PurgeEvent, PurgeTarget

    now = now or database_now()
    retention = timedelta(hours=settings.PURGE_LOG_RETENTION_HOURS)
    hard = now - timedelta(days=settings.PURGE_LOG_MAX_DAYS)
    old = PurgeEvent.objects.filter(created_at__lt=now - retention)
    marks = list(PurgeTarget.objects.filter(url__in=configured()).values_list("acknowledged", flat=True))
    if marks:
        old = old.filter(id__lte=min(marks))
    removed = old.delete()[0]
    dropped = PurgeEvent.objects.filter(created_at__lt=hard).aggregate(last=Max("id"))["last"]
    if dropped is not None:
        PurgeTarget.objects.filter(acknowledged__lt=dropped).update(
            acknowledged=dropped, acknowledged_above=[], purge_everything=True
        )
        removed += PurgeEvent.objects.filter(id__lte=dropped).delete()[0]
    return removed


# --- the background thread of an app process --------------------------------------------------

_thread = {"pid": None}
_thread_lock = threading.Lock()


def ensure_thread():
    """Start this process's delivery thread once (again in a forked child)."""
    if not settings.PURGE_DELIVERY_THREAD or _thread["pid"] == os.getpid():
        return
    with _thread_lock:
        if _thread["pid"] == os.getpid():
            return
        _thread["pid"] = os.getpid()
        threading.Thread(target=_run_thread, name="vistka-purge-delivery", daemon=True).start()


def _run_thread():
    while True:
        time.sleep(settings.PURGE_DELIVERY_INTERVAL)
        try:
            deliver_pending()
        except DatabaseFailure as failure:
            logger.warning("Purge delivery pass failed: %s", failure)
            reset_connection()
        except Exception:  # noqa: BLE001 (the thread must outlive any one bad pass)
            logger.exception("Purge delivery pass failed")


def status():
    """vistka.delivery.purge_status.status(): lag and backlog (readiness and metrics read this)."""
    from vistka.delivery.purge_status import status as current

    return current()
