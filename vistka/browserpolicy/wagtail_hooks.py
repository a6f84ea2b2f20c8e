"""The newsroom's read-only list of CSP violation reports (Settings menu), for Admins: users holding
the model's view permission (the Admins group has every permission; superusers)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from vistka.browserpolicy.models import ViolationReport


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Reports come from browsers only: nobody adds, edits or deletes them in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


register_permission_policy(ViolationReport, ReadOnlyPolicy(ViolationReport), exact_class=True)


class ViolationReportViewSet(ModelViewSet):
    model = ViolationReport
    icon = "warning"
    menu_label = _("CSP reports")
    add_to_settings_menu = True
    url_prefix = "csp-reports"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["received_at", "directive", "blocked_uri", "document_uri", "source_file", "line_number"]
    list_filter = ["directive"]
    inspect_view_fields = [
        "received_at",
        "document_uri",
        "directive",
        "blocked_uri",
        "source_file",
        "line_number",
        "column_number",
        "sample",
        "disposition",
        "user_agent",
    ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


violation_reports = ViolationReportViewSet("csp_reports")


@hooks.register("register_admin_viewset")
def register_violation_reports():
    return violation_reports
