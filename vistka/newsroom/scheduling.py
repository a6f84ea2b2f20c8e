"""Scheduled publishing that any number of `run_scheduler` workers may run at once.

Wagtail's `publish_scheduled` reads every due revision, then publishes them one by one: two
workers running it together publish the same revision twice (two saves, two log entries, two
rounds of purges). Here a pass runs only while it holds the scheduler lock:

- PostgreSQL: a session advisory lock (`pg_try_advisory_lock`), per database;
- SQLite: an exclusive `flock` on a file beside the database (every worker is on one machine).

Both are released by the operating system or the server the moment a worker dies, so another
worker takes over at its next pass (within SCHEDULER_INTERVAL seconds) with no lease to expire.
Inside a pass each object is re-read under a row lock (`skip_locked` on PostgreSQL) and published
only if it is still due, so even two passes that somehow overlapped could not publish it twice.

`lateness()` says how late publishing is (for the readiness check and the metrics).
"""

import hashlib
import logging
import os
import tempfile
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

import swapper
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Revision

from vistka.core.locks import advisory_key, advisory_lock, file_lock

logger = logging.getLogger("vistka.scheduler")

ADVISORY_LOCK_KEY = advisory_key("vistka.scheduler")
LATE_ITEMS_LOGGED = 10


class Lateness(NamedTuple):
    """How late scheduled publishing is: `seconds` past its time of the most overdue item (0.0 when
    none is late), `count` of items more than SCHEDULER_LATE_AFTER seconds past their time."""

    seconds: float
    count: int


class LateItem(NamedTuple):
    label: str  # e.g. "ArticlePage 42 'Budget vote' (publish)"
    due: object  # aware datetime
    lag: float  # seconds


def _draft_state_models():
    page = swapper.load_model("wagtailcore", "Page")
    others = [m for m in apps.get_models() if issubclass(m, DraftStateMixin) and not issubclass(m, page)]
    return [page, *others]


# --- the lock -------------------------------------------------------------------------------


def _sqlite_lock_path():
    name = str(settings.DATABASES["default"]["NAME"])
    if name and ":memory:" not in name and not name.startswith("file:"):
        return Path(f"{name}.scheduler-lock")
    digest = hashlib.sha256(f"{os.getpid()}:{name}".encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"vistka-scheduler-{digest}.lock"  # in-memory: this process


@contextmanager
def scheduler_lock():
    """Yields True in the one worker that may run a pass now, False in the others (no waiting)."""
    if connection.vendor == "postgresql":
        with advisory_lock(ADVISORY_LOCK_KEY) as held:
            yield held
    else:
        with file_lock(_sqlite_lock_path()) as held:
            yield held


# --- the pass -------------------------------------------------------------------------------


def _locked(queryset):
    """The rows of `queryset` under a row lock that other workers skip (PostgreSQL)."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset


def publish_due(now=None):
    """One pass of scheduled publishing; None when another worker holds the lock, else the number
    of objects published or unpublished."""
    with scheduler_lock() as held:
        if not held:
            return None
        now = now or timezone.now()
        done = 0
        for model in _draft_state_models():
            expired = model.objects.filter(live=True, expire_at__lt=now)
            for pk in list(expired.order_by("expire_at").values_list("pk", flat=True)):
                with transaction.atomic():
                    obj = _locked(expired.filter(pk=pk)).first()
                    if obj is not None:
                        obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                        done += 1
        due = Revision.objects.filter(approved_go_live_at__lt=now)
        for pk in list(due.order_by("approved_go_live_at").values_list("pk", flat=True)):
            with transaction.atomic():
                revision = _locked(due.filter(pk=pk)).first()
                if revision is not None:
                    revision.publish(log_action="wagtail.publish.scheduled")
                    done += 1
        return done


# --- lateness -------------------------------------------------------------------------------


def late_after():
    return settings.SCHEDULER_LATE_AFTER


def _late_items(cutoff):
    for revision in Revision.objects.filter(approved_go_live_at__lt=cutoff).order_by("approved_go_live_at"):
        label = f"{revision.content_type.model_class().__name__} {revision.object_id} {revision.object_str!r}"
        yield LateItem(f"{label} (publish)", revision.approved_go_live_at, 0.0)
    for model in _draft_state_models():
        for obj in model.objects.filter(live=True, expire_at__lt=cutoff).order_by("expire_at"):
            yield LateItem(f"{model.__name__} {obj.pk} {str(obj)!r} (unpublish)", obj.expire_at, 0.0)


def late_items(now=None):
    """Every scheduled publish or unpublish more than SCHEDULER_LATE_AFTER seconds overdue, most
    overdue first."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=late_after())
    items = [item._replace(lag=(now - item.due).total_seconds()) for item in _late_items(cutoff)]
    return sorted(items, key=lambda item: -item.lag)


def lateness(now=None):
    """Lateness(seconds, count) of scheduled publishing; Lateness(0.0, 0) when it is on time."""
    items = late_items(now)
    return Lateness(items[0].lag if items else 0.0, len(items))


def warn_if_late(now=None):
    """Log a warning naming each late item (the first few) and its lag; returns lateness()."""
    items = late_items(now)
    for item in items[:LATE_ITEMS_LOGGED]:
        logger.warning(
            "scheduled publishing is late: %s was due %s, %.0f s ago", item.label, item.due, item.lag
        )
    if len(items) > LATE_ITEMS_LOGGED:
        logger.warning("scheduled publishing is late: %d more items", len(items) - LATE_ITEMS_LOGGED)
    return Lateness(items[0].lag if items else 0.0, len(items))
