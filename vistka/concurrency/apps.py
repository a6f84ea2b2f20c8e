from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcurrencyConfig(AppConfig):
    """Optimistic concurrency for stories, records and settings: a save based on an outdated
    version is refused (inside the write transaction) and its content kept for merging."""

    name = "vistka.concurrency"
    verbose_name = _("Concurrent saves")
    default_auto_field = "django.db.models.BigAutoField"
