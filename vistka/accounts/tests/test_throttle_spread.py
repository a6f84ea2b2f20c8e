"""Security review of the sign-in throttle: IPv6 per /64, the per-account slowdown across addresses,
Wagtail's front-end sign-in gated, and refused posts that cannot grow the audit table."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from vistka.accounts import gate
from vistka.accounts.tests.helpers import COUNTING_HASHERS, PASSWORD, CountingHasher, sign_in, signed_in
from vistka.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

EDITOR_HOME = "203.0.113.10"
FRONTEND_LOGINS = ("/_util/login/", "/ru/_util/login/", "/en/_util/login/")


@pytest.fixture
def editor():
    with override_settings(PASSWORD_HASHERS=COUNTING_HASHERS):
        yield get_user_model().objects.create_superuser("editor-uk", "editor-uk@vistka.test", PASSWORD)


def test_twelve_addresses_of_one_ipv6_64_share_the_lock(editor):
    attacker = Client()
    for number in range(1, 13):
        sign_in(attacker, "editor-uk", "wrong", address=f"2001:db8::{number:x}")
    response = sign_in(attacker, "editor-uk", PASSWORD, address="2001:db8::ffff:13")
    assert response.status_code == 429 and not signed_in(attacker)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"2001:db8::"}
    # Another /64 (the editor's own network) is not locked.
    newsroom = Client()
    assert sign_in(newsroom, "editor-uk", PASSWORD, address="2001:db8:0:1::5").status_code == 302


def test_failures_from_many_addresses_slow_the_account_without_locking_its_owner_out(
    editor, settings, smtp_inbox
):
    settings.LOGIN_ACCOUNT_SLOWDOWN_SECONDS = 10
    assert sign_in(Client(), "editor-uk", PASSWORD, address=EDITOR_HOME).status_code == 302  # known
    limit = settings.LOGIN_FAILURES_PER_ACCOUNT_GLOBAL
    for number in range(limit):  # one failure from each address: no per-address lock anywhere
        assert sign_in(Client(), "editor-uk", "wrong", address=f"198.51.100.{number + 1}").status_code == 200
    # Past the limit, one attempt per period for the account from new addresses...
    assert sign_in(Client(), "editor-uk", "wrong", address="192.0.2.1").status_code == 200
    CountingHasher.calls = 0
    attempts = AccessAttempt.objects.count()
    attacker = Client()
    response = sign_in(attacker, "editor-uk", PASSWORD, address="192.0.2.2")
    assert response.status_code == 429 and not signed_in(attacker)
    assert 0 < int(response["Retry-After"]) <= 10
    assert not hasattr(response.wsgi_request, "session")  # answered by the gate
    assert CountingHasher.calls == 0 and AccessAttempt.objects.count() == attempts
    # ... while the owner signs in from an address they have used before.
    newsroom = Client()
    assert sign_in(newsroom, "editor-uk", PASSWORD, address=EDITOR_HOME).status_code == 302
    assert signed_in(newsroom)
    # The owner is told once.
    for number in range(3):
        sign_in(Client(), "editor-uk", "wrong", address=f"192.0.2.{10 + number}")
    [message] = smtp_inbox.wait_for(1)
    assert (
        message["Subject"].strip()
        == "Багато невдалих спроб увійти до вашого облікового запису в редакції Vistka"
    )
    assert "Невдалих спроб: 20." in message.get_content()
    assert len(smtp_inbox.wait_for(2, timeout=0.5)) == 1
    assert AuditEvent.objects.filter(action="auth.sign_in_attempts").count() == 1


def test_the_slowdown_lets_one_attempt_through_per_period(editor, settings):
    settings.LOGIN_ACCOUNT_SLOWDOWN_SECONDS = 1
    for number in range(settings.LOGIN_FAILURES_PER_ACCOUNT_GLOBAL):
        sign_in(Client(), "editor-uk", "wrong", address=f"198.51.100.{number + 1}")
    assert sign_in(Client(), "editor-uk", "wrong", address="192.0.2.1").status_code == 200
    assert sign_in(Client(), "editor-uk", PASSWORD, address="192.0.2.2").status_code == 429
    import time

    time.sleep(1.1)
    client = Client()
    assert sign_in(client, "editor-uk", PASSWORD, address="192.0.2.2").status_code == 302 and signed_in(
        client
    )


@pytest.mark.parametrize("path", FRONTEND_LOGINS)
def test_wagtails_front_end_sign_in_is_gated(editor, path):
    slots = gate.sign_in_slots()
    assert slots.acquire(blocking=False)
    try:
        response = Client().post(
            path, {"username": "editor-uk", "password": PASSWORD}, REMOTE_ADDR=EDITOR_HOME
        )
        assert response.status_code == 503 and response["Retry-After"] == "5"
    finally:
        slots.release()


@pytest.mark.parametrize("path", FRONTEND_LOGINS)
def test_wagtails_front_end_sign_in_is_throttled_like_the_admins(editor, settings, path):
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        Client().post(path, {"username": "editor-uk", "password": "wrong"}, REMOTE_ADDR="198.51.100.66")
    CountingHasher.calls = 0
    response = Client().post(
        path, {"username": "editor-uk", "password": PASSWORD}, REMOTE_ADDR="198.51.100.66"
    )
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert not hasattr(response.wsgi_request, "session")  # refused by the gate, before any hash
    assert CountingHasher.calls == 0
    # The admin's form from that address is locked too: one count for both forms.
    assert sign_in(Client(), "editor-uk", PASSWORD, address="198.51.100.66").status_code == 429


def test_a_login_restricted_page_sends_readers_to_the_admin_sign_in():
    from vistka.reader.tests.builders import home

    PageViewRestriction.objects.create(page=home("uk"), restriction_type=PageViewRestriction.LOGIN)
    response = Client().get("/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=")


def test_rotating_user_names_on_a_locked_address_writes_one_audit_row(settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 8
    client = Client()
    for number in range(8):
        sign_in(client, f"guess{number}", "wrong", address="198.51.100.66")
    for number in range(50):
        assert sign_in(client, f"rotated{number}", "wrong", address="198.51.100.66").status_code == 429
    assert AuditEvent.objects.filter(action="auth.throttled").count() <= 2


@override_settings(WAGTAIL_PASSWORD_RESET_ENABLED=True)
def test_refused_password_resets_with_fifty_addresses_write_one_audit_row(smtp_inbox, settings):
    client = Client()
    for number in range(settings.PASSWORD_RESET_PER_ADDRESS):
        client.post(
            "/admin/password_reset/", {"email": f"x{number}@vistka.test"}, REMOTE_ADDR="198.51.100.66"
        )
    for number in range(50):
        response = client.post(
            "/admin/password_reset/", {"email": f"rotated{number}@vistka.test"}, REMOTE_ADDR="198.51.100.66"
        )
        assert response.status_code == 429
    assert AuditEvent.objects.filter(action="auth.throttled").count() <= 2
