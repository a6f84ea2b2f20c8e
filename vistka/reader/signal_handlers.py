"""Clear the cached menu and settings when editors change them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from vistka.core.cache import forget_record
from vistka.core.middleware import forget_sites
from vistka.delivery.fastpath import purged_elsewhere
from vistka.editions.languages import locale_id_for
from vistka.editions.models import EditionSettings
from vistka.reader import chrome
from vistka.taxonomy.models import Section


@receiver([post_save, post_delete], sender=Section)
def forget_sections_menu(sender, instance, **kwargs):
    forget_record(f"sections-menu:{instance.locale_id}")
    forget_record(chrome.record_key(instance.locale_id))


@receiver([post_save, post_delete], sender=EditionSettings)
def forget_edition_settings(sender, instance, **kwargs):
    forget_record(f"edition-settings:{instance.locale_id}")
    forget_record(chrome.record_key(instance.locale_id))


@receiver(purged_elsewhere)
def forget_edition_records(sender, keys, **kwargs):
    """Another process changed a section or an edition's settings (both purge ``edition-<ed>``):
    with a per-process cache its signals above forgot the records only there, so the pages this
    process re-renders after the purge would be built from its old copies and stay cached so."""
    for key in keys:
        if key.startswith("edition-"):
            try:
                locale_id = locale_id_for(key.removeprefix("edition-"))
            except KeyError:
                continue
            for name in (f"sections-menu:{locale_id}", f"edition-settings:{locale_id}"):
                forget_record(name)
            forget_record(chrome.record_key(locale_id))


post_save.connect(forget_sites, sender=Site)
post_delete.connect(forget_sites, sender=Site)
