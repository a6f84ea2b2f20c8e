from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "vistka.taxonomy"
    label = "taxonomy"
