"""Sets the browser policies on every response: a CSP chosen by path (django-csp builds and sends
it), the Permissions-Policy, and the Reporting API's endpoint for `report-to`."""

import contextvars

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

from vistka.browserpolicy import policies

# The request being answered, for templates rendered without it (form widgets): see templatetags.
current_request = contextvars.ContextVar("browserpolicy_request", default=None)


class BrowserPolicyMiddleware(CSPMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request._browserpolicy_token = current_request.set(request)

    def process_response(self, request, response):
        token = getattr(request, "_browserpolicy_token", None)
        if token is not None:
            current_request.reset(token)
            request._browserpolicy_token = None
        response = super().process_response(request, response)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policies.permissions_policy()
        if settings.POLICY_REPORT_URI and settings.POLICY_REPORT_TO and "Reporting-Endpoints" not in response:
            response["Reporting-Endpoints"] = f'{policies.REPORT_GROUP}="{settings.POLICY_REPORT_URI}"'
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts  # a view's own @csp_override (or report-only settings) win
        # Wagtail's preview renders a reader page through this stack on a request of its own
        # (is_preview) inside the admin's: it must be framable by the admin's preview panel.
        if policies.is_staff_path(request.path_info) or getattr(request, "is_preview", False):
            return PolicyParts(policies.staff_directives(), parts.update, parts.replace, parts.nonce)
        # No nonce on reader pages, even if something asked for one: they are cached whole.
        return PolicyParts(policies.reader_directives(), parts.update, parts.replace, None)
