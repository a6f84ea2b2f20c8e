"""Sign-in throttling with django-axes: per account+address and per address, growing delays.

Axes records each failed sign-in (AccessAttempt: username, address, user agent, failures).
This handler decides the lock from those rows:

- an account from one address is locked after LOGIN_FAILURES_PER_ACCOUNT failures, so an attacker
  who knows an editor's user name cannot lock the editor out from another address;
- an address is locked after LOGIN_FAILURES_PER_ADDRESS failures across user names;
- each lock lasts LOGIN_THROTTLE_BASE_SECONDS, doubling with every failure past the limit, up to
  LOGIN_THROTTLE_MAX_SECONDS (never permanent); failures are forgotten
  LOGIN_FAILURE_MEMORY_SECONDS after the last one, or when the account signs in from that address.

IPv6 clients are counted per /64 (client_ip.throttle_address), not per address.

Across addresses, an account is only slowed, never locked: once it has
LOGIN_FAILURES_PER_ACCOUNT_GLOBAL failures within the memory from all addresses together, attempts
for it from an address it has never signed in from (no SignInDevice row) are allowed at most once
per LOGIN_ACCOUNT_SLOWDOWN_SECONDS per account (the rest: 429 before any hash), and its owner is
mailed once ("sign-in-attempts"). The trade-off: a hard lock per account would let anyone who knows
an editor's user name lock the editor out; the slowdown caps a botnet spraying one account from
thousands of addresses at 8,640 guesses a day, while the editor signs in as usual from any address
they have used before (from a new address they may have to wait those seconds).

A locked attempt is refused by ThrottleBackend before any password is hashed and is not written
to the database (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False), so a flood costs a query.
"""

import hashlib
import threading
import time
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q
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

    def failure_rows(self, request, credentials, username):
        """One query: this address's rows (any user name) and this account's rows (any address)."""
        since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_MEMORY_SECONDS)
        rows = AccessAttempt.objects.filter(
            Q(ip_address=request.axes_ip_address) | Q(username=username), attempt_time__gte=since
        ).values_list("ip_address", "username", "failures_since_start", "attempt_time")
        address_rows, everywhere = [], 0
        for address, name, failures, at in rows:
            if name == username:
                everywhere += failures
            if address == request.axes_ip_address:
                address_rows.append((name, failures, at))
        return address_rows, everywhere

    def lock_state(self, request, credentials=None):
        """(seconds still locked, failures of this account from this address); also notes on the
        request the account's failures from all addresses (for account_slowdown)."""
        username = get_client_username(request, credentials)
        rows, request.account_failures_everywhere = self.failure_rows(request, credentials, username)
        now = timezone.now()
        account_rows = [row for row in rows if row[0] == username]
        account_failures = sum(row[1] for row in account_rows)
        parts = {"account": 0.0, "address": 0.0}  # the WSGI gate remembers each (wsgi_gate)
        for scope, subset, limit in (
            ("account", account_rows, settings.LOGIN_FAILURES_PER_ACCOUNT),
            ("address", rows, settings.LOGIN_FAILURES_PER_ADDRESS),
        ):
            if not subset:
                continue
            failures = sum(row[1] for row in subset)
            until = max(row[2] for row in subset) + timedelta(seconds=lock_seconds(failures, limit))
            parts[scope] = max(0.0, (until - now).total_seconds())
        request.sign_in_lock_parts = parts
        return max(parts.values()), account_failures

    def is_locked(self, request, credentials=None):
        remaining, _failures = self.lock_state(request, credentials)
        if remaining <= 0:
            remaining = account_slowdown(request, get_client_username(request, credentials))
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


def account_key(prefix, username):
    return f"accounts:{prefix}:" + hashlib.sha256(username.encode()).hexdigest()[:32]


def known_address(username, address):
    """Has this account signed in from this address before?"""
    from vistka.accounts.models import SignInDevice

    if not address:
        return False
    field = get_user_model().USERNAME_FIELD
    return SignInDevice.objects.filter(**{f"user__{field}": username}, address=address).exists()


def account_slowdown(request, username):
    """Seconds this attempt must wait under the per-account slowdown (0: it may go on).

    Decided once per request (the gate, then the backend, ask): the attempt let through takes the
    account's slot for LOGIN_ACCOUNT_SLOWDOWN_SECONDS. Call after lock_state (which counts)."""
    decided = getattr(request, "account_slowdown_seconds", None)
    if decided is not None:
        return decided
    from vistka.accounts.client_ip import client_ip

    seconds = 0.0
    failures = getattr(request, "account_failures_everywhere", 0)
    if username and failures >= settings.LOGIN_FAILURES_PER_ACCOUNT_GLOBAL:
        notify_owner_once(username, failures)
        if not known_address(username, client_ip(request)):
            period = settings.LOGIN_ACCOUNT_SLOWDOWN_SECONDS
            key = account_key("slowdown", username)
            until = time.time() + period
            if not cache.add(key, until, period):
                seconds = max(0.001, (cache.get(key) or until) - time.time())
    request.account_slowdown_seconds = seconds
    return seconds


def notify_owner_once(username, failures):
    """Mail and audit "many failed sign-ins" once per account per failure memory."""
    if not cache.add(account_key("attempts-notice", username), 1, settings.LOGIN_FAILURE_MEMORY_SECONDS):
        return
    from vistka.accounts.notices import send_security_notice
    from vistka.audit.log import record

    user = get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).first()
    if user is None:
        return
    record("auth.sign_in_attempts", target=user, actor_name=username[:150], data={"failures": failures})
    send_security_notice(
        user,
        "sign-in-attempts",
        background=True,
        failures=failures,
        slowdown_seconds=settings.LOGIN_ACCOUNT_SLOWDOWN_SECONDS,
    )


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
