from django.apps import AppConfig


class ReaderConfig(AppConfig):
    name = "vistka.reader"
    label = "reader"

    def ready(self):
        from vistka.reader import signal_handlers  # noqa: F401
