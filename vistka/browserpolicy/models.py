from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CONTEXT = "csp report"  # these field names are generic words: their own catalogue entries


class ViolationReport(models.Model):
    """One Content-Security-Policy violation a browser reported (bounded and sanitised, see reports.py).

    No address or cookie of the reader is kept: the user agent and the page are enough to find the
    cause."""

    received_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    document_uri = models.CharField(pgettext_lazy(CONTEXT, "page"), max_length=500, blank=True)
    directive = models.CharField(pgettext_lazy(CONTEXT, "directive"), max_length=100, blank=True)
    blocked_uri = models.CharField(pgettext_lazy(CONTEXT, "blocked"), max_length=500, blank=True)
    source_file = models.CharField(pgettext_lazy(CONTEXT, "source file"), max_length=500, blank=True)
    line_number = models.PositiveIntegerField(pgettext_lazy(CONTEXT, "line"), null=True, blank=True)
    column_number = models.PositiveIntegerField(pgettext_lazy(CONTEXT, "column"), null=True, blank=True)
    sample = models.CharField(pgettext_lazy(CONTEXT, "sample"), max_length=200, blank=True)
    disposition = models.CharField(pgettext_lazy(CONTEXT, "disposition"), max_length=20, blank=True)
    user_agent = models.CharField(pgettext_lazy(CONTEXT, "browser"), max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("CSP violation report")
        verbose_name_plural = _("CSP violation reports")

    def __str__(self):
        return f"{self.directive} {self.blocked_uri}".strip()
