"""Who must have a second factor, and which requests the second step guards."""

from django.conf import settings
from django.urls import reverse
from django_otp import user_has_device

from vistka.newsroom import roles


def required_roles():
    return [role for role in settings.TWO_FACTOR_REQUIRED_GROUPS if role]


def in_role(user, role, group_names=None):
    """Member of the role's group in any edition ("Editors · Українська") or of the role's group itself."""
    if role == roles.ADMINS and user.is_superuser:
        return True
    if group_names is None:
        group_names = user.groups.values_list("name", flat=True)
    prefix = f"{role} · "
    return any(name == role or name.startswith(prefix) for name in group_names)


def is_required(user):
    """True when the user's roles make a second factor mandatory (TWO_FACTOR_REQUIRED_GROUPS)."""
    wanted = required_roles()
    if not wanted or not user.is_authenticated:
        return False
    group_names = list(user.groups.values_list("name", flat=True))
    return any(in_role(user, role, group_names) for role in wanted)


def has_factor(user):
    return user_has_device(user, confirmed=True)


def may_reset_colleagues(user):
    return user.is_authenticated and user.is_active and in_role(user, roles.ADMINS)


def is_guarded(path):
    return path.startswith(tuple(settings.TWO_FACTOR_GUARDED_PREFIXES))


def open_paths():
    """Newsroom addresses reachable before the second step: signing in and out, and the step itself."""
    return (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_sprite"),  # icons and Wagtail's script strings, which every admin page loads
        reverse("wagtailadmin_javascript_catalog"),
        "/admin/password_reset/",
        reverse("twofactor_verify"),
        reverse("twofactor_enrol"),
        reverse("twofactor_recovery_codes"),
        "/admin/2fa/webauthn/",
    )
