from django.apps import AppConfig


class OutageConfig(AppConfig):
    name = "vistka.outage"
    label = "outage"
    verbose_name = "Database outage"

    def ready(self):
        from django.core.signals import got_request_exception

        from vistka.outage.detect import remember_database_failure

        got_request_exception.connect(remember_database_failure, dispatch_uid="vistka.outage")
