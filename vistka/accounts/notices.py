"""E-mail notices about a staff account's security: new sign-in, password and factor changes.

`send_security_notice(user, kind, request=None, **context)` writes to the user in their admin
language (Wagtail's UserProfile.preferred_language, else Ukrainian). It does nothing when the user
has no e-mail address or the site has no mail configured, and never raises: a notice must not
break the sign-in or the change it reports (failures are logged).

With background=True the message is built in the caller's thread (language, templates: the
database is read there) and only the SMTP exchange runs on a small module-level pool: a sign-in
must not hold the gate's only slot for EMAIL_TIMEOUT seconds while a slow mail server answers.
"""

import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

KINDS = (
    "new-sign-in",
    "password-changed",
    "factor-added",
    "factor-removed",
    "factors-reset",
    "sessions-ended",
    "sign-in-attempts",
)
NOTICE_LANGUAGES = ("uk", "ru", "en")
DEFAULT_LANGUAGE = "uk"
NO_MAIL_BACKENDS = {"django.core.mail.backends.dummy.EmailBackend"}
# At most two SMTP exchanges at once per process; the rest wait in the pool's queue.
mail_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="security-notice")


def mail_configured():
    """True when mail goes somewhere (EMAIL_URL set, or a test's backend)."""
    return settings.EMAIL_BACKEND not in NO_MAIL_BACKENDS


def notice_language(user):
    """The user's admin language, without creating a profile row as UserProfile.get_for_user does."""
    from wagtail.users.models import UserProfile

    language = (
        UserProfile.objects.filter(user_id=user.pk).values_list("preferred_language", flat=True).first()
    )
    language = (language or "").split("-")[0]
    return language if language in NOTICE_LANGUAGES else DEFAULT_LANGUAGE


def request_details(request):
    """Address and device of the request that caused the notice (none without a request)."""
    if request is None:
        return {}
    from vistka.accounts.devices import describe_user_agent

    return {
        "address": getattr(request, "client_ip", None) or request.META.get("REMOTE_ADDR", ""),
        "device": describe_user_agent(request.META.get("HTTP_USER_AGENT", "")),
    }


def sessions_url():
    from django.urls import reverse

    return f"{settings.BASE_URL}{reverse('accounts_my_sessions')}"


def send_message(message, kind, user_pk):
    try:
        message.send()
    except Exception:  # the change itself has happened; a mail server outage must not undo it
        logger.exception("security notice %s to user %s could not be sent", kind, user_pk)
        return False
    return True


def send_security_notice(user, kind, request=None, background=False, **context):
    """Mail `user` the notice `kind` (one of KINDS); returns True when a message was sent (or,
    with background=True, handed to the mail pool)."""
    if kind not in KINDS:
        raise ValueError(f"unknown security notice {kind!r}")
    if not getattr(user, "email", "") or not mail_configured():
        return False
    language = notice_language(user)
    values = {
        "user": user,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "base_url": settings.BASE_URL,
        "admin_url": f"{settings.BASE_URL}/admin/",
        "sessions_url": sessions_url(),
        "when": timezone.localtime(),
        **request_details(request),
        **context,
    }
    with translation.override(language):
        subject = render_to_string(f"accounts/notices/{language}/{kind}.subject.txt", values)
        body = render_to_string(f"accounts/notices/{language}/{kind}.txt", values)
    subject = " ".join(subject.split())  # one line: a newline in a subject is a header injection
    # The connection is made from the settings now, in the caller's thread.
    message = EmailMessage(subject, body, to=[user.email], connection=get_connection(fail_silently=False))
    if background:
        mail_pool.submit(send_message, message, kind, user.pk)
        return True
    return send_message(message, kind, user.pk)
