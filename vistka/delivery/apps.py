from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "vistka.delivery"
    label = "delivery"

    def ready(self):
        from vistka.delivery import signal_handlers  # noqa: F401
