from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from vistka.twofactor import policy


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("twofactor_factors"),
        "label": _("Two-factor authentication"),
        "help_text": _("Authenticator apps, passkeys and recovery codes for signing in."),
    }


class AdminsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.may_reset_colleagues(request.user)


@hooks.register("register_settings_menu_item")
def staff_two_factor_menu_item():
    return AdminsOnlyMenuItem(
        _("Staff two-factor"), reverse("twofactor_staff"), icon_name="key", order=650, name="staff-two-factor"
    )
