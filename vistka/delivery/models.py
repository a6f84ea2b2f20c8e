from django.db import models


class PurgeEvent(models.Model):
    """One purge, as a list of cache keys. Every app process applies new events to its own
    fast-path cache within a fraction of a second (the log is how processes and hosts agree)."""

    keys = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.keys[:80]
