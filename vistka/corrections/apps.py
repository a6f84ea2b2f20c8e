from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    """Corrections that reach translations: a correction published on one edition's story flags
    every other edition's version of it until its translator carries it over (or marks it done)."""

    name = "vistka.corrections"
    verbose_name = _("Corrections to translate")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from vistka.corrections import flagging, notify

        flagging.connect()
        notify.connect()
