from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.models import Locale

from vistka.newsroom.editions import archives_user_can_add_to
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
    """Create (or open) the linked draft of a story in another edition."""
    source = get_object_or_404(ArticlePage, pk=page_id)
    locale = get_object_or_404(Locale, language_code=language_code)
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return redirect("wagtailadmin_pages:edit", existing.pk)
    target_archive = source.get_parent().specific.get_translation_or_none(locale)
    if target_archive is None or not target_archive.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    translation = source.copy_for_translation(locale)
    messages.success(
        request, _("A draft in this edition was created from the original. Translate it and publish.")
    )
    return redirect("wagtailadmin_pages:edit", translation.pk)
