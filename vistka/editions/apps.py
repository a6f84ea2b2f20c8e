from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "vistka.editions"
    label = "editions"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from vistka.core.db import fast_timestamptz
        from vistka.editions.setup import ensure_editions_on_migrate

        post_migrate.connect(ensure_editions_on_migrate, sender=self)
        connection_created.connect(fast_timestamptz, dispatch_uid="vistka.core.db.fast_timestamptz")
