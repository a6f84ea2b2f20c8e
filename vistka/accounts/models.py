"""Staff sessions (to list and end them) and the devices each account has signed in from."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def hash_session_key(session_id):
    """Only a hash of the session's id is stored (see vistka.accounts.sessions.SESSION_ID)."""
    return hashlib.sha256(session_id.encode()).hexdigest()


class StaffSession(models.Model):
    """One signed-in browser. The row exists while the session is valid: ending a session deletes
    the row (and the session itself), and the staff-session middleware signs out a session with
    no row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    user_agent = models.CharField(_("browser (user agent)"), max_length=512, blank=True)
    address = models.GenericIPAddressField(_("network address"), null=True, blank=True)
    created = models.DateTimeField(_("signed in at"))
    last_seen = models.DateTimeField(_("last seen at"))

    class Meta:
        verbose_name = _("staff session")
        verbose_name_plural = _("staff sessions")
        ordering = ["-last_seen"]
        indexes = [models.Index(fields=["user", "last_seen"], name="accounts_session_user")]

    def __str__(self):
        return f"{self.user} {self.address or ''} {self.created:%Y-%m-%d %H:%M}"


class SignInDevice(models.Model):
    """A browser family and address an account has signed in from: a sign-in from a pair not
    seen before mails the user a new-sign-in notice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    family = models.CharField(max_length=100)
    address = models.CharField(max_length=45)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "family", "address"], name="accounts_device_unique")
        ]
