"""The second step: no newsroom page for a signed-in user who has not passed it, and outside the
newsroom no signed-in user who has not passed it or whose staff session has ended.

TwoFactorMiddleware sits after django-otp's OTPMiddleware. Reader pages are passed through before
anything reads the session (they must stay anonymous and cacheable).
"""

from urllib.parse import urlencode

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from vistka.twofactor import policy, steps


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
            if request.user.is_authenticated:
                steps.drop_stale_codes(request.session)  # recovery codes nobody came to see
        return self.get_response(request)

    def pending_step(self, request):
        """The URL name of the step this request must take first, or None."""
        user = request.user
        if not user.is_authenticated:
            return None
        # The sign-in page is open, but not as a way round the step: a restricted reader page sends
        # a password-only session there, and Wagtail would send it straight back (a loop).
        back_to_sign_in = request.path_info == reverse("wagtailadmin_login") and request.method == "GET"
        if request.path_info.startswith(policy.open_paths()) and not back_to_sign_in:
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


def anonymous():
    user = AnonymousUser()
    user.otp_device = None
    user.is_verified = lambda: False
    return user


def user_outside_newsroom(request, user):
    """`user` as the reader side may see them: anonymous unless their staff session is valid
    (not ended, idle or too old) and, where they have a factor or their role requires one, they
    passed the second step."""
    from vistka.accounts.sessions import current_row

    if not user.is_authenticated:
        return user
    if current_row(request.session, user) is None:
        return anonymous()
    if not user.is_verified() and (policy.has_factor(user) or policy.is_required(user)):
        return anonymous()
    return user


class SignedInOutsideMiddleware:
    """Outside the guarded prefixes (login- or group-restricted pages, documents of restricted
    collections, Wagtail's front-end login) Django would take a session that only passed the
    password, or whose staff session has ended, as signed in. After StaffSessionMiddleware: wraps
    request.user so that it is checked only when a view asks for it; a plain reader page reads
    neither the session nor the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not (policy.is_guarded(path) and path.startswith(tuple(settings.STAFF_PATH_PREFIXES))):
            seen_by_django = request.user  # lazy (AuthenticationMiddleware, OTPMiddleware)
            checked = []

            def user():
                if not checked:
                    checked.append(user_outside_newsroom(request, seen_by_django))
                return checked[0]

            async def auser():
                return await sync_to_async(user)()

            request.user = SimpleLazyObject(user)
            request.auser = auser
        return self.get_response(request)
