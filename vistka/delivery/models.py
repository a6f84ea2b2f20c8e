from django.db import models
from django.db.models.functions import Now


class PurgeEvent(models.Model):
    """One purge, as a list of cache keys, written in the same transaction as the change that
    causes it (an outbox): a change cannot commit without its purge. Every app process applies new
    events to its own fast-path cache within a fraction of a second (vistka.delivery.purge_log), and
    each Varnish acknowledges them one by one (PurgeTarget, vistka.delivery.purge_delivery).

    `hard`: the old pages must never be served again (unpublished, deleted, newly restricted), so
    caches drop them instead of keeping them stale. `created_at` is the database's clock (the
    writers' clocks may disagree); the followers' gap grace compares it with the database's now."""

    keys = models.TextField()
    created_at = models.DateTimeField(db_default=Now(), db_index=True)
    hard = models.BooleanField(default=False, db_default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.keys[:80]


class PurgeTarget(models.Model):
    """A Varnish (by its purge URL) and how far it has acknowledged the purge log: every event up to
    `acknowledged` answered with HTTP 200 (or given up as a gap, see purge_delivery), and the ids
    above it in `acknowledged_above` too. Delivery retries from here until Varnish answers."""

    url = models.CharField(max_length=500, unique=True)
    acknowledged = models.BigIntegerField(default=0)
    acknowledged_above = models.JSONField(default=list, blank=True)
    # Events it never acknowledged were dropped by retention: purge everything when it is back.
    purge_everything = models.BooleanField(default=False)
    # Ids passed as gaps (not visible within the grace), each with when to stop looking for it:
    # {"id": "ISO time"}; one committed late is still delivered (vistka.delivery.purge_log).
    late_ids = models.JSONField(default=dict, blank=True)
    failures = models.PositiveIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.url} @ {self.acknowledged}"
