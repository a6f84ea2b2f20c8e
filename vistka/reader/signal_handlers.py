"""Clear the cached menu and settings when editors change them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from vistka.core.cache import forget_record
from vistka.core.middleware import forget_sites
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


post_save.connect(forget_sites, sender=Site)
post_delete.connect(forget_sites, sender=Site)
