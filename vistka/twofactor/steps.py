"""What happens when a factor is passed, added or removed: session, audit trail, e-mail notice."""

import logging
import time

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
    """A new session key after each factor step. The accounts app's StaffSession row needs no
    update: it is keyed by the hash of the session's own id (vistka_session_id), which the new
    key keeps."""
    request.session.cycle_key()


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
# New recovery codes wait in the session only this long for the page that shows them.
NEW_CODES_KEPT_SECONDS = 300


def keep_new_codes(request, codes):
    """Keep freshly made codes in the session, with the time, for the next page to show them once."""
    request.session[NEW_CODES_SESSION_KEY] = {"codes": codes, "at": time.time()}


def take_new_codes(request):
    """The codes waiting to be shown, removed from the session; None when there are none or they
    waited longer than NEW_CODES_KEPT_SECONDS."""
    kept = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not isinstance(kept, dict) or time.time() - kept.get("at", 0) > NEW_CODES_KEPT_SECONDS:
        return None
    return kept.get("codes") or None


def drop_stale_codes(session):
    """Remove codes nobody came to see in time (called on every guarded request that loads the session)."""
    kept = session.get(NEW_CODES_SESSION_KEY)
    if kept is not None and (
        not isinstance(kept, dict) or time.time() - kept.get("at", 0) > NEW_CODES_KEPT_SECONDS
    ):
        del session[NEW_CODES_SESSION_KEY]


def offer_recovery_codes(request):
    """With a first factor come recovery codes, kept in the session until the next page shows them."""
    from vistka.twofactor.factors import has_recovery_codes, new_recovery_codes

    if has_recovery_codes(request.user):
        return False
    keep_new_codes(request, new_recovery_codes(request.user))
    record("twofactor.recovery_codes_generated", request=request)
    return True
