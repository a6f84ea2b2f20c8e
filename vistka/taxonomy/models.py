from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from vistka.core.models import TranslatableRecord


class Section(index.Indexed, TranslatableRecord):
    """A desk of the newspaper (Politics, Economy, War...), with its own page per edition."""

    sort_order = models.PositiveSmallIntegerField(_("menu position"), default=100)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableRecord.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_section_slug_per_edition")
        ]


class Tag(index.Indexed, TranslatableRecord):
    """A topic label. The first tag of a story is its main tag."""

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableRecord.Meta):
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_tag_slug_per_edition")]


class Source(index.Indexed, TranslatableRecord):
    """Where a story comes from, with a qualifier such as "Kremlin-aligned Russian news agency"."""

    url = models.URLField(_("link"), blank=True)
    qualifier = models.CharField(
        _("qualifier"),
        max_length=160,
        blank=True,
        help_text=_('Shown before the name, e.g. "Kremlin-aligned Russian news agency".'),
    )

    panels = [FieldPanel("name"), FieldPanel("qualifier"), FieldPanel("url"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableRecord.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_source_slug_per_edition")
        ]

    @property
    def display_name(self):
        return f"{self.qualifier} {self.name}".strip()
