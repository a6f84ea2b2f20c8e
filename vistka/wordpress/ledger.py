"""Reading and writing the import's bookkeeping (vistka.wordpress.models.ImportedObject)."""

from django.contrib.contenttypes.models import ContentType

from vistka.wordpress.models import ImportedObject


class Ledger:
    def __init__(self, site: str):
        self.site = site

    def entry(self, kind, wp_id, edition=""):
        return ImportedObject.objects.filter(
            site=self.site, kind=kind, wp_id=str(wp_id), edition=edition
        ).first()

    def target(self, kind, wp_id, edition, model):
        """The object an earlier run made of this WordPress object, if it still exists."""
        entry = self.entry(kind, wp_id, edition)
        if entry is None:
            return None
        return model.objects.filter(pk=entry.object_id).first()

    def entries(self, kind, wp_id):
        return ImportedObject.objects.filter(site=self.site, kind=kind, wp_id=str(wp_id))

    def in_group(self, group):
        return ImportedObject.objects.filter(site=self.site, translation_group=group).exclude(
            translation_group=""
        )

    def record(self, kind, wp_id, edition, obj, *, content_hash="", revision_id=None, group=""):
        ImportedObject.objects.update_or_create(
            site=self.site,
            kind=kind,
            wp_id=str(wp_id),
            edition=edition,
            defaults={
                "content_type": ContentType.objects.get_for_model(type(obj)),
                "object_id": obj.pk,
                "content_hash": content_hash,
                "revision_id": revision_id,
                "translation_group": group,
            },
        )

    def entries_for_ids(self, kind, wp_ids):
        return ImportedObject.objects.filter(site=self.site, kind=kind, wp_id__in=[str(i) for i in wp_ids])
