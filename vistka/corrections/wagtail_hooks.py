from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages

from vistka.corrections import views
from vistka.corrections.flagging import clear_carried, is_story
from vistka.corrections.queries import open_flags


@hooks.register("register_admin_urls")
def corrections_urls():
    urls = [path("<int:pk>/", views.correction_to_carry, name="to_carry")]
    return [path("corrections/", include((urls, "corrections"), namespace="corrections"))]


@hooks.register("before_edit_page")
def flag_corrections_to_carry(request, page):
    """The translation's edit view shows each correction still to carry, to its edition's staff."""
    if request.method != "GET" or not is_story(page.specific) or not views.may_handle(request.user, page):
        return
    for flag in open_flags(page).select_related("source__locale"):
        messages.warning(
            request,
            _(
                "Correction needs translating: the story was corrected in the «%(edition)s» edition on "
                "%(time)s: «%(note)s». Add it to this version as a correction entry and save, or mark "
                "it done."
            )
            % {
                "edition": views.edition_name(flag.source),
                "time": date_format(timezone.localtime(flag.made_at), "DATETIME_FORMAT"),
                "note": flag.note,
            },
            buttons=[
                messages.button(reverse("corrections:to_carry", args=(flag.pk,)), _("Review or mark done"))
            ],
        )


@hooks.register("after_edit_page")
def clear_carried_corrections(request, page):
    """A save of the translation that carries the correction clears its flag."""
    if is_story(page.specific):
        clear_carried(page.specific, request.user)
