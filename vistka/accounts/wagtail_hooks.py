from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from vistka.accounts import urls


@hooks.register("register_admin_urls")
def sessions_urls():
    return [path("sessions/", include(urls))]


@hooks.register("register_account_menu_item")
def my_sessions_item(request):
    return {
        "url": reverse("accounts_my_sessions"),
        "label": _("My sessions"),
        "help_text": _("Where you are signed in; sign out other devices."),
    }


@hooks.register("register_user_listing_buttons")
def sessions_button(user, request_user):
    """'Sessions' in the users list's More menu, for those who may end others' sessions."""
    from wagtail.admin.widgets import Button

    from vistka.accounts.views import can_manage_sessions_of_others

    if not can_manage_sessions_of_others(request_user) or (
        user.is_superuser and not request_user.is_superuser
    ):
        return []
    return [Button(_("Sessions"), url=reverse("accounts_user_sessions", args=[user.pk]), priority=50)]
