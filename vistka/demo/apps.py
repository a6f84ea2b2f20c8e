from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "vistka.demo"
    label = "demo"
