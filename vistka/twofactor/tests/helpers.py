"""Helpers for tests that meet the second step of signing in.

`verified_client(user)` is what `client_for(user)` (force_login) is for other areas when
TWO_FACTOR_REQUIRED_GROUPS is on: a client whose session has passed the second step.
"""

import re
from base64 import b32decode

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "pw"  # noqa: S105 (make_staff's password)


@pytest.fixture
def two_factor_required(settings):
    """The project's default: editors, translators and admins must have a second factor (the suite
    runs without it)."""
    settings.TWO_FACTOR_REQUIRED_GROUPS = ["Editors", "Translators", "Admins"]


def totp_device(user, confirmed=True):
    device = TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=confirmed)


def verified_client(user, device=None):
    """A client logged in as `user` whose session passed the second step (with a TOTP device of theirs)."""
    client = Client()
    client.force_login(user)
    device = device or totp_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def code_for(device_or_secret, steps_ahead=0):
    """The current TOTP code (`steps_ahead` 30-second steps later) for a device or a base32 secret."""
    if isinstance(device_or_secret, str):
        key = b32decode(device_or_secret)
    else:
        key = device_or_secret.bin_key
    return f"{totp(key, drift=steps_ahead):06d}"


def secret_on_page(html):
    match = re.search(r"data-totp-secret>([A-Z2-7=]+)<", html)
    assert match, "no TOTP secret shown on the page"
    return match.group(1)


def sign_in(client, username, password=PASSWORD):
    """The first step: Wagtail's own login form."""
    return client.post("/admin/login/", {"username": username, "password": password})
