from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "vistka.delivery"
    label = "delivery"

    def ready(self):
        from vistka.delivery import redirects, signal_handlers, staff_marker  # noqa: F401  (staff_marker: a staff session's end; redirects: their purges)
