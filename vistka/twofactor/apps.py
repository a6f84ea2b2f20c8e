from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    name = "vistka.twofactor"
    label = "twofactor"
    verbose_name = "Two-factor authentication"
