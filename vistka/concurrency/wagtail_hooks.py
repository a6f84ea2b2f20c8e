from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from vistka.concurrency import conflict, views
from vistka.concurrency.models import RefusedSave
from vistka.concurrency.page_edit import ConcurrentPageEditView


class ConcurrentPageViewSet(PageViewSet):
    """Every page type's edit view, unless a page type registers its own viewset (which should
    then use ConcurrentPageEditView too)."""

    model = Page
    name = "concurrent_pages"
    edit_view_class = ConcurrentPageEditView


@hooks.register("register_admin_viewset")
def register_concurrent_page_viewset():
    return ConcurrentPageViewSet()


@hooks.register("register_admin_urls")
def concurrency_urls():
    urls = [
        path("refused/<int:pk>/", views.merge, name="merge"),
        path("pages/<int:pk>/conflict/", conflict.conflict_diff, name="conflict"),
    ]
    return [path("concurrency/", include((urls, "concurrency"), namespace="concurrency"))]


def merge_button(refused):
    return messages.button(reverse("concurrency:merge", args=(refused.pk,)), _("Compare and merge"))


@hooks.register("before_edit_page")
def remind_of_refused_saves(request, page):
    """Reopening a story shows the user's refused versions of it that still wait for a merge."""
    if request.method != "GET":
        return
    for refused in RefusedSave.objects.filter(page_id=page.pk, user=request.user, resolved_at=None):
        messages.warning(
            request,
            _("A version of yours was refused because a colleague had saved a newer one. It is kept."),
            buttons=[
                messages.button(reverse("concurrency:merge", args=(refused.pk,)), _("Compare and merge"))
            ],
        )
