from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared machinery; an app only so that its signal receivers are connected at start-up (its
    models module holds abstract mixins and creates no table)."""

    name = "vistka.core"
    label = "vistka_core"
    verbose_name = "Vistka core"

    def ready(self):
        from vistka.core import sanitise, wagtail_labels

        sanitise.connect()
        wagtail_labels.make_chooser_labels_lazy()
