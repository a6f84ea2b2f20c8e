from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from vistka.notifications.kinds import CHOICES


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, choices=CHOICES)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # The menu badge counts a person's unread ones on every admin page: one index answers it.
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        verbose_name = pgettext_lazy("newsroom", "notification")
        verbose_name_plural = pgettext_lazy("newsroom", "notifications")


class NotificationPreference(models.Model):
    """Kinds a person turned off (stored as lists of kinds: a new kind is on for everyone)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    in_app_off = models.JSONField(default=list, blank=True)
    email_off = models.JSONField(default=list, blank=True)
