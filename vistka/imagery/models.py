"""What the newsroom keeps with each image besides Wagtail's own fields.

Wagtail's image model is not swapped (a custom image model would mean moving every image, its
renditions and every foreign key to it); the alt text is Wagtail's own `description`, the rest
lives in a one-to-one row beside the image.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

# Editions whose readers get the credit in Latin letters.
LATIN_EDITIONS = {"en"}


class ImageDetails(models.Model):
    image = models.OneToOneField(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="details",
        verbose_name=_("image"),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=120, blank=True, db_index=True)
    credit_latin = models.CharField(_("credit in Latin letters"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("image details")
        verbose_name_plural = _("image details")

    def __str__(self):
        return self.credit or str(self.image_id)

    def credit_for(self, language_code):
        if language_code in LATIN_EDITIONS:
            return self.credit_latin or self.credit
        return self.credit


def details_of(image):
    """The image's details, or None (no query when they were loaded with select_related)."""
    if image is None:
        return None
    try:
        return image.details
    except ObjectDoesNotExist:
        return None


def shown_alt(typed, image):
    """The alt text a story shows: its own, else the image's (Wagtail's `description`)."""
    return typed or (getattr(image, "description", "") if image is not None else "")


def shown_caption(typed, image):
    """The caption a story shows: its own, else the one kept with the image."""
    details = details_of(image)
    return typed or (details.caption if details is not None else "")


def shown_credit(typed, image, language_code):
    """The credit a story shows: its own, else the image's, in Latin letters on a Latin edition.

    A translation copies the original story's fields, so a credit equal to the image's own is the
    image's: the translated story shows it as its edition's readers need it."""
    details = details_of(image)
    if details is None:
        return typed or ""
    if not typed or typed == details.credit:
        return details.credit_for(language_code)
    return typed
