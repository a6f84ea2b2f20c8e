from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "vistka.stories"
    label = "stories"

    def ready(self):
        from vistka.stories import signal_handlers  # noqa: F401
