"""The second step: no newsroom page for a signed-in user who has not passed it.

Sits after django-otp's OTPMiddleware. Reader pages are passed through before anything reads
the session (they must stay anonymous and cacheable).
"""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from vistka.twofactor import policy


def wants_html(request):
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return False
    accept = request.headers.get("accept", "")
    if "json" in accept and "html" not in accept:
        return False
    return request.content_type != "application/json"


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if policy.is_guarded(request.path_info):
            step = self.pending_step(request)
            if step:
                return self.send_to(request, step)
        return self.get_response(request)

    def pending_step(self, request):
        """The URL name of the step this request must take first, or None."""
        user = request.user
        if not user.is_authenticated or request.path_info.startswith(policy.open_paths()):
            return None
        if user.is_verified():
            return None
        if policy.has_factor(user):
            return "twofactor_verify"
        if policy.is_required(user):
            return "twofactor_enrol"
        return None

    def send_to(self, request, step):
        url = reverse(step)
        if not wants_html(request):
            return JsonResponse({"detail": _("Second factor required."), "redirect": url}, status=403)
        if request.method in ("GET", "HEAD"):
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
