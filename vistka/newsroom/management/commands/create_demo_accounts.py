"""Creates the demo newsroom's staff accounts and prints how to log in.

One admin plus a reporter, editor and translator per edition, all sharing one generated
password. The admin, the editors and the translators (the roles that must use two-factor
authentication by default: all of them publish) have an authenticator app (TOTP) enrolled.
Password and TOTP secrets are kept in var/demo-login.txt (outside git, mode 600), so a second
`make demo` prints the same and scripts can read them:

    password: <password>
    totp admin: <base32 secret>
    totp editor-uk: <base32 secret>

A code for the second step: any authenticator app, `oathtool --totp -b <secret>`, or
.venv/bin/python -c "from base64 import b32decode; from django_otp.oath import totp;
print('%06d' % totp(b32decode('<secret>')))" (one line).
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from vistka.editions.languages import EDITIONS
from vistka.newsroom import roles
from vistka.people.models import Author
from vistka.twofactor.factors import base32_secret, totp_key_hex


def login_file():
    return settings.VAR_DIR / "demo-login.txt"


def read_login_file():
    """(password, {username: base32 secret}); also reads the older file holding only the password."""
    path = login_file()
    if not path.exists():
        return None, {}
    password, totp_secrets = None, {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            password = line
        elif key.strip() == "password":
            password = value.strip()
        elif key.startswith("totp "):
            totp_secrets[key[5:].strip()] = value.strip()
    return password, totp_secrets


def write_login_file(password, totp_secrets):
    path = login_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Vistka demo logins (make demo). TOTP secrets: base32, RFC 6238, 30 s, 6 digits.",
        f"password: {password}",
        *(f"totp {username}: {secret}" for username, secret in totp_secrets.items()),
    ]
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text("\n".join(lines) + "\n")


def ensure_totp(user, secret=None):
    """The user's confirmed TOTP device (made from `secret` when given), as a base32 secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        key = totp_key_hex(secret) if secret else None
        device = TOTPDevice(user=user, name="Demo authenticator", confirmed=True)
        if key:
            device.key = key
        device.save()
    return base32_secret(device)


def set_admin_language_once(user, code):
    """The demo's staff read the admin in their edition's language (translator-en in English);
    a language they chose since in account settings is kept."""
    profile = UserProfile.get_for_user(user)
    if not profile.preferred_language:
        profile.preferred_language = code
        profile.save(update_fields=["preferred_language"])


def give_demo_address(user):
    """Demo staff get an address under example.org (reserved, never delivered): notifications are
    then written to the demo's mail folder (bin/demo sets EMAIL_URL to a file backend)."""
    if not user.email:
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])


def give_demo_byline(user, edition_code):
    """Demo reporters and editors write as one of their edition's demo authors (a new story starts
    with that byline); none is linked when the demo content is not loaded yet."""
    if Author.objects.filter(user=user, locale__language_code=edition_code).exists():
        return
    free = Author.objects.filter(locale__language_code=edition_code, user__isnull=True).order_by("pk").first()
    if free is not None:
        free.user = user
        free.save(update_fields=["user"])


class Command(BaseCommand):
    help = "Create the demo admin and newsroom accounts (idempotent) and print the login and TOTP secrets."

    def handle(self, *args, **options):
        User = get_user_model()
        password, known_secrets = read_login_file()
        password = password or secrets.token_urlsafe(12)
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True, "email": "admin@example.org"}
        )
        if created:
            admin.set_password(password)
            admin.save()
        with_totp = [admin]
        for edition in EDITIONS:
            for role, prefix in (
                (roles.REPORTERS, "reporter"),
                (roles.EDITORS, "editor"),
                (roles.TRANSLATORS, "translator"),
            ):
                user, created = User.objects.get_or_create(username=f"{prefix}-{edition.code}")
                give_demo_address(user)
                if created:
                    user.set_password(password)
                    user.save()
                    user.groups.add(Group.objects.get(name=roles.group_name(role, edition.code)))
                set_admin_language_once(user, edition.code)
                if role in (roles.REPORTERS, roles.EDITORS):
                    give_demo_byline(user, edition.code)
                if role in (roles.EDITORS, roles.TRANSLATORS):
                    with_totp.append(user)
        totp_secrets = {
            user.username: ensure_totp(user, known_secrets.get(user.username)) for user in with_totp
        }
        write_login_file(password, totp_secrets)
        self.stdout.write(
            f"Admin login: {settings.BASE_URL}/admin/  user: admin  password: {password}\n"
            f"Newsroom accounts (same password): reporter-uk, editor-uk, translator-en, ... (role-edition)\n"
            f"Second step (TOTP, base32 secrets; also in {login_file()}):"
        )
        for username, secret in totp_secrets.items():
            self.stdout.write(f"  {username}: {secret}")
        self.stdout.write(
            "  a code: scan the secret into an authenticator app, or `oathtool --totp -b <secret>`, or\n"
            '  .venv/bin/python -c "from base64 import b32decode; from django_otp.oath import totp; '
            "print('%06d' % totp(b32decode('<secret>')))\""
        )
