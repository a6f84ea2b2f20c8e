"""A real SMTP server (aiosmtpd) on 127.0.0.1 for tests, and settings pointing Django at it."""

import email
import socket
import threading
import time
from contextlib import contextmanager
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings


class Inbox:
    """Keeps each received message, parsed."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.original_content, policy=default_policy)
        with self.lock:
            self.messages.append(message)
        return "250 OK"

    def wait_for(self, count, timeout=5.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.02)
        return list(self.messages)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def smtp_server(inbox):
    """aiosmtpd with this inbox on a free loopback port; Django's smtp backend sends there."""
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=controller.port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            DEFAULT_FROM_EMAIL="newsroom@vistka.test",
        ):
            yield inbox
    finally:
        controller.stop()


@pytest.fixture
def smtp_inbox():
    with smtp_server(Inbox()) as inbox:
        yield inbox


def body_of(message):
    return message.get_content()
