"""What happens when a factor is passed, added or removed: session, audit trail, e-mail notice."""

import logging

from django_otp import login as otp_login

from vistka.audit.log import record
from vistka.twofactor.factors import kind_of

logger = logging.getLogger(__name__)
FAILURES_SESSION_KEY = "twofactor_failures"


def notify(user, kind, request=None, **context):
    """The accounts app's security notice (it never raises)."""
    from vistka.accounts.notices import send_security_notice

    send_security_notice(user, kind, request=request, **context)


def rotate_session_key(request):
    """A new session key after each factor step; the accounts app's row for this staff session
    (StaffSession, keyed by a hash of the session key) follows it."""
    old_key = request.session.session_key
    request.session.cycle_key()
    try:
        from vistka.accounts.models import StaffSession, hash_session_key
    except ImportError:  # pragma: no cover - the accounts app is not installed
        return
    if old_key:
        StaffSession.objects.filter(key_hash=hash_session_key(old_key)).update(
            key_hash=hash_session_key(request.session.session_key)
        )


def passed(request, device):
    """The second step is done: mark the session verified and give it a new key."""
    otp_login(request, device)
    request.session.pop(FAILURES_SESSION_KEY, None)
    rotate_session_key(request)
    record("twofactor.verified", request=request, data={"factor": kind_of(device)})


def enrolled(request, device):
    rotate_session_key(request)
    record("twofactor.enrolled", request=request, target=device, data={"factor": kind_of(device)})
    notify(request.user, "factor-added", request=request, factor=kind_of(device))


NEW_CODES_SESSION_KEY = "twofactor_new_codes"


def offer_recovery_codes(request):
    """With a first factor come recovery codes, kept in the session until the next page shows them."""
    from vistka.twofactor.factors import has_recovery_codes, new_recovery_codes

    if has_recovery_codes(request.user):
        return False
    request.session[NEW_CODES_SESSION_KEY] = new_recovery_codes(request.user)
    record("twofactor.recovery_codes_generated", request=request)
    return True
