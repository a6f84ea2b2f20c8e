from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """``manage.py generate_archive``: a large, realistic story archive for load and search tests."""

    name = "vistka.archive"
    label = "archive"
    verbose_name = "Story archive generator"
