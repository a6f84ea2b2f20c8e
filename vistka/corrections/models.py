"""A correction of one edition's story that another edition's version still has to carry.

Kept apart from the story (not a field of the page): a flag belongs to no revision, must not be
copied into translations or restored with an old revision, and must survive the translator's
drafts until it is cleared."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CorrectionToCarry(models.Model):
    class Cleared(models.TextChoices):
        CARRIED = "carried", _("carried over")
        DONE = "done", _("marked done")

    translation = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # The source's Correction row: no foreign key, a later revision of the source may remove it.
    source_correction_id = models.PositiveBigIntegerField()
    made_at = models.DateTimeField(_("time"))
    note = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)
    # The translation's correction entries (times to the minute) when it was flagged: an entry
    # added after them is the one that carries the correction.
    entries_then = models.JSONField(default=list)
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_how = models.CharField(max_length=12, choices=Cleared.choices, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The time of the translation's correction entry that carried it: that entry is a copy, and
    # publishing it must not flag the source back.
    carried_as_made_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("correction to translate")
        verbose_name_plural = _("corrections to translate")
        constraints = [
            models.UniqueConstraint(
                fields=["translation", "source_correction_id"], name="correction_flagged_once"
            )
        ]
        indexes = [models.Index(fields=["translation", "cleared_at"], name="correction_open")]

    def __str__(self):
        return f"{self.source_id} -> {self.translation_id}: {self.made_at:%Y-%m-%d %H:%M}"
