"""Receivers: sign-in and sign-out (session rows, new-device notices), locks (audit), password
changes (notice and audit)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from vistka.accounts import sessions
from vistka.accounts.client_ip import client_ip, current_request
from vistka.accounts.devices import browser_family
from vistka.accounts.models import SignInDevice, StaffSession
from vistka.accounts.notices import send_security_notice
from vistka.audit.log import record


@receiver(user_logged_in, dispatch_uid="accounts_signed_in")
def signed_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    sessions.start(request, user)
    note_device(request, user)


def note_device(request, user):
    """Mail the user when this browser family and address have not signed in to the account before."""
    family = browser_family(request.META.get("HTTP_USER_AGENT", ""))
    address = client_ip(request) or ""
    if not family and not address:
        return
    device, created = SignInDevice.objects.get_or_create(user=user, family=family, address=address)
    if not created:
        SignInDevice.objects.filter(pk=device.pk).update(last_seen=timezone.now())
        return
    first_ever = not SignInDevice.objects.filter(user=user).exclude(pk=device.pk).exists()
    if not first_ever:  # the very first sign-in of an account is no news to its owner
        # The SMTP exchange runs on the notices' pool: not inside the gate's sign-in slot.
        transaction.on_commit(
            lambda: send_security_notice(user, "new-sign-in", request=request, background=True)
        )


@receiver(user_logged_out, dispatch_uid="accounts_signed_out")
def signed_out(sender, request, user, **kwargs):
    if request is not None:
        sessions.end(request)


@receiver(user_locked_out, dispatch_uid="accounts_locked_out")
def locked_out(sender, request, username, ip_address, **kwargs):
    """Audit "auth.throttled" once a minute per address, whatever user names it tries (a flood,
    rotating them, must not grow the audit table). The row names the first user name; the refused
    posts after it are not counted into it: that would be a write per refused post."""
    if not throttled_audit_due("sign-in", ip_address):
        return
    record(
        "auth.throttled",
        request=request,
        actor_name=(username or "")[:150],
        data={"username": (username or "")[:150], "kind": "sign-in"},
    )


def throttled_audit_due(kind, address):
    """True once a minute per kind and address (the cache's add is atomic)."""
    return cache.add(f"accounts:throttled:{kind}:{address}"[:200], 1, 60)


@receiver(post_save, sender=get_user_model(), dispatch_uid="accounts_password_changed")
def password_changed(sender, instance, created, **kwargs):
    """set_password() then save(): AbstractBaseUser keeps the new raw password in _password until
    save() has run, so a post_save with it set is a password change (a new account is not)."""
    if created or getattr(instance, "_password", None) is None:
        return
    request = current_request.get()
    actor = None
    if request is not None and getattr(request, "user", None) is not None and request.user.is_authenticated:
        actor = request.user
    record("auth.password_changed", request=request, actor=actor or instance, target=instance)
    # Django already refuses the other sessions (their auth hash no longer matches): drop their rows.
    session = getattr(request, "session", None)
    current = sessions.row_key(session) if session is not None else ""
    others = StaffSession.objects.filter(user=instance)
    if current:
        others = others.exclude(key_hash=current)
    others.delete()
    by_other = actor is not None and actor.pk != instance.pk
    transaction.on_commit(
        lambda: send_security_notice(
            instance, "password-changed", request=request, actor=actor.get_username() if by_other else ""
        )
    )
