"""Publish-time and translation-time rules for stories."""

from django.dispatch import receiver
from wagtail.signals import copy_for_translation_done

from vistka.stories.translation import localise_references


@receiver(copy_for_translation_done)
def point_translation_at_its_editions_records(sender, source_obj, target_obj, **kwargs):
    from vistka.stories.models import ArticlePage

    if isinstance(target_obj, ArticlePage):
        localise_references(target_obj)
