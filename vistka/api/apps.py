from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "vistka.api"
    label = "vistka_api"
