from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "vistka.people"
    label = "people"
