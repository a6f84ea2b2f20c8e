from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrowserPolicyConfig(AppConfig):
    name = "vistka.browserpolicy"
    label = "browserpolicy"
    verbose_name = _("browser policies")

    def ready(self):
        from vistka.browserpolicy import choosers

        choosers.install()
