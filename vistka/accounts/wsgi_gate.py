"""Sign-in posts the app would refuse anyway, refused before Django (a WSGI wrapper, vistka/wsgi.py).

A flood of sign-in posts answered by SignInGateMiddleware still went through Django's handler, the
outage and address middleware and the request signals: about a millisecond of Python each, which at
a thousand posts a second from 16 clients took a core, and cached reader pages of the same process
waited behind it (reader p99 700 ms with every post answered 503 and no hash at all). Here:

- the per-process sign-in slot (gate.sign_in_slots) is taken before Django; a post finding it taken
  gets the busy page (503) at once;
- a sign-in post from an address, or for an account from an address, that Django (the throttle's
  database rows) found locked in this process is refused with the lockout page (429, Retry-After)
  without the session, CSRF, the database or a hash, for what is left of the lock but at most
  LOGIN_GATE_MEMORY_SECONDS: after that Django is asked again (so a lock reset by an administrator
  holds on here for at most that long). Each refusal counts in vistka_login_lockouts; the audit row
  "auth.throttled" (once a minute per address) comes from the post Django refused.

Per-account slowdowns (any new address) are not remembered here: Django decides them every time.
"""

import io
import threading
import time
from types import SimpleNamespace
from urllib.parse import parse_qsl

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from vistka.accounts.client_ip import throttle_address
from vistka.accounts.gate import sign_in_slots

SLOT_HELD = "vistka.sign_in_slot"  # environ: this request holds the slot (the middleware skips it)
LOCK_SEEN = "vistka.sign_in_lock"  # environ: what Django found locked (set by SignInGateMiddleware)
MAX_FORM_BYTES = 16 * 1024  # a sign-in form is far smaller; a larger body is left to Django
MAX_LOCKS = 50_000
FORM_TYPE = "application/x-www-form-urlencoded"


class Locks:
    """Locks this process has seen: ("address", address) or ("account", address, username) -> until."""

    def __init__(self):
        self.until = {}
        self.lock = threading.Lock()

    def remaining(self, address, username):
        now = time.monotonic()
        keys = [("address", address)]
        if username is not None:
            keys.append(("account", address, username))
        return max((self.until.get(key, 0.0) - now for key in keys), default=0.0)

    def learn(self, seen):
        """seen: {"address": ..., "username": ..., "account": seconds, "address_seconds": seconds}."""
        now = time.monotonic()
        memory = settings.LOGIN_GATE_MEMORY_SECONDS
        with self.lock:
            if len(self.until) >= MAX_LOCKS:
                self.until = {key: until for key, until in self.until.items() if until > now}
                if len(self.until) >= MAX_LOCKS:
                    self.until.clear()  # only means more posts are decided by Django again
            for key, seconds in (
                (("address", seen["address"]), seen["address_seconds"]),
                (("account", seen["address"], seen["username"]), seen["account"]),
            ):
                if seconds > 0 and key[-1] is not None:
                    self.until[key] = max(self.until.get(key, 0.0), now + min(seconds, memory))

    def clear(self):
        with self.lock:
            self.until.clear()


LOCKS = Locks()
_pages = {}


def page(path, busy, seconds=0):
    """The busy or lockout page (accounts/throttled.html), rendered once per language and minutes."""
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    minutes = 0 if busy else (seconds + 59) // 60
    key = (language, busy, minutes)
    body = _pages.get(key)
    if body is None:
        with translation.override(language):
            context = {"busy": True} if busy else {"busy": False, "minutes": minutes}
            body = _pages[key] = render_to_string("accounts/throttled.html", context).encode()
    return body


def refuse(start_response, path, busy, seconds=5):
    body = page(path, busy, seconds)
    start_response(
        "503 Service Unavailable" if busy else "429 Too Many Requests",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Retry-After", str(seconds)),
            ("Cache-Control", "private, no-store"),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
        ],
    )
    return [body]


def posted_username(environ):
    """The user name field of a small url-encoded form (read, then put back for Django), else None."""
    if not environ.get("CONTENT_TYPE", "").startswith(FORM_TYPE):
        return None
    try:
        length = int(environ.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None
    if not 0 <= length <= MAX_FORM_BYTES:
        return None
    body = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(body)
    field = settings.AXES_USERNAME_FORM_FIELD
    values = [value for name, value in parse_qsl(body.decode("utf-8", "replace")) if name == field]
    return values[-1] if values else None  # as QueryDict.get: the last one


class SignInGate:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") != "POST" or path not in settings.LOGIN_GATED_PATHS:
            return self.app(environ, start_response)
        if path in settings.LOGIN_SIGN_IN_PATHS:
            address = throttle_address(SimpleNamespace(META=environ))
            seconds = LOCKS.remaining(address, posted_username(environ))
            if seconds > 0:
                from vistka.observability.metrics import LOGIN_LOCKOUTS

                LOGIN_LOCKOUTS.inc()
                return refuse(start_response, path, busy=False, seconds=max(1, int(seconds + 0.999)))
        slots = sign_in_slots()
        if not slots.acquire(blocking=False):
            return refuse(start_response, path, busy=True)
        environ[SLOT_HELD] = True
        try:
            response = self.app(environ, start_response)  # Django's: the page is built by now
        finally:
            slots.release()
        seen = environ.get(LOCK_SEEN)
        if seen is not None:
            LOCKS.learn(seen)
        return response
