from django.urls import path, re_path, reverse
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from vistka.audit import bulk_actions, views


class AuditTrailMenuItem(MenuItem):
    def is_shown(self, request):
        return views.is_audit_admin(request.user)


@hooks.register("register_admin_urls")
def audit_urls():
    return [
        path("audit/", views.audit_trail, name="audit_trail"),
        re_path(r"^audit/export\.(?P<fmt>csv|json)$", views.export, name="audit_trail_export"),
    ]


@hooks.register("register_reports_menu_item")
def audit_trail_menu_item():
    return AuditTrailMenuItem(
        pgettext_lazy("audit", "Audit trail"),
        reverse("audit_trail"),
        name="audit-trail",
        icon_name="list-ul",
        order=1300,
    )


hooks.register("before_bulk_action", bulk_actions.remember_users_before)
hooks.register("after_bulk_action", bulk_actions.record_users_changed)
