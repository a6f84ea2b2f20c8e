from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "vistka.audit"
    label = "audit"
    verbose_name = _("audit trail")

    def ready(self):
        from vistka.audit import receivers

        receivers.connect()
