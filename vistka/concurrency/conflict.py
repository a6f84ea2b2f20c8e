"""What the save-confirmation dialog shows when a colleague saved a newer version meanwhile:
field by field, their version next to the user's unsaved form, before anything is sent.

The dialog posts the edit form as it stands (nothing is saved here): the form is validated the
way a draft save is, applied to the latest version in memory, and compared with that version by
Wagtail's own field comparisons (vistka.concurrency.merge), as the merge screen compares them."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.models import Page

from vistka.concurrency.merge import field_choices
from vistka.concurrency.page_edit import editor_name


def editable_page(request, pk):
    """The page, if the user may edit it now (not locked against them), else None."""
    page = get_object_or_404(Page, pk=pk).specific
    lock = page.get_lock()
    if not page.permissions_for_user(request.user).can_edit() or (
        lock is not None and lock.for_user(request.user)
    ):
        return None
    return page


def edit_view_refuses(request, page):
    """Whether the edit view's own checks refuse this POST (another edition's records, a story the
    user may not see chosen in the body): the dialog must not show what the save may not choose."""
    try:
        for check in hooks.get_hooks("before_edit_page"):
            result = check(request, page)
            if hasattr(result, "status_code"):
                return True
    except PermissionDenied:
        return True
    return False


def loaded_revision(request, page):
    """The revision the form was loaded from, only one of this page's (never trust the id alone)."""
    loaded_id = request.POST.get("loaded_revision_id", "")
    if not loaded_id.isdigit():
        return None
    return page.revisions.filter(pk=loaded_id).first()


def unsaved_version(request, latest):
    """The latest version with the posted form applied, in memory (None when the form has errors
    even for a draft)."""
    form_class = type(latest).get_edit_handler().get_form_class()
    form = form_class(
        request.POST, request.FILES, instance=latest, parent_page=latest.get_parent(), for_user=request.user
    )
    form.defer_required_fields()
    valid = form.is_valid()
    form.restore_required_fields()
    return form.save(commit=False) if valid else None


def newer_authors(page, base):
    """Who saved the versions newer than the user's, newest first, each once."""
    names = []
    for revision in (
        page.revisions.filter(created_at__gt=base.created_at)
        .select_related("user")
        .order_by("-created_at", "-pk")
    ):
        name = editor_name(revision.user)
        if name not in names:
            names.append(name)
    return names


@require_POST
def conflict_diff(request, pk):
    page = editable_page(request, pk)
    if page is None or edit_view_refuses(request, page):
        return JsonResponse({"conflict": False}, status=403)
    base = loaded_revision(request, page)
    latest_revision = page.get_latest_revision()
    if base is None or latest_revision is None or base.pk == latest_revision.pk:
        return JsonResponse({"conflict": False})
    theirs = latest_revision.as_object()
    mine = unsaved_version(request, latest_revision.as_object())
    choices = field_choices(page, request, base.as_object(), theirs, mine) if mine is not None else None
    context = {
        "page": page,
        "latest": latest_revision,
        "latest_by": editor_name(latest_revision.user),
        "authors": newer_authors(page, base),
        "saved_at": timezone.localtime(latest_revision.created_at),
        "choices": choices,
    }
    html = render_to_string("concurrency/conflict_diff.html", context, request=request)
    return JsonResponse({"conflict": True, "fields": [c.key for c in choices or []], "html": html})
