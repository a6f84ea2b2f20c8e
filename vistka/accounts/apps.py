from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "vistka.accounts"
    label = "accounts"
    verbose_name = _("staff accounts")

    def ready(self):
        from vistka.accounts import signals  # noqa: F401  (password change, sign-in notices)
