from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from vistka.core.models import TranslatableRecord
from vistka.people.forms import AuthorForm


class Author(index.Indexed, TranslatableRecord):
    """A journalist, with the name spelled as each edition spells it."""

    role = models.CharField(_("role"), max_length=120, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The staff account that writes as this author: its stories start with this byline. One record
    # per edition, as the name is spelled per edition.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_records",
        verbose_name=_("staff account"),
        help_text=_("Stories this person creates start with this author as their byline."),
    )

    base_form_class = AuthorForm
    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
        FieldPanel("slug"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableRecord.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_author_slug_per_edition"),
            models.UniqueConstraint(fields=["locale", "user"], name="one_author_per_user_per_edition"),
        ]

    @classmethod
    def byline_for(cls, user, locale_id):
        """The author record `user` writes as in the edition `locale_id`, or None."""
        if not (user and user.is_authenticated and locale_id):
            return None
        return cls.objects.filter(user=user, locale_id=locale_id).first()
