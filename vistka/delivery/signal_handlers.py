"""Which keys each editorial change purges, and which changes purge hard: a story unpublished or
deleted, a view restriction added or changed (its pages must never be served again, not even stale
while the app fails; vistka.delivery.purge). Publishing, edits and a restriction lifted are soft."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from vistka.delivery import keys
from vistka.delivery.purge import is_suspended, purge
from vistka.editions.languages import EDITIONS, language_code_for_locale_id
from vistka.editions.models import EditionHomePage, EditionSettings
from vistka.people.models import Author
from vistka.stories.models import ArticlePage
from vistka.taxonomy.models import Section, Source, Tag


def _edition(page):
    return language_code_for_locale_id(page.locale_id)


@receiver(pre_save, sender=ArticlePage)
def remember_live_version(sender, instance, **kwargs):
    """Before a live story is overwritten, note the lists it was in (its section or tags may change)."""
    if not instance.pk or getattr(instance, "_purge_before", None) is not None or is_suspended():
        return
    previous = ArticlePage.objects.filter(pk=instance.pk, live=True).first()
    if previous is not None:
        instance._purge_before = keys.story_purge_set(previous, _edition(previous))


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
def purge_story(sender, instance, signal=None, **kwargs):
    found = keys.story_purge_set(instance, _edition(instance))
    found |= getattr(instance, "_purge_before", None) or set()
    instance._purge_before = None
    purge(found, hard=signal is page_unpublished)


@receiver(pre_delete, sender=ArticlePage)
def purge_deleted_story(sender, instance, **kwargs):
    if instance.live:
        purge(keys.story_purge_set(instance, _edition(instance)), hard=True)


@receiver(page_published, sender=EditionHomePage)
def purge_home(sender, instance, **kwargs):
    purge({f"home-{_edition(instance)}"})


RECORD_KEYS = {Section: "sec", Tag: "tag", Author: "au", Source: "src"}


@receiver(post_save)
@receiver(post_delete)
def purge_record(sender, instance, **kwargs):
    if sender in RECORD_KEYS:
        prefix = RECORD_KEYS[sender]
        found = {f"{prefix}-{instance.pk}", f"rec-{prefix}-{instance.pk}"}
        if sender is Section:  # the sections menu is on every page of the edition
            found.add(f"edition-{language_code_for_locale_id(instance.locale_id)}")
        purge(found)
    elif sender is EditionSettings:
        purge({f"edition-{language_code_for_locale_id(instance.locale_id)}"})


# A restriction above more stories than this purges every edition instead of naming each story.
RESTRICTION_STORIES_NAMED = 500


def restriction_purge_set(page_id):
    """What a view restriction on this page (added, changed or removed) changes for readers: every
    live story on or under it appears or disappears wherever it was shown (as when it is
    unpublished or published), and on an edition's home every page of that edition. Past
    RESTRICTION_STORIES_NAMED stories, everything: each edition and the sitemap."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is None:
        return set()
    stories = ArticlePage.objects.filter(path__startswith=path, live=True).prefetch_related(
        "story_tags", "story_authors"
    )
    covered = list(stories[: RESTRICTION_STORIES_NAMED + 1])
    if len(covered) > RESTRICTION_STORIES_NAMED:
        return {"sitemap"} | {f"{prefix}-{e.code}" for e in EDITIONS for prefix in ("edition", "api")}
    # An edition's home (or the root above it) guards every page of the edition, stories or not.
    homes = EditionHomePage.objects.filter(path__startswith=path).values_list("locale_id", flat=True)
    found = set()
    for code in {language_code_for_locale_id(locale_id) for locale_id in homes}:
        found |= {f"edition-{code}", f"api-{code}", "sitemap"}
    for story in covered:
        found |= keys.story_purge_set(story, _edition(story))
    return found


@receiver(pre_save, sender=PageViewRestriction)
def remember_restricted_page(sender, instance, raw=False, **kwargs):
    """A restriction moved to another page changes the stories of both."""
    if raw or not instance.pk or is_suspended():
        return
    instance._purge_before = set()
    previous = PageViewRestriction.objects.filter(pk=instance.pk).values_list("page_id", flat=True).first()
    if previous is not None and previous != instance.page_id:
        instance._purge_before = restriction_purge_set(previous)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def purge_restricted_stories(sender, instance, raw=False, origin=None, signal=None, **kwargs):
    """Added or changed (who may see it, the password, its page): hard. Lifted: soft, the pages
    cached meanwhile only lack the stories it hid."""
    if raw or is_suspended():
        return
    if origin is not None and not isinstance(origin, PageViewRestriction):
        return  # deleted with its page: the page's own deletion purges its stories
    found = restriction_purge_set(instance.page_id) | (getattr(instance, "_purge_before", None) or set())
    instance._purge_before = None
    purge(found, hard=signal is post_save)
