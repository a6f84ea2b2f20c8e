"""The staff marker: the one cookie that lets a request for a public page past the caches.

Readers' cookies (a `sessionid=<anything>`, analytics, a session of a signed-in reader) must not
make the fast path or Varnish render a page: they are served the shared anonymous copy. Staff
need Django for public pages (restricted pages they may see, the userbar), so a browser with a
valid staff session carries `vistka_staff`: signed (django.core.signing, its own salt), bound to
the session it was issued for (a keyed hash of the session key, which arrives in the same Cookie
header) and expiring no later than the staff session may live. Checking it costs an HMAC and a
hash, no database: `valid_in(cookie_header)`.

StaffMarkerMiddleware issues it on responses to a signed-in staff member whose staff session is
valid (and who passed the second step where required), renews it when the session key changes
and deletes it on sign-out or whenever a request carrying it has no valid staff session.

Checking that costs the session, the user and the staff-session row (four queries), so on reader
pages a marker confirmed within CONFIRMED_SECONDS is taken as it is: a plain page then reads no
session, as for anyone (a view that needs the user still checks it: SignedInOutsideMiddleware).
Any staff session ending forgets every confirmation (a generation in the cache), so an ended
session's marker goes at its next reader page.
"""

import hashlib
import hmac
import json
import re
import time
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db.models.signals import post_delete
from django.http.cookie import parse_cookie
from django.utils.crypto import constant_time_compare

COOKIE = "vistka_staff"
SALT = "vistka.delivery.staff_marker"
# What signing.dumps gives: base64url payload, timestamp and SHA-256 signature, ':'-separated.
_SHAPE = re.compile(r"[A-Za-z0-9_-]{8,400}:[A-Za-z0-9]{1,12}:[A-Za-z0-9_-]{43}\Z")
CONFIRMED_SECONDS = 60  # a confirmed marker is taken on reader pages this long
_CONFIRMED = "vistka:staff-marker:confirmed:"
_GENERATION = "vistka:staff-marker:generation"


@lru_cache(maxsize=4)
def _binding_key(secret):
    return hashlib.sha256(f"{SALT}.session{secret}".encode()).digest()


def session_binding(session_key):
    """A keyed hash of the session key (HMAC-SHA256 under a key derived from SECRET_KEY): the
    marker names its session without carrying the key."""
    key = _binding_key(settings.SECRET_KEY)
    return hmac.digest(key, (session_key or "").encode(), "sha256").hex()[:32]


def _claims(value):
    """The unverified payload of a marker ({"s": binding, "e": expiry}) or None: a cheap look
    that turns away forged values before the signature is checked."""
    if not _SHAPE.match(value):
        return None
    payload, _, _rest = value.partition(":")
    try:
        data = json.loads(signing.b64_decode(payload.encode()))
    except (ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def issue(session_key, started=None, now=None):
    """(value, seconds it lives) of a marker for this session; it ends when the staff session's
    absolute limit (STAFF_SESSION_MAX_SECONDS after sign-in) does."""
    now = time.time() if now is None else now
    limit = settings.STAFF_SESSION_MAX_SECONDS
    expires = int(min(now + limit, (started or now) + limit))
    value = signing.dumps({"s": session_binding(session_key), "e": expires}, salt=SALT, compress=False)
    return value, max(0, expires - int(now))


def read(value, session_key, now=None):
    """The marker's expiry (epoch seconds) when `value` is a genuine, unexpired marker of the
    session `session_key`; None otherwise."""
    if not value or not session_key or len(value) > 512:
        return None
    claims = _claims(value)
    if claims is None:
        return None
    expires, binding = claims.get("e"), claims.get("s")
    now = time.time() if now is None else now
    if not isinstance(expires, int) or expires <= now or not isinstance(binding, str):
        return None
    if not constant_time_compare(binding, session_binding(session_key)):
        return None
    try:  # only now the signature (and its timestamp): the claims are the signed ones
        data = signing.loads(value, salt=SALT, max_age=settings.STAFF_SESSION_MAX_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return expires if data == claims else None


def valid_in(cookie_header):
    """Whether the Cookie header carries a genuine marker for the session cookie beside it (read
    as Django reads cookies)."""
    if not cookie_header or COOKIE not in cookie_header:
        return False
    cookies = parse_cookie(cookie_header)
    return read(cookies.get(COOKIE), cookies.get(settings.SESSION_COOKIE_NAME)) is not None


def _confirmed_key(session_key):
    return _CONFIRMED + session_binding(session_key)


def confirm(session_key):
    """Note that this session's marker was found to belong to a valid staff session."""
    cache.set(_confirmed_key(session_key), cache.get(_GENERATION, 0), CONFIRMED_SECONDS)


def recently_confirmed(session_key):
    """Confirmed within CONFIRMED_SECONDS and no staff session ended since (one cache read)."""
    key = _confirmed_key(session_key)
    found = cache.get_many([key, _GENERATION])
    return key in found and found[key] == found.get(_GENERATION, 0)


def _staff_session_ended(sender, **kwargs):
    try:
        cache.incr(_GENERATION)
    except ValueError:  # not there yet (or evicted): any new value unconfirms all
        cache.set(_GENERATION, time.time_ns(), None)


post_delete.connect(_staff_session_ended, sender="accounts.StaffSession", dispatch_uid=_GENERATION)


def is_staff_session(request):
    """The request's user is staff with a valid staff session (and the second step passed where
    it is required): what the reader side itself would treat as signed in."""
    from vistka.twofactor.middleware import user_outside_newsroom

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not hasattr(user, "is_verified"):
        # Signed in by this very request (login() set a plain User, after django-otp's middleware
        # ran): the password only, no second step yet.
        user.is_verified = lambda: False
    if not user_outside_newsroom(request, user).is_authenticated:
        return False
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


class StaffMarkerMiddleware:
    """After the session, authentication and staff-session middleware: keeps the marker in step
    with the staff session. Reader requests without the marker or a session are not looked at
    (nothing loads their session)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        marker = request.COOKIES.get(COOKIE)
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        on_staff_paths = request.path_info.startswith(tuple(settings.STAFF_PATH_PREFIXES))
        if marker is None and not (on_staff_paths and has_session) and not self._signed_in_now(request):
            return response
        if COOKIE in response.cookies:
            return response
        session = getattr(request, "session", None)
        if session is None:
            return response
        genuine = marker is not None and read(marker, session.session_key) is not None
        if genuine and not on_staff_paths and recently_confirmed(session.session_key):
            return response  # nothing loaded: a plain reader page stays as cheap as a reader's
        user = request.user  # outside the newsroom: anonymous unless the staff session is valid
        if genuine and user.is_authenticated:
            confirm(session.session_key)
            return response  # still this session's; an ended session is signed out, then deleted
        if is_staff_session(request):
            self.set_marker(response, session)
        elif marker is not None:
            self.delete(response)
        return response

    @staticmethod
    def _signed_in_now(request):
        """A sign-in in this request (the login view cycled the session) on any path."""
        session = getattr(request, "session", None)
        return session is not None and session.modified and getattr(request, "user", None) is not None

    @staticmethod
    def set_marker(response, session):
        from vistka.accounts.sessions import STARTED

        if not session.session_key:
            session.save()
        value, max_age = issue(session.session_key, session.get(STARTED))
        confirm(session.session_key)
        response.set_cookie(
            COOKIE,
            value,
            max_age=max_age,
            path="/",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )

    @staticmethod
    def delete(response):
        response.delete_cookie(COOKIE, path="/", samesite="Lax")
