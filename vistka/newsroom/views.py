from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.models import Locale, Page

from vistka.audit.log import record
from vistka.newsroom.editions import archives_user_can_add_to
from vistka.newsroom.page_permissions import may_see, may_translate_from, shown_to, translation_target
from vistka.stories.models import ArticlePage


@require_admin_access
def new_news_item(request):
    """The short path: straight to an empty news item in the reporter's edition."""
    archives = archives_user_can_add_to(request.user)
    if not archives:
        raise PermissionDenied
    if len(archives) > 1 and "edition" not in request.GET:
        return render(request, "newsroom/choose_edition.html", {"archives": archives})
    archive = archives[0]
    if "edition" in request.GET:
        archive = next((a for a in archives if a.locale.language_code == request.GET["edition"]), None)
        if archive is None:
            raise Http404
    return redirect(reverse("wagtailadmin_pages:add", args=("stories", "articlepage", archive.pk)))


@require_admin_access
@require_POST
def translate_story(request, page_id, language_code):
    """Create (or open) the linked draft of a story in another edition.

    Only from a story the user may edit or a published one: page ids are sequential, and a copy
    of another edition's draft would publish what its editors have not approved."""
    source = get_object_or_404(ArticlePage, pk=page_id)
    if not may_translate_from(request.user, source):
        raise Http404
    locale = get_object_or_404(Locale, language_code=language_code)
    if locale.pk == source.locale_id:
        raise Http404
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        if not existing.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return redirect("wagtailadmin_pages:edit", existing.pk)
    if translation_target(request.user, source, locale) is None:
        raise PermissionDenied
    translation = source.copy_for_translation(locale)
    # Wagtail's copy keeps the original's owner; the draft is the translator's.
    ArticlePage.objects.filter(pk=translation.pk).update(owner=request.user)
    record(
        "story.translated",
        request=request,
        target=translation,
        edition=locale.language_code,
        data={"source_id": source.pk, "source_edition": source.locale.language_code},
    )
    messages.success(
        request, _("A draft in this edition was created from the original. Translate it and publish.")
    )
    return redirect("wagtailadmin_pages:edit", translation.pk)


# --- the page chooser: what Wagtail's construct_page_chooser_queryset hook does not cover ------


class ChooserBrowseView(chooser.BrowseView):
    """Wagtail's chooser browsing, but not inside a page the user may not see (its headline is
    the listing's heading); the listed pages are filtered by the chooser queryset hook."""

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            parent = get_object_or_404(Page, pk=parent_page_id)
            if not may_see(request.user, parent):
                raise Http404
        return super().get(request, parent_page_id)


class ChosenMultipleView(chooser.ChosenMultipleView):
    """Wagtail answers any page id with its admin headline; only pages the user may see."""

    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        shown = Page.objects.filter(shown_to(request.user), pk__in=ids).values_list("pk", flat=True)
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in shown])
        return super().get(request)


choose_page = require_admin_access(ChooserBrowseView.as_view())
chosen_multiple = require_admin_access(ChosenMultipleView.as_view())
