from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """`manage.py backup` and `manage.py restore`: the database and the media in one verified archive."""

    name = "vistka.backups"
    label = "backups"
    verbose_name = "Backups"
