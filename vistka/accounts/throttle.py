"""Sign-in throttling with django-axes: per account+address and per address, growing delays.

Axes records each failed sign-in (AccessAttempt: username, address, user agent, failures).
This handler decides the lock from those rows:

- an account from one address is locked after LOGIN_FAILURES_PER_ACCOUNT failures, so an attacker
  who knows an editor's user name cannot lock the editor out from another address;
- an address is locked after LOGIN_FAILURES_PER_ADDRESS failures across user names;
- each lock lasts LOGIN_THROTTLE_BASE_SECONDS, doubling with every failure past the limit, up to
  LOGIN_THROTTLE_MAX_SECONDS (never permanent); failures are forgotten
  LOGIN_FAILURE_MEMORY_SECONDS after the last one, or when the account signs in from that address.

A locked attempt is refused by ThrottleBackend before any password is hashed and is not written
to the database (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False), so a flood costs a query.
"""

import threading
import time
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone


def lock_seconds(failures, limit):
    """How long `failures` (of which `limit` are allowed) lock out, after the last of them."""
    if failures < limit:
        return 0
    excess = min(failures - limit, 30)  # 2**30 s is far past any cap
    return min(settings.LOGIN_THROTTLE_BASE_SECONDS * 2**excess, settings.LOGIN_THROTTLE_MAX_SECONDS)


class ThrottleHandler(AxesDatabaseHandler):
    """AXES_HANDLER: axes' database records, with per-account and per-address locks that grow."""

    _last_clean = 0.0

    def failure_rows(self, request, credentials):
        since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_MEMORY_SECONDS)
        return list(
            AccessAttempt.objects.filter(
                ip_address=request.axes_ip_address, attempt_time__gte=since
            ).values_list("username", "failures_since_start", "attempt_time")
        )

    def lock_state(self, request, credentials=None):
        """(seconds still locked, failures of this account from this address)."""
        username = get_client_username(request, credentials)
        rows = self.failure_rows(request, credentials)
        now = timezone.now()
        account_rows = [row for row in rows if row[0] == username]
        account_failures = sum(row[1] for row in account_rows)
        remaining = 0.0
        for subset, limit in (
            (account_rows, settings.LOGIN_FAILURES_PER_ACCOUNT),
            (rows, settings.LOGIN_FAILURES_PER_ADDRESS),
        ):
            if not subset:
                continue
            failures = sum(row[1] for row in subset)
            until = max(row[2] for row in subset) + timedelta(seconds=lock_seconds(failures, limit))
            remaining = max(remaining, (until - now).total_seconds())
        return remaining, account_failures

    def is_locked(self, request, credentials=None):
        remaining, _failures = self.lock_state(request, credentials)
        request.sign_in_locked_seconds = remaining
        return remaining > 0

    def get_failures(self, request, credentials=None):
        """Axes locks right after a failure when this reaches AXES_FAILURE_LIMIT (the per-account limit)."""
        remaining, failures = self.lock_state(request, credentials)
        request.sign_in_locked_seconds = remaining
        if remaining > 0:
            return max(failures, settings.LOGIN_FAILURES_PER_ACCOUNT)
        return failures

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None and getattr(request, "password_check_busy", False):
            # Refused for load, not for a wrong password: not counted, answered as busy.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            return
        super().user_login_failed(sender, credentials, request=request, **kwargs)

    def clean_expired_user_attempts(self, request=None, credentials=None):
        """Forget failures older than the memory, at most once a minute per process."""
        now = time.monotonic()
        if now - ThrottleHandler._last_clean < 60:
            return 0
        ThrottleHandler._last_clean = now
        since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_MEMORY_SECONDS)
        count, _ = AccessAttempt.objects.filter(attempt_time__lt=since).delete()
        return count


def cool_off(request):
    """AXES_COOLOFF_TIME: the lock this request is under (grows with failures); axes shows it."""
    seconds = getattr(request, "sign_in_locked_seconds", None)
    if seconds is None:
        return timedelta(seconds=settings.LOGIN_THROTTLE_BASE_SECONDS)
    return timedelta(seconds=max(1, int(seconds + 0.999)))


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a 429 page saying how long to wait (the gate's 503 when only busy)."""
    if getattr(request, "password_check_busy", False):
        from vistka.accounts.gate import busy_response

        return busy_response(request)
    seconds = max(1, int(getattr(request, "sign_in_locked_seconds", 0) + 0.999))
    page = render_to_string("accounts/throttled.html", {"busy": False, "minutes": (seconds + 59) // 60})
    response = HttpResponse(page, status=429)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "private, no-store"
    response._has_been_logged = True  # no "Too Many Requests" log line per refused post (audited)
    return response


class ThrottleBackend(AxesStandaloneBackend):
    """First in AUTHENTICATION_BACKENDS: refuses a locked sign-in before any backend hashes.

    authenticate() without a request (Django's test client login(), management commands) is
    not an attempt from a client and is not throttled: axes would raise instead."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


_password_checks = None
_setup_lock = threading.Lock()


def password_check_slots():
    global _password_checks
    if _password_checks is None:
        with _setup_lock:
            if _password_checks is None:
                _password_checks = threading.BoundedSemaphore(settings.LOGIN_CONCURRENT_PASSWORD_CHECKS)
    return _password_checks


class PasswordBackend(ModelBackend):
    """ModelBackend checking at most LOGIN_CONCURRENT_PASSWORD_CHECKS passwords at once per process.

    A password hash takes a CPU for a fraction of a second (the hash itself releases the GIL).
    An attempt finding every slot taken is refused at once (503, Retry-After) without hashing
    and without counting as a failure. (Hashing on a nice-19 thread was tried and dropped: under
    CPU contention the low-priority thread was descheduled while holding the GIL, and reader
    requests of the same process waited for it: p99 over a second.)"""

    def authenticate(self, request, username=None, password=None, **kwargs):
        slots = password_check_slots()
        if not slots.acquire(blocking=False):
            if request is not None:
                request.password_check_busy = True
            raise PermissionDenied("too many concurrent password checks")
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        finally:
            slots.release()
