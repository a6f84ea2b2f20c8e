"""Security notices: the link in them opens the sessions page; a slow mail server does not hold
the sign-in (the SMTP exchange runs after the gate's slot is released)."""

import asyncio
import re
import time
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from vistka.accounts.notices import send_security_notice
from vistka.accounts.tests.helpers import PASSWORD, SAFARI_IPHONE, browser, sign_in, signed_in
from vistka.accounts.tests.smtp import Inbox, smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editor-uk", "editor-uk@vistka.test", PASSWORD)


class SlowInbox(Inbox):
    """Answers the message after three seconds (a mail server under load)."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        await asyncio.sleep(3)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp_inbox():
    with smtp_server(SlowInbox()) as inbox:
        yield inbox
        inbox.wait_for(1, timeout=5)  # the pool's send finishes before the server stops


@pytest.mark.parametrize("kind", ["password-changed", "new-sign-in", "sign-in-attempts"])
def test_the_if_this_was_not_you_link_opens_the_sessions_page(editor, smtp_inbox, settings, kind):
    send_security_notice(editor, kind, failures=20, slowdown_seconds=10)
    [message] = smtp_inbox.wait_for(1)
    link = re.findall(r"https?://\S+", message.get_content())[-1]  # "If this was not you…: <link>"
    assert link.startswith(settings.BASE_URL + "/")
    client = browser()
    assert sign_in(client, "editor-uk", PASSWORD).status_code == 302 and signed_in(client)
    response = client.get(urlsplit(link).path)
    assert response.status_code == 200
    assert "accounts/sessions.html" in [template.name for template in response.templates]


def test_a_slow_mail_server_does_not_hold_the_sign_in(
    editor, slow_smtp_inbox, django_capture_on_commit_callbacks
):
    sign_in(browser(), "editor-uk", PASSWORD)  # the first sign-in ever: no notice
    phone = browser("198.51.100.7", SAFARI_IPHONE)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(phone, "editor-uk", PASSWORD, address="198.51.100.7", user_agent=SAFARI_IPHONE)
    took = time.monotonic() - started
    assert response.status_code == 302 and signed_in(phone)
    assert took < 1.5, f"the sign-in took {took:.2f} s"
    [message] = slow_smtp_inbox.wait_for(1, timeout=6)
    assert message["Subject"].strip() == "Новий вхід до редакції Vistka"
