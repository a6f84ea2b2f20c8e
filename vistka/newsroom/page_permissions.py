"""The newsroom's rules for pages on top of Wagtail's group page permissions.

Wagtail grants per edition (a group's permissions on the edition's home page propagate down):
reporters add + change, editors and translators also publish, Admins everything at the root.
Its defaults are too broad for a newsroom in three places, tightened here:

- deleting: Wagtail lets anyone with "change" delete any unpublished page, and anyone with
  "change" + "publish" delete anything, the edition's home and archive included. Here a reporter
  deletes only their own never-published drafts; editors and translators delete stories of their
  edition; the editions' structure (home, archive) only with the explicit "delete" permission
  (Admins).
- the page chooser shows every page of every edition, drafts included: staff see drafts only of
  the editions they belong to (published stories of any edition may be chosen and linked).
- translating copies a story into another edition: only from a story the user may edit or a
  published, unrestricted one.

Unpublishing and view restrictions ("privacy") follow Wagtail's rule: only with "publish" in the
page's edition (editors, translators, Admins); tested in tests/test_page_matrix.py.
"""

from django.db.models import F, Q
from wagtail.models import Page, PagePermissionTester

from vistka.core.ids import posted_id


class NewsroomPagePermissionTester(PagePermissionTester):
    """Wagtail's tester with the newsroom's delete rule; every view, bulk action and button that
    asks `page.permissions_for_user(user).can_delete()` (or can_move(), which Wagtail derives
    from it) gets this answer."""

    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        return self.user.is_superuser or newsroom_may_delete(self.page, self.permissions, self.user)


def newsroom_may_delete(page, permissions, user):
    """The newsroom's part of the delete decision, given Wagtail already said yes."""
    from vistka.stories.models import ArticlePage

    if "delete" in permissions:  # Admins
        return True
    if not issubclass(page.specific_class or Page, ArticlePage):
        return False  # an edition's home or archive: structure, not a story
    if "publish" in permissions:  # editors and translators of the page's edition
        return True
    # Reporters: their own drafts that were never published.
    return page.owner_id == user.pk and not page.live and page.first_published_at is None


def permissions_for_user(page, user):
    return NewsroomPagePermissionTester(user, page)


def install():
    """Use the newsroom's tester for the page types staff work with (Wagtail asks the page's
    specific class for `permissions_for_user`; called from NewsroomConfig.ready()). Overriding
    the method in the models themselves would be Wagtail's usual way; they belong to the stories
    and editions apps, so the newsroom sets it here."""
    from vistka.editions.models import EditionHomePage
    from vistka.stories.models import ArticlePage, StoryArchivePage

    for model in (ArticlePage, StoryArchivePage, EditionHomePage):
        model.permissions_for_user = permissions_for_user


# --- editions a user belongs to ------------------------------------------------------------


def member_locale_ids(user):
    """Locales of the editions in whose page tree this user holds any page permission."""
    from wagtail.permissions import page_permission_policy

    from vistka.editions.models import EditionHomePage

    if not user.is_active or not user.is_authenticated:
        return set()
    granted = {p.page.path for p in page_permission_policy.get_cached_permissions_for_user(user)}
    homes = EditionHomePage.objects.only("path", "locale_id")
    return {home.locale_id for home in homes if any(home.path.startswith(path) for path in granted)}


def sees_all_editions(user):
    return user.is_active and user.is_superuser


def shown_to(user):
    """Pages this user may find and choose in the admin: everything in the editions they belong
    to; elsewhere only published pages, and not while a pending draft has another headline (the
    chooser shows the draft's headline). Only fields Wagtail's search can filter on (the chooser
    search applies this to a search query)."""
    if sees_all_editions(user):
        return Q()
    member = member_locale_ids(user)
    retitled = list(
        Page.objects.filter(live=True, has_unpublished_changes=True)
        .exclude(locale_id__in=member)
        .exclude(draft_title=F("title"))
        .values_list("pk", flat=True)
    )
    return Q(locale_id__in=member) | (Q(live=True) & ~Q(id__in=retitled))


def may_see(user, page):
    if sees_all_editions(user) or page.locale_id in member_locale_ids(user):
        return True
    return page.live and (not page.has_unpublished_changes or page.draft_title == page.title)


# --- translating -------------------------------------------------------------------------


def may_translate_from(user, source):
    """A translation starts from a story the user may edit, or from a published one that readers
    can see (live, no view restriction): never from another edition's draft."""
    from vistka.stories.models import ArticlePage

    if source.permissions_for_user(user).can_edit():
        return True
    return ArticlePage.objects.visible().filter(pk=source.pk).exists()


def translation_target(user, source, locale):
    """The archive of `locale` the user may add the translation to, or None."""
    archive = source.get_parent().specific.get_translation_or_none(locale)
    if archive is None or not archive.permissions_for_user(user).can_add_subpage():
        return None
    return archive


# --- stories chosen in a body ("read also", "background"): the chooser's rule for typed-in ids


def _story_ids_in_post(post):
    """Story ids a submitted body chooses: the StreamField posts them as ...-story fields."""
    ids = (posted_id(value) for key, value in post.items() if key.endswith("-story"))
    return {pk for pk in ids if pk is not None}


def _story_ids_in(value):
    """Story ids in a saved body's JSON (any depth of struct and list blocks)."""
    found = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "story" and isinstance(item, int):
                found.add(item)
            else:
                found |= _story_ids_in(item)
    elif isinstance(value, list):
        for item in value:
            found |= _story_ids_in(item)
    return found


def saved_story_ids(page):
    import json

    revision = page.get_latest_revision() if page is not None else None
    body = (revision.content or {}).get("body") if revision is not None else None
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return set()
    return _story_ids_in(body)


def chooses_hidden_stories(user, post, page=None):
    """Whether a submitted story form chooses a story the user may not see (an id typed in, not
    offered by the chooser), other than those the story already had. The form would show its
    headline next to the chooser."""
    new = _story_ids_in_post(post) - saved_story_ids(page)
    if not new or sees_all_editions(user):
        return False
    existing = set(Page.objects.filter(pk__in=new).values_list("pk", flat=True))
    shown = set(Page.objects.filter(shown_to(user), pk__in=new).values_list("pk", flat=True))
    return bool(existing - shown)
