"""The scheduler worker: publishes and unpublishes scheduled stories at their time, and keeps
the search's recent-stories index recent (once an hour it checks whether it is due).

Every SCHEDULER_INTERVAL seconds it runs a pass of scheduled publishing (Wagtail's
`publish_scheduled`, made safe for several workers: vistka.newsroom.scheduling), so no external
cron is needed, and warns when publishing is late. Run two or more for failover: one pass runs at
a time, and a surviving worker takes over at its next pass. `make demo` starts it beside the web
server; `make stack` and deploy/ run it under a supervisor.
"""

import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from vistka.audit.retention import purge as purge_audit_log
from vistka.concurrency.retention import purge_resolved_when_due as purge_resolved_refused_saves
from vistka.delivery.purge_delivery import deliver_pending
from vistka.newsroom.drafts import purge_abandoned_when_due as purge_abandoned_drafts
from vistka.newsroom.scheduling import publish_due, warn_if_late
from vistka.search.index import ensure_recent_rum_index

RECENT_INDEX_CHECK_SECONDS = 3600
_recent_index_checked = []  # monotonic time of the last check, in this worker
AUDIT_PURGE_SECONDS = 86400
AUDIT_PURGE_PER_PASS = 20000
_audit_purged = []  # monotonic time of the last audit trail purge, in this worker


def run_once():
    publish_due()  # skipped while another worker runs its pass
    warn_if_late()
    now = time.monotonic()
    if not _recent_index_checked or now - _recent_index_checked[-1] >= RECENT_INDEX_CHECK_SECONDS:
        _recent_index_checked[:] = [now]
        ensure_recent_rum_index()  # a new cutoff every two months (PostgreSQL with RUM)
    if not _audit_purged or now - _audit_purged[-1] >= AUDIT_PURGE_SECONDS:
        # Entries older than AUDIT_RETENTION_DAYS, a bounded share per pass (scheduled stories
        # must not wait for a long purge); done for the day once a pass finds none left.
        if not purge_audit_log(limit=AUDIT_PURGE_PER_PASS):
            _audit_purged[:] = [now]
    purge_abandoned_drafts()  # never-published stories left without real content, hourly
    purge_resolved_refused_saves()  # concurrency: merged/dismissed refused saves past retention, daily
    deliver_pending()  # purges a Varnish has not acknowledged yet (vistka.delivery.purge_delivery)


class Command(BaseCommand):
    help = "Publish scheduled stories when they are due (a long-running worker)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=settings.SCHEDULER_INTERVAL)
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")

    def handle(self, *args, interval, once, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        self.stdout.write(f"scheduler: checking every {interval:g} s")
        while not stopping:
            close_old_connections()
            try:
                run_once()
            except DatabaseError as error:  # keep the worker alive through a database outage
                self.stderr.write(f"scheduler: {error}")
            if once:
                break
            until = time.monotonic() + interval
            while not stopping and time.monotonic() < until:  # a stop does not wait out the interval
                time.sleep(min(0.2, interval))
