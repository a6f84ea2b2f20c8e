"""The retention purge: the only way audit entries leave the log (older than AUDIT_RETENTION_DAYS)."""

from datetime import timedelta

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from vistka.audit.log import record
from vistka.audit.models import AuditEvent

BATCH = 5000


def cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)


def purge(now=None, limit=None):
    """Delete the entries older than the retention period (at most `limit`), a batch per
    transaction (short locks on a big table). Returns how many were deleted. On PostgreSQL the
    append-only trigger lets these deletes through only because this transaction sets
    vistka.audit_purge."""
    if settings.AUDIT_RETENTION_DAYS <= 0:
        return 0  # 0 keeps everything
    before = cutoff(now)
    older = AuditEvent.objects.filter(at__lt=before)
    deleted = 0
    while True:
        with transaction.atomic():
            size = BATCH if limit is None else min(BATCH, limit - deleted)
            ids = list(older.order_by("at", "id").values_list("id", flat=True)[:size]) if size > 0 else []
            if not ids:
                if deleted:
                    record("audit.purged", actor_name="system", data={"deleted": deleted, "before": before})
                return deleted
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('vistka.audit_purge', 'on', true)")
            # The model's own queryset refuses delete(); the plain one is used here, and only here.
            deleted += models.QuerySet(AuditEvent).filter(id__in=ids).delete()[0]
