"""Keeping the story index in step with the stories, from Django's and Wagtail's signals.

* A story saved (published, republished, unpublished, saved as a new page) -> its row is rewritten
  from the database, or removed if the story is not visible. Saves that touch none of the fields
  the row depends on (a draft revision: ``save_revision`` saves ``latest_revision``,
  ``draft_title``…) are skipped, so a draft change never reaches readers' search.
* Deleted -> the row goes with it (``on_delete=CASCADE`` on the row's page).
* A view restriction added, changed or removed, or a page moved -> every story under the page is
  checked (restricted stories leave the index, visible missing ones come back).
* A page's ``live`` or ``first_published_at`` changed by a queryset ``update()`` (no signal) ->
  a database trigger drops the row or moves its date (see ``vistka.search.index``). Turning
  ``live`` on that way cannot write the row (lemmas come from Python): ``rebuild_story_index``.
* Restriction and move changes re-check the whole subtree in the request: a restriction on an
  edition's home page and its removal rewrite that edition's rows (minutes at a million).
* A new edition (Locale) -> its own partition of the table on PostgreSQL.

All of it runs in the transaction of the change, so a rolled-back edit leaves the index as it was.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import post_page_move

# Fields a row is made of (and the tree path, for restrictions above the story).
ROW_FIELDS = frozenset(
    {"title", "lead", "body", "live", "first_published_at", "locale", "locale_id", "path", "content_type"}
)


def _is_story(sender, instance):
    from vistka.stories.models import ArticlePage

    if issubclass(sender, ArticlePage):
        return True
    ct = ContentType.objects.get_for_model(ArticlePage)
    return getattr(instance, "content_type_id", None) == ct.pk


def story_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _is_story(sender, instance):
        return
    if update_fields is not None and not ROW_FIELDS.intersection(update_fields):
        return
    from vistka.search.index import sync_stories

    sync_stories([instance.pk])


def _subtree_of(page_id):
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is not None:
        from vistka.search.index import refresh_subtree

        refresh_subtree(path)


def restriction_changed(sender, instance, raw=False, origin=None, **kwargs):
    if raw:
        return
    if origin is not None and not isinstance(origin, PageViewRestriction):
        return  # deleted with its page: the stories under it are being deleted too
    _subtree_of(instance.page_id)


def page_moved(sender, instance, **kwargs):
    _subtree_of(instance.pk)


def locale_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        from vistka.search.index import ensure_partitions

        ensure_partitions()


def migrated(sender, using="default", **kwargs):
    """Editions created by other apps' migrations or post_migrate hooks get their partitions."""
    from django.db import connections

    from vistka.search.index import ensure_partitions

    ensure_partitions(connections[using])


def connect(app_config=None):
    post_save.connect(story_saved, sender=Page, dispatch_uid="storysearch-page-saved")
    from vistka.stories.models import ArticlePage

    post_save.connect(story_saved, sender=ArticlePage, dispatch_uid="storysearch-story-saved")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="storysearch-restriction")
    post_delete.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="storysearch-restriction-gone"
    )
    post_page_move.connect(page_moved, dispatch_uid="storysearch-page-moved")
    post_save.connect(locale_saved, sender=Locale, dispatch_uid="storysearch-locale")
    post_migrate.connect(migrated, sender=app_config, dispatch_uid="storysearch-migrated")
