"""Publish-time and translation-time rules for stories."""

from django.dispatch import receiver
from wagtail.signals import copy_for_translation_done, page_published

from vistka.stories.translation import localise_references


@receiver(copy_for_translation_done)
def point_translation_at_its_editions_records(sender, source_obj, target_obj, **kwargs):
    from vistka.stories.models import ArticlePage

    if isinstance(target_obj, ArticlePage):
        localise_references(target_obj)


@receiver(page_published)
def date_scheduled_story_by_its_go_live_time(sender, instance, **kwargs):
    """A scheduled story is dated by the time it was scheduled for, not by when the scheduler
    got to it, so the address shown while it waited stays its address."""
    from vistka.stories.models import ArticlePage

    page = instance
    if not isinstance(page, ArticlePage) or page.go_live_at is None or page.first_published_at is None:
        return
    first_publication = page.first_published_at == page.last_published_at
    if first_publication and page.go_live_at < page.first_published_at:
        ArticlePage.objects.filter(pk=page.pk).update(first_published_at=page.go_live_at)
        page.first_published_at = page.go_live_at
