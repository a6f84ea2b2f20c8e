from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem

from vistka.notifications import urls
from vistka.notifications.views import BADGE_LIMIT, unread_count


@hooks.register("register_admin_urls")
def notification_urls():
    return [path("notifications/", include((urls, "notifications"), namespace="notifications"))]


class NotificationsMenuItem(MenuItem):
    """The unread count in the label, "Notifications (3)": one indexed query per admin page."""

    def render_component(self, request):
        count = unread_count(request.user, limit=BADGE_LIMIT)
        label = pgettext("newsroom", "Notifications")
        if count:
            shown = f"{BADGE_LIMIT}+" if count > BADGE_LIMIT else count
            label = _("Notifications (%(count)s)") % {"count": shown}
        attrs = {**self.attrs, "data-unread-count": str(count)}
        return LinkMenuItem(self.name, label, self.url, icon_name=self.icon_name, attrs=attrs)


@hooks.register("register_admin_menu_item")
def notifications_menu_item():
    return NotificationsMenuItem(
        pgettext_lazy("newsroom", "Notifications"),
        reverse("notifications:list"),
        name="notifications",
        icon_name="mail",
        order=2,
    )


@hooks.register("register_account_menu_item")
def notification_choices_item(request):
    return {
        "url": reverse("notifications:preferences"),
        "label": _("Notification choices"),
        "help_text": _("Which notifications you receive in the newsroom system and by e-mail."),
    }
