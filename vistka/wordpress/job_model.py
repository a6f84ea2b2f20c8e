"""An import started from the newsroom: what was uploaded, how far the run is, what it did."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")
        FAILED = "failed", _("failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    export_name = models.CharField(_("export file"), max_length=255)
    uploads_name = models.CharField(_("uploads archive"), max_length=255, blank=True)
    edition = models.CharField(_("edition"), max_length=8, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    # Filled in when the run ends (progress while it runs is in the job's folder: the run is one
    # transaction, so nothing it writes to the database is visible before it ends).
    counts = models.JSONField(default=dict, blank=True)  # outcome -> n
    report_lines = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("WordPress import")
        verbose_name_plural = _("WordPress imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"WordPress import {self.pk} ({self.export_name})"

    @property
    def is_done(self):
        return self.status in (self.Status.FINISHED, self.Status.FAILED)
