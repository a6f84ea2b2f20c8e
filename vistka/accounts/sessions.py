"""Staff sessions: a row per signed-in browser, idle and absolute expiry, ending sessions.

Only staff addresses (STAFF_PATH_PREFIXES) look at the session at all: reader pages never load
it, so they stay cacheable and cheap.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone
from django.utils.module_loading import import_string

from vistka.accounts.client_ip import client_ip
from vistka.accounts.models import StaffSession, hash_session_key

STARTED = "vistka_signed_in_at"
SEEN = "vistka_seen_at"
SEEN_EVERY = 60  # seconds between writes of "last seen" for one session
DATABASE_ENGINES = ("django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db")


def session_store():
    return import_string(settings.SESSION_ENGINE).SessionStore


def start(request, user):
    """At sign-in (the key has just been cycled by login()): stamp the session, add its row."""
    now = time.time()
    request.session[STARTED] = now
    request.session[SEEN] = now
    if request.session.session_key is None:
        request.session.save()
    moment = timezone.now()
    StaffSession.objects.update_or_create(
        key_hash=hash_session_key(request.session.session_key),
        defaults={
            "user": user,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:512],
            "address": client_ip(request),
            "created": moment,
            "last_seen": moment,
        },
    )


def end(request):
    """At sign-out: forget the row of this session."""
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        StaffSession.objects.filter(key_hash=hash_session_key(session.session_key)).delete()


def end_sessions(rows):
    """End the given StaffSession rows and return how many. The row goes (the middleware signs out
    a session without one at its next staff request) and so does the session in the database
    store, found by hashing the keys of the unexpired sessions (staff only: readers have none)."""
    rows = list(rows)
    hashes = {row.key_hash for row in rows}
    if hashes and settings.SESSION_ENGINE in DATABASE_ENGINES:
        from django.contrib.sessions.models import Session

        store = session_store()
        live = Session.objects.filter(expire_date__gt=timezone.now()).values_list("session_key", flat=True)
        for key in live.iterator():
            if hash_session_key(key) in hashes:
                store(session_key=key).delete()
    StaffSession.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


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
        session = request.session
        now = time.time()
        started = session.get(STARTED)
        seen = session.get(SEEN)
        row = StaffSession.objects.filter(key_hash=hash_session_key(session.session_key or "")).first()
        if (
            row is None
            or row.user_id != user.pk
            or started is None
            or seen is None
            or now - started > settings.STAFF_SESSION_MAX_SECONDS
            or now - seen > settings.STAFF_SESSION_IDLE_SECONDS
        ):
            logout(request)
            return
        if now - seen >= SEEN_EVERY:
            session[SEEN] = now
            address = client_ip(request)
            StaffSession.objects.filter(pk=row.pk).update(last_seen=timezone.now(), address=address)
