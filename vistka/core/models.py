"""Shared model mixins. Not an app: imported by the domain apps."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin

from vistka.core.slugs import ascii_slug


class TranslatableRecord(TranslatableMixin, models.Model):
    """A reusable newsroom record (tag, section, author, source) that exists once per edition."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        blank=True,
        help_text=_("Used in the address. Filled from the name when left empty."),
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = ascii_slug(self.name)
        if not self.slug:
            raise ValidationError({"slug": _("Enter a slug made of Latin letters, digits or hyphens.")})
        clash = type(self).objects.filter(locale_id=self.locale_id, slug=self.slug).exclude(pk=self.pk)
        if self.locale_id and clash.exists():
            raise ValidationError({"slug": _("This slug is already used in this edition.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = ascii_slug(self.name) or "item"
        super().save(*args, **kwargs)
