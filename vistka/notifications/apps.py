from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class NotificationsConfig(AppConfig):
    name = "vistka.notifications"
    label = "notifications"
    verbose_name = pgettext_lazy("newsroom", "notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from vistka.notifications import account, events

        events.connect()
        account.keep_only_live_switches()
