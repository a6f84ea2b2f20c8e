"""Refused saves that were merged or dismissed are kept a while (the audit trail names them), then
deleted: a refused save holds a whole story's text, and nothing reads a resolved one. Open ones
(still waiting for their author) are never deleted here."""

import time
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from vistka.concurrency.models import RefusedSave

DEFAULT_RETENTION_DAYS = 30
CHECK_SECONDS = 86400
_last_purge = []  # monotonic time of this process's last purge (the scheduler runs it daily)


def retention_days():
    return int(getattr(settings, "REFUSED_SAVE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def purge_resolved(days=None):
    """Deletes refused saves resolved more than `days` ago; returns how many."""
    cutoff = timezone.now() - timedelta(days=retention_days() if days is None else days)
    deleted, _by_model = RefusedSave.objects.filter(resolved_at__lt=cutoff).delete()
    return deleted


def purge_resolved_when_due():
    """For the scheduler's pass: purge_resolved() at most once a day per worker."""
    now = time.monotonic()
    if _last_purge and now - _last_purge[-1] < CHECK_SECONDS:
        return 0
    deleted = purge_resolved()
    _last_purge[:] = [now]
    return deleted
