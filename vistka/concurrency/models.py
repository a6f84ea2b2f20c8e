"""A refused save: the content of a story form that was based on an outdated revision.

Kept as its own record rather than as a Wagtail revision: a revision would enter the story's
history, its "latest revision" and the workflow and scheduling machinery that read them, where a
refused save must not count as a version of the story. Here it is kept until its author merges it
(or dismisses it), and can be reopened after leaving the page."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class RefusedSave(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(_("action"), max_length=32)
    base_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    against_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    form_data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    content = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("refused save")
        verbose_name_plural = _("refused saves")
        indexes = [models.Index(fields=["page", "user", "resolved_at"], name="refused_open")]

    def __str__(self):
        return f"{self.page_id} / {self.user_id} / {self.created_at:%Y-%m-%d %H:%M}"
