from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImageryConfig(AppConfig):
    """The newsroom's additions to Wagtail's image library: credit and caption kept with each
    image, large camera originals reduced on upload, library filters."""

    name = "vistka.imagery"
    label = "imagery"
    verbose_name = _("Images")
