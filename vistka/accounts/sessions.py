"""Staff sessions: a row per signed-in browser, idle and absolute expiry, ending sessions.

Only staff addresses (STAFF_PATH_PREFIXES) look at the session at all: reader pages never load
it, so they stay cacheable and cheap. Elsewhere (restricted reader pages, documents, Wagtail's
front-end login) vistka.twofactor.middleware.SignedInOutsideMiddleware applies current_row()
when a view asks for the user.
"""

import secrets
import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone

from vistka.accounts.client_ip import client_ip
from vistka.accounts.models import StaffSession, hash_session_key

STARTED = "vistka_signed_in_at"
SEEN = "vistka_seen_at"
# A random id per sign-in, kept in the session: it survives the key changes Django makes
# (update_session_auth_hash() cycles the key on a password change) and, unlike the key, gives
# nothing to whoever reads the table; the table keeps only its hash.
SESSION_ID = "vistka_session_id"
SEEN_EVERY = 60  # seconds between writes of "last seen" for one session


def start(request, user):
    """At sign-in (the key has just been cycled by login()): stamp the session, add its row."""
    now = time.time()
    request.session[STARTED] = now
    request.session[SEEN] = now
    request.session[SESSION_ID] = secrets.token_urlsafe(32)
    moment = timezone.now()
    StaffSession.objects.update_or_create(
        key_hash=row_key(request.session),
        defaults={
            "user": user,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:512],
            "address": client_ip(request),
            "created": moment,
            "last_seen": moment,
        },
    )


def row_key(session):
    """The hash under which the session's row is kept ('' when it has none)."""
    session_id = session.get(SESSION_ID)
    return hash_session_key(session_id) if session_id else ""


def end(request):
    """At sign-out: forget the row of this session."""
    session = getattr(request, "session", None)
    if session is not None and session.get(SESSION_ID):
        StaffSession.objects.filter(key_hash=row_key(session)).delete()


def end_sessions(rows):
    """End the given StaffSession rows and return how many: without its row a session is signed
    out at its next staff request (the middleware), whatever the session store."""
    return StaffSession.objects.filter(pk__in=[row.pk for row in rows]).delete()[0]


def current_row(session, user):
    """The StaffSession row of a signed-in session that is still valid, or None: not ended
    (its row exists, for this user), idle no longer than STAFF_SESSION_IDLE_SECONDS, younger than
    STAFF_SESSION_MAX_SECONDS. Reads only (one query)."""
    now = time.time()
    started = session.get(STARTED)
    seen = session.get(SEEN)
    if (
        started is None
        or seen is None
        or now - started > settings.STAFF_SESSION_MAX_SECONDS
        or now - seen > settings.STAFF_SESSION_IDLE_SECONDS
    ):
        return None
    key = row_key(session)
    row = StaffSession.objects.filter(key_hash=key).first() if key else None
    if row is None or row.user_id != user.pk:
        return None
    return row


class StaffSessionMiddleware:
    """After AuthenticationMiddleware: on staff addresses, signs out a session that has been idle
    longer than STAFF_SESSION_IDLE_SECONDS, is older than STAFF_SESSION_MAX_SECONDS or was ended
    elsewhere, and notes "last seen" at most once a minute."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(settings.STAFF_PATH_PREFIXES) and (
            settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            self.check(request)
        return self.get_response(request)

    def check(self, request):
        user = request.user
        if not user.is_authenticated:
            return
        row = current_row(request.session, user)
        if row is None:
            logout(request)
            return
        now = time.time()
        if now - request.session[SEEN] >= SEEN_EVERY:
            request.session[SEEN] = now
            address = client_ip(request)
            StaffSession.objects.filter(pk=row.pk).update(last_seen=timezone.now(), address=address)
