from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "vistka.newsroom"
    label = "newsroom"

    def ready(self):
        from django.db.models.signals import post_migrate

        from vistka.newsroom import page_permissions
        from vistka.newsroom.setup import ensure_newsroom_on_migrate

        page_permissions.install()

        post_migrate.connect(ensure_newsroom_on_migrate, sender=self)
