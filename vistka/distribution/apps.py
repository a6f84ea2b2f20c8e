from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "vistka.distribution"
    label = "distribution"
