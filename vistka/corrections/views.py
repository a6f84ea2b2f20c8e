from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from vistka.audit.log import record
from vistka.corrections.flagging import mark_done
from vistka.corrections.models import CorrectionToCarry
from vistka.editions.languages import EDITIONS_BY_CODE


def may_handle(user, translation):
    """Only the translation's own edition's staff who may edit it (never trust the id alone)."""
    from vistka.newsroom.page_permissions import member_locale_ids, sees_all_editions

    in_edition = sees_all_editions(user) or translation.locale_id in member_locale_ids(user)
    return in_edition and translation.permissions_for_user(user).can_edit()


def edition_name(page):
    edition = EDITIONS_BY_CODE.get(page.locale.language_code)
    return edition.name if edition else page.locale.language_code


def correction_to_carry(request, pk):
    flag = get_object_or_404(CorrectionToCarry, pk=pk, cleared_at__isnull=True)
    translation = flag.translation.specific
    if not may_handle(request.user, translation):
        raise Http404
    if request.method == "POST":
        mark_done(flag, request.user)
        record(
            "corrections.marked_done",
            request=request,
            target=translation,
            data={"flag": flag.pk, "source": flag.source_id, "made_at": flag.made_at.isoformat()},
        )
        messages.success(request, _("The correction is marked as done for this version."))
        return redirect("wagtailadmin_pages:edit", translation.pk)
    source = flag.source.specific
    context = {
        "flag": flag,
        "translation": translation,
        "source": source,
        "source_edition": edition_name(source),
        "source_url": source.get_url(request) if source.live else "",
    }
    return TemplateResponse(request, "corrections/correction_to_carry.html", context)
