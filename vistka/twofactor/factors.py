"""A staff member's second factors: TOTP apps, recovery codes and passkeys (django-otp devices)."""

import math
import re
from base64 import b32decode, b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

KINDS = {TOTPDevice: "totp", StaticDevice: "recovery", WebAuthnCredential: "passkey"}


def kind_of(device):
    return KINDS.get(type(device), "other")


def pending_totp(user):
    """The unconfirmed TOTP device being enrolled (the same secret until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)


def base32_secret(device):
    return b32encode(device.bin_key).decode()


def totp_key_hex(secret):
    """A base32 secret (as shown to people, any case, spaces allowed) as TOTPDevice.key."""
    cleaned = re.sub(r"\s", "", secret).upper()
    return b32decode(cleaned + "=" * (-len(cleaned) % 8)).hex()


def qr_svg(device):
    """The otpauth:// address as an inline SVG QR code (nothing is fetched from elsewhere)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=2, omitsize=False, dark="#000", light="#fff"
    )


def normalise(code):
    return re.sub(r"[\s-]", "", code or "").lower()


def is_totp_code(code):
    return bool(re.fullmatch(r"\d{6,8}", code))


def confirm_totp(device, code):
    """Confirms a pending device with a code from the app; django-otp throttles wrong ones."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(normalise(code)):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True


def new_recovery_codes(user):
    """Replaces the user's recovery codes with new ones and returns them (shown once)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def has_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).exists()


def verify_code(user, code):
    """Checks a TOTP code or a recovery code against the user's devices of that kind.

    Returns (device, wait): the device that accepted the code, or None and the seconds until
    django-otp's throttling lets these devices try again (0 when not throttled).
    """
    code = normalise(code)
    model = TOTPDevice if is_totp_code(code) else StaticDevice
    wait = 0
    with transaction.atomic():
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
            allowed, data = device.verify_is_allowed()
            if not allowed:
                locked_until = (data or {}).get("locked_until")
                if locked_until:
                    wait = max(wait, math.ceil((locked_until - timezone.now()).total_seconds()))
                continue
            if device.verify_token(code):
                return device, 0
    return None, wait


def factors_of(user):
    """The user's confirmed factors, recovery codes last."""
    devices = list(devices_for_user(user, confirmed=True))
    return sorted(devices, key=lambda device: (kind_of(device) == "recovery", device.pk))


def interactive_factors(user):
    """Factors other than recovery codes (recovery codes alone do not make an enrolment)."""
    return [device for device in factors_of(user) if kind_of(device) != "recovery"]


def find_factor(user, kind, pk):
    """One of the user's own devices, or None (never another user's)."""
    model = {value: key for key, value in KINDS.items()}.get(kind)
    if model is None:
        return None
    return model.objects.filter(user=user, pk=pk).first()


def reset_factors(user):
    """Deletes every factor of the user (confirmed or not); returns how many were removed."""
    removed = 0
    with transaction.atomic():
        for device in list(devices_for_user(user, confirmed=None)):
            device.delete()
            removed += 1
    return removed
