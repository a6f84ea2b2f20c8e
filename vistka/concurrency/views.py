"""The merge screen of a refused save: per changed field, the saved version and the user's, the
user chooses; the result is saved on top of the latest revision (checked under the page's row
lock, like every save). Two versions that were each valid can merge into one that is not (a
section deleted meanwhile, a value an older form allowed): the result is validated like the edit
form's draft save before it is saved, and the errors are shown instead."""

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from vistka.audit.log import record
from vistka.concurrency.locking import lock_row
from vistka.concurrency.merge import MINE, THEIRS, field_choices, merged_content
from vistka.concurrency.models import RefusedSave
from vistka.concurrency.page_edit import editor_name


def refused_save_for(request, pk):
    """The user's own open refused save of a page they may still edit (others' answer 404)."""
    refused = get_object_or_404(RefusedSave, pk=pk, user=request.user, resolved_at__isnull=True)
    page = refused.page.specific
    perms = page.permissions_for_user(request.user)
    lock = page.get_lock()
    if not perms.can_edit() or (lock is not None and lock.for_user(request.user)):
        raise PermissionDenied
    return refused, page


def merge_context(request, refused, page):
    latest = page.get_latest_revision()
    theirs = latest.as_object()
    mine = page.with_content_json(refused.content) if refused.content is not None else None
    base = refused.base_revision.as_object() if refused.base_revision_id else None
    choices = field_choices(page, request, base, theirs, mine) if mine is not None else []
    return {
        "refused": refused,
        "page": page,
        "latest": latest,
        "latest_by": editor_name(latest.user),
        "choices": choices,
        "mine_choice": MINE,
        "theirs_choice": THEIRS,
        "edit_url": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
    }


def render_merge(request, context, status=200):
    return TemplateResponse(request, "concurrency/merge.html", context, status=status)


def merge(request, pk):
    refused, page = refused_save_for(request, pk)
    if request.method != "POST":
        return render_merge(request, merge_context(request, refused, page))
    if request.POST.get("dismiss"):
        return dismiss(request, refused, page)
    with transaction.atomic():
        lock_row(Page, page.pk)
        page = Page.objects.get(pk=page.pk).specific
        context = merge_context(request, refused, page)
        if request.POST.get("against") != str(context["latest"].pk):
            messages.warning(
                request,
                _("%(person)s saved another version meanwhile: compare again.")
                % {"person": context["latest_by"]},
            )
            return render_merge(request, context, status=409)
        picked = {choice.key: request.POST.get(f"choice-{choice.key}") for choice in context["choices"]}
        if any(value not in (MINE, THEIRS) for value in picked.values()):
            messages.error(request, _("Choose a version for every field."))
            context["picked"] = picked
            return render_merge(request, context, status=400)
        mine_keys = [key for key, value in picked.items() if value == MINE]
        merged = merged_page(page, context["latest"], refused, mine_keys)
        errors = merge_errors(merged)
        if errors:
            messages.error(
                request, _("The merged version was not saved: %(errors)s") % {"errors": "; ".join(errors)}
            )
            context["picked"] = picked
            return render_merge(request, context, status=400)
        revision = save_merged(request, merged, refused)
    record(
        "concurrency.merged",
        request=request,
        target=page,
        data={
            "refused_save": refused.pk,
            "revision": revision.pk,
            "yours": mine_keys,
            "fields": list(picked),
        },
    )
    messages.success(request, _("Merged version saved as a draft; review it and publish when ready."))
    return redirect("wagtailadmin_pages:edit", page.pk)


def merged_page(page, latest, refused, mine_keys):
    return page.with_content_json(merged_content(latest.content, refused.content, mine_keys))


def draft_may_leave_blank(page):
    """The fields a draft save may leave empty: those the edit form defers (Wagtail's rule)."""
    model = type(page)
    form_class = model.get_edit_handler().get_form_class()
    return set(form_class._meta.defer_required_on_fields)


def field_label(model, name):
    if name == NON_FIELD_ERRORS:
        return ""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def merge_errors(merged):
    """["label: message"] of what makes the merged version invalid (the model's full validation:
    required fields, lengths, choices, references that no longer exist, the page's clean, slug
    uniqueness), but for required fields a draft may leave blank; [] when it may be saved."""
    try:
        merged.full_clean()
    except ValidationError as error:
        deferred = draft_may_leave_blank(merged)
        found = []
        for name, field_errors in error.error_dict.items():
            label = field_label(type(merged), name)
            for field_error in field_errors:
                if name in deferred and field_error.code in ("blank", "required"):
                    continue
                text = " ".join(field_error.messages)
                found.append(f"{label}: {text}" if label else text)
        return found
    return []


def save_merged(request, merged, refused):
    if not merged.live:
        merged.save(clean=False)
    revision = merged.save_revision(user=request.user, log_action=True, clean=False)
    refused.resolved_at = timezone.now()
    refused.save(update_fields=["resolved_at"])
    return revision


def dismiss(request, refused, page):
    refused.resolved_at = timezone.now()
    refused.save(update_fields=["resolved_at"])
    record("concurrency.dismissed", request=request, target=page, data={"refused_save": refused.pk})
    messages.success(request, _("Your refused version was dismissed."))
    return redirect("wagtailadmin_pages:edit", page.pk)
