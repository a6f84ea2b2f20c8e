from django.apps import AppConfig


class ObservabilityConfig(AppConfig):
    name = "vistka.observability"
    verbose_name = "Observability"

    def ready(self):
        from vistka.observability import signals

        signals.connect()
