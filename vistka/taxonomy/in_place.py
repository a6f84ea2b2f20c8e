"""Records created from the story being written (a new tag typed into the story's tag box).

Only in an edition where the user may add that kind of record (the edition's record permission
policy), only the name is taken from the request, and a name the edition already has answers with
that record instead of a duplicate."""

from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.models import Locale

from vistka.core.sanitise import clean_text
from vistka.core.slugs import ascii_slug
from vistka.newsroom.record_permissions import record_policy
from vistka.taxonomy import record_audit
from vistka.taxonomy.models import Tag

# model name in the URL -> (model, label of the typeahead's "create" line)
CREATED_IN_PLACE = {"tag": (Tag, gettext_lazy('Create tag "%s"'))}


def create_label(model):
    return next((label for known, label in CREATED_IN_PLACE.values() if known is model), None)


def unique_slug(model, locale, name):
    base = ascii_slug(name) or "item"
    slug, n = base, 2
    while model.objects.filter(locale=locale, slug=slug).exists():
        suffix = f"-{n}"
        slug, n = base[: 80 - len(suffix)] + suffix, n + 1
    return slug


@require_admin_access
@require_POST
def create_in_place(request, model_name, language_code):
    if model_name not in CREATED_IN_PLACE:
        raise Http404
    model = CREATED_IN_PLACE[model_name][0]
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        raise Http404
    if language_code not in record_policy(model).editions_for(request.user, ["add"]):
        return JsonResponse({"error": _("You may not add records in this edition.")}, status=403)
    name = " ".join(clean_text(request.POST.get("name", "")).split())
    max_length = model._meta.get_field("name").max_length
    if not name or len(name) > max_length:
        return JsonResponse(
            {"error": _("Enter a name of up to %(n)s characters.") % {"n": max_length}}, status=400
        )
    # Two people creating the same tag at once: the slower insert meets the unique slug, then
    # finds the colleague's record by name (or, for another name, takes the next free slug).
    for _attempt in range(ATTEMPTS):
        record = same_name(model, locale, name)
        if record is not None:
            return JsonResponse({"id": record.pk, "name": record.name, "created": False}, status=200)
        slug = unique_slug(model, locale, name)
        try:
            with transaction.atomic():
                record = model.objects.create(locale=locale, name=name, slug=slug)
        except IntegrityError:
            continue
        record_audit.record_created(request, record)
        return JsonResponse({"id": record.pk, "name": record.name, "created": True}, status=201)
    return JsonResponse({"error": _("The record could not be created; try again.")}, status=409)


ATTEMPTS = 3


def same_name(model, locale, name):
    """The edition's record of this name, whatever its case (compared in Python: SQLite compares
    only Latin letters without case)."""
    wanted = name.casefold()
    return next(
        (
            known
            for known in model.objects.filter(locale=locale).only("pk", "name")
            if known.name.casefold() == wanted
        ),
        None,
    )
