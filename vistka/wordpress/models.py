"""What an import wrote, so that a second run updates instead of creating twice.

Every row is keyed by the WordPress site (the export's base address), the kind of WordPress
object, its id there and, for what becomes one record per edition (a user, a term), the edition.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.redirects.models import Redirect


class ImportedObject(models.Model):
    class Kind(models.TextChoices):
        POST = "post", pgettext_lazy("WordPress object", "post")
        PAGE = "page", pgettext_lazy("WordPress object", "page")
        ATTACHMENT = "attachment", pgettext_lazy("WordPress object", "attachment")
        TERM = "term", pgettext_lazy("WordPress object", "term")
        USER = "user", pgettext_lazy("WordPress object", "user")
        GUEST_AUTHOR = "guest-author", pgettext_lazy("WordPress object", "guest author")

    site = models.CharField(_("WordPress site"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    wp_id = models.CharField(_("WordPress id"), max_length=255)
    edition = models.CharField(_("edition"), max_length=8, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # Polylang's or WPML's translation group of a post: its translations share a story number.
    translation_group = models.CharField(max_length=255, blank=True, db_index=True)
    content_hash = models.CharField(max_length=64, blank=True)
    # The page's latest revision right after the import wrote it: another revision since means
    # someone edited the story in Vistka, and a re-run leaves it alone.
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress object")
        verbose_name_plural = _("imported WordPress objects")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "wp_id", "edition"], name="wordpress_object_once_per_edition"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="wordpress_imported_target")]

    def __str__(self):
        return f"{self.site} {self.kind} {self.wp_id} {self.edition}".strip()


class ImportedRedirect(models.Model):
    """A redirect the import wrote, and what it pointed at then: a redirect changed since (by hand,
    in the newsroom) differs from ``target`` and is never replaced; one deleted by hand is not
    made again (``redirect`` is then empty)."""

    site = models.CharField(_("WordPress site"), max_length=255)
    old_path = models.CharField(max_length=255)
    redirect = models.OneToOneField(
        Redirect, null=True, blank=True, on_delete=models.SET_NULL, related_name="wordpress_import"
    )
    target = models.CharField(max_length=600)

    class Meta:
        verbose_name = _("imported WordPress address")
        verbose_name_plural = _("imported WordPress addresses")
        constraints = [
            models.UniqueConstraint(fields=["site", "old_path"], name="wordpress_redirect_once_per_site")
        ]

    def __str__(self):
        return self.old_path


from vistka.wordpress.job_model import ImportJob  # noqa: E402, F401 (the newsroom import page's jobs)
