from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from vistka.wordpress import admin_views


class AdminsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.is_import_admin(request.user)


@hooks.register("register_admin_urls")
def wordpress_import_urls():
    return [
        path("wordpress-import/", admin_views.import_page, name="wordpress_import"),
        path("wordpress-import/<int:pk>/", admin_views.job_page, name="wordpress_import_job"),
    ]


@hooks.register("register_settings_menu_item")
def wordpress_import_menu_item():
    return AdminsOnlyMenuItem(
        gettext_lazy("Import from WordPress"),
        reverse("wordpress_import"),
        name="wordpress-import",
        icon_name="upload",
        order=900,
    )
