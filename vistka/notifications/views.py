"""The notifications list (paged, mark read) and each person's choice of what they receive."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page, PagePermissionTester

from vistka.accounts.notices import mail_configured
from vistka.newsroom.page_permissions import member_locale_ids, sees_all_editions
from vistka.notifications.kinds import KINDS, LABELS, MESSAGES
from vistka.notifications.models import Notification, NotificationPreference
from vistka.stories.listing import share_specific_tasks


def own_notifications(user):
    return Notification.objects.filter(recipient=user)


BADGE_LIMIT = 99


def unread_count(user, limit=None):
    """Unread notifications (up to `limit`+1 when given: the badge shows "99+" beyond). The badge
    reads the ids through the (recipient, read_at) index rather than COUNT(*): admin pages are
    checked to run no COUNT of their own listing, and a few ids are as cheap."""
    unread = own_notifications(user).filter(read_at__isnull=True)
    if limit is None:
        return unread.count()
    return len(unread.order_by().values_list("pk", flat=True)[: limit + 1])


class Viewer:
    """What the list needs to know about its user, read once per request whatever the rows."""

    def __init__(self, user):
        self.user = user
        self.sees_all = sees_all_editions(user)
        self.member = member_locale_ids(user)

    def may_see(self, page):
        """As vistka.newsroom.page_permissions.may_see, with the member editions read once."""
        if self.sees_all or page.locale_id in self.member:
            return True
        return page.live and (not page.has_unpublished_changes or page.draft_title == page.title)

    def may_edit(self, page):
        # Wagtail's permissions are cached on the user; the workflow task comes prefetched.
        return PagePermissionTester(self.user, page).can_edit()


def describe(notification, viewer):
    """What the list shows: the message, and a link only while the user may still edit the story
    (the title only while they may still see it: a draft of an edition they left stays hidden)."""
    page = notification.page
    visible = viewer.may_see(page)
    actor = notification.actor
    actor_name = (actor.get_full_name() or actor.get_username()) if actor else settings.WAGTAIL_SITE_NAME
    title = page.title if visible else _("a story you can no longer see")
    editable = visible and viewer.may_edit(page)
    return {
        "notification": notification,
        "message": str(MESSAGES[notification.kind]) % {"actor": actor_name, "title": title},
        "editable": editable,
    }


def with_pages(notifications):
    """Each row's page with its active workflow state (and one specific task object per task):
    whether a reviewer may edit depends on the task the story is at."""
    pages = Page.objects.all()
    if getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        pages = pages.prefetch_workflow_states()
    return notifications.select_related("actor").prefetch_related(Prefetch("page", queryset=pages))


def notification_list(request):
    paginator = Paginator(with_pages(own_notifications(request.user)), settings.NOTIFICATIONS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("p"))
    rows = list(page_obj)
    share_specific_tasks([n.page for n in rows])
    viewer = Viewer(request.user)
    return TemplateResponse(
        request,
        "notifications/list.html",
        {
            "items": [describe(n, viewer) for n in rows],
            "page_obj": page_obj,
            "unread": unread_count(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def open_notification(request, notification_id):
    """Opens the story of one of the user's own notifications (if still allowed); the list's
    button POSTs (CSRF-checked) and marks it read, a GET (a bookmark, a reload) only redirects."""
    notification = own_notifications(request.user).select_related("page").filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    if request.method == "POST" and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    if describe(notification, Viewer(request.user))["editable"]:
        return redirect("wagtailadmin_pages:edit", notification.page_id)
    return redirect("notifications:list")


@require_POST
def mark_read(request):
    unread = own_notifications(request.user).filter(read_at__isnull=True)
    if request.POST.get("all") != "1":
        ids = [value for value in request.POST.getlist("id") if value.isdigit()]
        unread = unread.filter(pk__in=ids)
    unread.update(read_at=timezone.now())
    page_number = request.POST.get("p", "")
    target = reverse("notifications:list")
    return redirect(f"{target}?p={page_number}" if page_number.isdigit() else target)


def preferences(request):
    preference, _created = NotificationPreference.objects.get_or_create(user=request.user)
    if request.method == "POST":
        preference.in_app_off = [kind for kind in KINDS if f"in_app_{kind}" not in request.POST]
        preference.email_off = [kind for kind in KINDS if f"email_{kind}" not in request.POST]
        preference.save()
        messages.success(request, _("Your notification choices are saved."))
        return redirect("notifications:preferences")
    rows = [
        {
            "kind": kind,
            "label": LABELS[kind],
            "in_app": kind not in preference.in_app_off,
            "email": kind not in preference.email_off,
        }
        for kind in KINDS
    ]
    return TemplateResponse(
        request,
        "notifications/preferences.html",
        {"rows": rows, "mail_configured": mail_configured(), "has_address": bool(request.user.email)},
    )
