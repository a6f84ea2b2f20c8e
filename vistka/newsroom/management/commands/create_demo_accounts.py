"""Creates the demo newsroom's staff accounts and prints how to log in.

One admin plus a reporter, editor and translator per edition, all sharing one generated
password kept in var/demo-login.txt (outside git), so a second `make demo` prints the same.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from vistka.editions.languages import EDITIONS
from vistka.newsroom import roles


def demo_password():
    path = settings.VAR_DIR / "demo-login.txt"
    if path.exists():
        return path.read_text().strip()
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password


class Command(BaseCommand):
    help = "Create the demo admin and newsroom accounts (idempotent) and print the login."

    def handle(self, *args, **options):
        User = get_user_model()
        password = demo_password()
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True, "email": "admin@example.org"}
        )
        if created:
            admin.set_password(password)
            admin.save()
        for edition in EDITIONS:
            for role, prefix in (
                (roles.REPORTERS, "reporter"),
                (roles.EDITORS, "editor"),
                (roles.TRANSLATORS, "translator"),
            ):
                user, created = User.objects.get_or_create(username=f"{prefix}-{edition.code}")
                if created:
                    user.set_password(password)
                    user.save()
                    user.groups.add(Group.objects.get(name=roles.group_name(role, edition.code)))
        self.stdout.write(
            f"Admin login: {settings.BASE_URL}/admin/  user: admin  password: {password}\n"
            f"Newsroom accounts (same password): reporter-uk, editor-uk, translator-en, ... (role-edition)"
        )
