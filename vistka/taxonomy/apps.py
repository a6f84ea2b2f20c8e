from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "vistka.taxonomy"
    label = "taxonomy"

    def ready(self):
        from vistka.newsroom.record_permissions import register_record_policies

        register_record_policies()  # per-edition permissions for the newsroom's records
