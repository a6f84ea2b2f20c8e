from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.admin.widgets import Button
from wagtail.models import Locale

from vistka.editions.languages import EDITIONS
from vistka.newsroom.drafts import declined_autosave, note_autosave
from vistka.newsroom.editions import archives_user_can_add_to
from vistka.newsroom.page_permissions import (
    NewsroomPagePermissionTester,
    chooses_hidden_stories,
    may_translate_from,
    shown_to,
    translation_target,
)
from vistka.newsroom.panels import is_newsroom_staff_only, newsroom_panels_for
from vistka.stories.models import ArticlePage


class NewNewsItemMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(archives_user_can_add_to(request.user))


@hooks.register("register_admin_menu_item")
def new_news_item_menu():
    return NewNewsItemMenuItem(
        _("New news item"), reverse("newsroom:new_news_item"), icon_name="plus", order=1
    )


# Wagtail's panels the newsroom's replace: its review queue (ours is per edition and paged) for
# everyone; for staff without Admin powers also recent edits, locked pages and pages in a workflow
# (their drafts panel shows what is in review), so the dashboard fits one screen.
REPLACED_PANELS = {"workflow_objects_to_moderate"}
NOT_FOR_NEWSROOM_STAFF = {"recent_edits", "locked_pages", "user_objects_in_workflow_moderation"}


@hooks.register("insert_global_admin_css")
def dashboard_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("newsroom/dashboard.css"))


@hooks.register("construct_homepage_panels")
def add_newsroom_panels(request, panels):
    staff_only = is_newsroom_staff_only(request.user)
    dropped = REPLACED_PANELS | (NOT_FOR_NEWSROOM_STAFF if staff_only else set())
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in dropped]
    panels[:0] = newsroom_panels_for(request.user)


@hooks.register("construct_homepage_summary_items")
def no_site_summary_for_newsroom_staff(request, summary_items):
    """Page, image and document totals are an administrator's figures; for the newsroom they only
    pushed the work down the screen."""
    if is_newsroom_staff_only(request.user):
        summary_items.clear()


class TranslateButton(Button):
    """Posts to the translate view (it creates a page, so it must not be a plain link)."""

    template_name = "newsroom/translate_button.html"

    def get_context_data(self, parent_context):
        # Wagtail renders buttons with a plain context: without this the form had no CSRF token
        # and every click was refused (403).
        context = super().get_context_data(parent_context)
        context["csrf_token"] = get_token(context["request"])
        return context


@hooks.register("register_page_header_buttons")
def translate_buttons(page, user, view_name=None, next_url=None):
    """Offered only where the translate view would act: from a story the user may edit or a
    published one, into an edition where they may add stories or edit the existing translation."""
    page = page.specific_deferred
    if not isinstance(page, ArticlePage) or not may_translate_from(user, page):
        return
    for edition in EDITIONS:
        if edition.code == page.locale.language_code:
            continue
        locale = Locale.objects.filter(language_code=edition.code).first()
        if locale is None:
            continue
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            allowed = existing.permissions_for_user(user).can_edit()
        else:
            allowed = translation_target(user, page, locale) is not None
        if not allowed:
            continue
        yield TranslateButton(
            _("Translate into %(edition)s") % {"edition": edition.name},
            reverse("newsroom:translate_story", args=(page.pk, edition.code)),
            icon_name="globe",
            priority=80,
        )


# --- deleting: the newsroom's rule (page_permissions) also where Wagtail does not ask the tester


@hooks.register("before_delete_page")
def refuse_disallowed_delete(request, page):
    if not NewsroomPagePermissionTester(request.user, page.specific_deferred).can_delete():
        raise PermissionDenied


@hooks.register("before_bulk_action")
def refuse_disallowed_bulk_delete(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not isinstance(action_class_instance, PageBulkAction):
        return None
    for page in objects:
        if not NewsroomPagePermissionTester(request.user, page.specific_deferred).can_delete():
            raise PermissionDenied
    return None


# --- finding pages: other editions' drafts stay out of sight


@hooks.register("construct_page_chooser_queryset")
def only_choosable_pages(pages, request):
    return pages.filter(shown_to(request.user))


@hooks.register("before_create_page")
def keep_empty_new_story_unsaved(request, parent_page, page_class):
    """No story (and no story number) from an autosave before the story has real content."""
    return declined_autosave(request, page_class)


@hooks.register("before_create_page")
def refuse_hidden_stories_on_create(request, parent_page, page_class):
    if request.method == "POST" and chooses_hidden_stories(request.user, request.POST):
        raise PermissionDenied


@hooks.register("before_edit_page")
def refuse_hidden_stories_on_edit(request, page):
    if request.method == "POST" and chooses_hidden_stories(request.user, request.POST, page):
        raise PermissionDenied


# --- drafts: which revisions only the autosave wrote (abandoned-draft clean-up)


@hooks.register("after_create_page")
def mark_autosaved_creation(request, page):
    note_autosave(request, page)


@hooks.register("after_edit_page")
def mark_autosaved_edit(request, page):
    note_autosave(request, page)
