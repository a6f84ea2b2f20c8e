"""One append-only log of every security-relevant and editorial action."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit entry (the retention purge aside)."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted; see vistka.audit.retention")

    def _update(self, values):  # bulk_update() and Model.save() on an existing row end here
        raise AppendOnlyError("audit entries cannot be changed")


class AuditEvent(models.Model):
    """An entry is written once and never changed: save() refuses an update, delete() refuses,
    and so do the queryset's update() and delete(); on PostgreSQL a trigger refuses them too
    (migration 0002). Only vistka.audit.retention.purge() removes old entries."""

    at = models.DateTimeField(_("time"), auto_now_add=True)
    # No foreign-key constraint and no cascade: deleting an account must not rewrite its entries
    # (that would be an UPDATE, which the log refuses); actor_name keeps who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("person"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64)
    edition = models.CharField(_("edition"), max_length=8, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        # Every listing is newest first, optionally narrowed by one column: each index leads with
        # the column filtered on and ends with (at, id), so a page of millions of rows is an index scan.
        indexes = [
            models.Index(fields=["at", "id"], name="audit_at"),
            models.Index(fields=["action", "at", "id"], name="audit_action_at"),
            models.Index(fields=["actor_name", "at", "id"], name="audit_actor_at"),
            models.Index(fields=["edition", "at", "id"], name="audit_edition_at"),
            models.Index(fields=["object_type", "object_id", "at"], name="audit_object_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")
