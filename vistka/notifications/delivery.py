"""Creating notifications and mailing them.

The in-app rows are written in the caller's transaction. Mail is built after that transaction
commits (nothing is mailed about a change that was rolled back) and the SMTP exchange runs on a
small pool: an editor's approve or a reporter's submit never waits for, or fails with, the mail
server. A failure is logged in one line (no traceback: it is an outage, not a bug).
"""

import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import translation

from vistka.accounts.notices import mail_configured
from vistka.newsroom.admin_language import admin_language
from vistka.newsroom.page_permissions import member_locale_ids
from vistka.notifications.kinds import CROSS_EDITION, KINDS, MESSAGES
from vistka.notifications.models import Notification, NotificationPreference

logger = logging.getLogger(__name__)
mail_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notification-mail")


def may_be_told(user, page, kind):
    """Only people of the story's edition hear about it; a published, public story of another
    edition may be announced to others for the kinds that are about that (CROSS_EDITION)."""
    if not user.is_active:
        return False
    if user.is_superuser or page.locale_id in member_locale_ids(user):
        return True
    if kind in CROSS_EDITION:
        from vistka.stories.models import ArticlePage

        return ArticlePage.objects.visible().filter(pk=page.pk).exists()
    return False


def preferences_for(users):
    found = NotificationPreference.objects.filter(user__in=users)
    return {preference.user_id: preference for preference in found}


def send(kind, recipients, page, actor=None):
    """Tell `recipients` (users) about `page`; returns the in-app notifications created."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    unique = {user.pk: user for user in recipients if user is not None}
    if actor is not None:
        unique.pop(actor.pk, None)
    users = [user for user in unique.values() if may_be_told(user, page, kind)]
    if not users:
        return []
    preferences = preferences_for(users)

    def wants(user, channel):
        preference = preferences.get(user.pk)
        return preference is None or kind not in getattr(preference, channel)

    created = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, page_id=page.pk, actor=actor)
        for user in users
        if wants(user, "in_app_off")
    )
    mail_to = [user.pk for user in users if user.email and wants(user, "email_off")]
    if mail_to and mail_configured():
        actor_pk = actor.pk if actor is not None else None
        transaction.on_commit(lambda: mail_after_commit(kind, mail_to, page.pk, actor_pk))
    return created


def actor_name(actor):
    if actor is None:
        return settings.WAGTAIL_SITE_NAME
    return actor.get_full_name() or actor.get_username()


def build_message(kind, user, page, actor):
    from django.template.loader import render_to_string

    # The language the admin speaks to them: their choice, else their edition's (translator-en
    # reads English), else the site's.
    with translation.override(admin_language(user)):
        subject = str(MESSAGES[kind]) % {"actor": actor_name(actor), "title": page.title}
        body = render_to_string(
            "notifications/mail/notification.txt",
            {
                "subject": subject,
                "user": user,
                "edit_url": f"{settings.BASE_URL}/admin/pages/{page.pk}/edit/",
                "list_url": f"{settings.BASE_URL}/admin/notifications/",
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
    subject = " ".join(subject.split())  # one line: a newline in a subject is a header injection
    return EmailMessage(subject, body, to=[user.email])


def mail_after_commit(kind, user_pks, page_pk, actor_pk):
    """Build the messages here (the database is read in the committing thread), send on the pool."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    try:
        page = Page.objects.get(pk=page_pk)
        users = get_user_model().objects.filter(pk__in=user_pks, is_active=True)
        actor = get_user_model().objects.filter(pk=actor_pk).first() if actor_pk else None
        messages = [build_message(kind, user, page, actor) for user in users if user.email]
    except Exception as error:  # noqa: BLE001 (never fail the request that caused the notice)
        logger.warning("notification mail %s for page %s not prepared: %r", kind, page_pk, error)
        return
    if messages:
        mail_pool.submit(send_messages, messages, kind, page_pk)


def send_messages(messages, kind, page_pk):
    try:
        sent = get_connection(fail_silently=False).send_messages(messages)
    except Exception as error:  # noqa: BLE001 (a mail outage is logged, the newsroom carries on)
        logger.warning(
            "notification mail %s for page %s not sent (%d recipients): %r",
            kind,
            page_pk,
            len(messages),
            error,
        )
        return 0
    return sent
