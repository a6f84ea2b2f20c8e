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
