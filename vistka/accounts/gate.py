"""At most LOGIN_CONCURRENT_SIGN_INS sign-in posts in flight per process; the rest get a 503 at once.

A sign-in post is expensive (a password hash of a fraction of a second, database writes, under
SQLite a wait for the write lock) and holds one of the process's few request threads while it
runs. Without a bound, sixteen concurrent wrong-password posts took every thread and cached
reader pages waited seconds behind them. With it, a flood holds at most this many threads per
process; each excess post is answered before the session, the database or a hash is touched.
Place right after ClientAddressMiddleware. In production wsgi_gate.SignInGate takes the slot
before Django (and answers the refused posts there); this middleware then only checks the lock
and tells the wrapper what the throttle found locked.
"""

import threading

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

_slots = None
_pages = {}
_slots_lock = threading.Lock()


def sign_in_slots():
    global _slots
    if _slots is None:
        with _slots_lock:
            if _slots is None:
                _slots = threading.BoundedSemaphore(settings.LOGIN_CONCURRENT_SIGN_INS)
    return _slots


def busy_response(request=None):
    """The busy page, rendered once per language: answering a flood must cost next to nothing
    (a render with the request's context processors plus Django's error log line cost 2 ms, 45
    times a cached reader page)."""
    language = get_language()
    page = _pages.get(language)
    if page is None:
        page = _pages[language] = render_to_string("accounts/throttled.html", {"busy": True}).encode()
    response = HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = "5"
    response["Cache-Control"] = "private, no-store"
    response._has_been_logged = True  # no "Service Unavailable" log line per refused post
    return response


class SignInGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or request.path_info not in settings.LOGIN_GATED_PATHS:
            return self.get_response(request)
        if request.META.get("vistka.sign_in_slot"):  # taken by wsgi_gate.SignInGate before Django
            return tell_wsgi_gate(request, self.checked(request))
        slots = sign_in_slots()
        if not slots.acquire(blocking=False):
            return busy_response(request)
        try:
            return self.checked(request)
        finally:
            slots.release()

    def checked(self, request):
        if request.path_info in settings.LOGIN_SIGN_IN_PATHS:
            locked = locked_response(request)
            if locked is not None:
                return locked
        return self.get_response(request)


def tell_wsgi_gate(request, response):
    """A lock the throttle found (its account and address parts), for wsgi_gate to remember."""
    parts = getattr(request, "sign_in_lock_parts", None)
    if response.status_code == 429 and parts and request.path_info in settings.LOGIN_SIGN_IN_PATHS:
        from vistka.accounts.client_ip import throttle_address

        request.META["vistka.sign_in_lock"] = {
            "address": getattr(request, "axes_ip_address", None) or throttle_address(request),
            "username": request.POST.get(settings.AXES_USERNAME_FORM_FIELD),
            "account": parts["account"],
            "address_seconds": parts["address"],
        }
    return response


def locked_response(request):
    """A locked sign-in answered here, with one query: not through the session, CSRF, Wagtail's
    login view and its form (a locked address flooding cost readers more than a spread flood)."""
    from axes.handlers.proxy import AxesProxyHandler
    from axes.helpers import get_client_username
    from axes.signals import user_locked_out

    from vistka.accounts.throttle import account_slowdown, lockout_response

    AxesProxyHandler.update_request(request)
    credentials = {settings.AXES_USERNAME_FORM_FIELD: request.POST.get(settings.AXES_USERNAME_FORM_FIELD)}
    username = get_client_username(request, credentials)
    remaining, _failures = AxesProxyHandler.get_implementation().lock_state(request, credentials)
    if remaining <= 0:
        remaining = account_slowdown(request, username)
    if remaining <= 0:
        return None
    request.sign_in_locked_seconds = remaining
    user_locked_out.send(
        "axes",
        request=request,
        username=username,
        ip_address=request.axes_ip_address,
    )
    return lockout_response(request)
