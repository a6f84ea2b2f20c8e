"""Sign-in throttling: per account and address, per address, growing, before any hashing."""

import threading
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from vistka.accounts import throttle
from vistka.accounts.tests.helpers import COUNTING_HASHERS, PASSWORD, CountingHasher, sign_in, signed_in
from vistka.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ATTACKER = "198.51.100.66"
EDITOR_HOME = "203.0.113.10"


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editor", "editor@vistka.test", PASSWORD)


def test_fifty_wrong_passwords_then_the_right_one_does_not_sign_in(editor):
    client = Client()
    for _ in range(50):
        sign_in(client, "editor", "wrong", address=ATTACKER)
    response = sign_in(client, "editor", PASSWORD, address=ATTACKER)
    assert response.status_code == 429
    assert not signed_in(client)
    assert "Retry-After" in response


def test_lock_is_per_account_and_address_so_the_editor_still_signs_in(editor):
    attacker = Client()
    for _ in range(20):
        sign_in(attacker, "editor", "wrong", address=ATTACKER)
    assert sign_in(attacker, "editor", PASSWORD, address=ATTACKER).status_code == 429
    newsroom = Client()
    response = sign_in(newsroom, "editor", PASSWORD, address=EDITOR_HOME)
    assert response.status_code == 302 and signed_in(newsroom)


def test_lock_starts_at_the_limit(editor, settings):
    client = Client()
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT - 1):
        assert sign_in(client, "editor", "wrong", address=ATTACKER).status_code == 200  # the form again
    assert sign_in(client, "editor", "wrong", address=ATTACKER).status_code == 429
    assert sign_in(client, "editor", PASSWORD, address=ATTACKER).status_code == 429


def test_an_address_trying_many_accounts_is_locked(editor, settings):
    client = Client()
    for number in range(settings.LOGIN_FAILURES_PER_ADDRESS):
        sign_in(client, f"someone{number % 7}", "wrong", address=ATTACKER)
    # Fewer than the per-account limit on "editor" itself, but the address is locked.
    response = sign_in(client, "editor", PASSWORD, address=ATTACKER)
    assert response.status_code == 429 and not signed_in(client)


def test_the_lock_grows_with_each_failure_after_it_and_ends(editor, settings):
    client = Client()
    limit = settings.LOGIN_FAILURES_PER_ACCOUNT
    base = settings.LOGIN_THROTTLE_BASE_SECONDS
    for _ in range(limit):
        sign_in(client, "editor", "wrong", address=ATTACKER)
    handler = throttle.ThrottleHandler()

    def remaining():
        request = sign_in(client, "editor", PASSWORD, address=ATTACKER).wsgi_request
        return request.sign_in_locked_seconds

    assert base - 5 < remaining() <= base
    # The lock has passed: the failures are remembered, one more locks for twice as long.
    last = AccessAttempt.objects.get().attempt_time
    AccessAttempt.objects.update(attempt_time=last - timedelta(seconds=base + 1))
    assert sign_in(client, "editor", "wrong", address=ATTACKER).status_code == 429
    assert 2 * base - 5 < remaining() <= 2 * base
    assert handler is not None
    # Never permanent: capped, and over once the cap has passed.
    assert throttle.lock_seconds(limit + 100, limit) == settings.LOGIN_THROTTLE_MAX_SECONDS
    AccessAttempt.objects.update(failures_since_start=limit + 100)
    last = AccessAttempt.objects.get().attempt_time
    AccessAttempt.objects.update(attempt_time=last - timedelta(seconds=settings.LOGIN_THROTTLE_MAX_SECONDS))
    assert sign_in(client, "editor", PASSWORD, address=ATTACKER).status_code == 302


@override_settings(PASSWORD_HASHERS=COUNTING_HASHERS)
def test_a_refused_attempt_hashes_no_password_and_writes_nothing(settings):
    get_user_model().objects.create_user("editor", "editor@vistka.test", PASSWORD)
    client = Client()
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        sign_in(client, "editor", "wrong", address=ATTACKER)
    CountingHasher.calls = 0
    failures = AccessAttempt.objects.get().failures_since_start
    for _ in range(10):
        assert sign_in(client, "editor", "wrong", address=ATTACKER).status_code == 429
        assert sign_in(client, "nobody", "wrong", address=ATTACKER).status_code in (200, 429)
    # "nobody" costs a hash until its own limit; "editor" costs none once locked.
    calls_for_nobody = settings.LOGIN_FAILURES_PER_ACCOUNT
    assert CountingHasher.calls == calls_for_nobody
    assert AccessAttempt.objects.get(username="editor").failures_since_start == failures


def test_throttling_is_audited_once_a_minute(editor, settings):
    client = Client()
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT + 10):
        sign_in(client, "editor", "wrong", address=ATTACKER)
    events = AuditEvent.objects.filter(action="auth.throttled")
    assert events.count() == 1
    event = events.get()
    assert event.ip_address == ATTACKER and event.data["username"] == "editor"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_proxy_each_client_is_throttled_by_its_own_address(editor, settings):
    """Varnish (127.0.0.1) appends the client's address; what the client wrote is not believed."""
    attacker = Client()
    for number in range(settings.LOGIN_FAILURES_PER_ACCOUNT + 3):
        # A fresh made-up address each time on the left: the rightmost untrusted one counts.
        forwarded = f"10.9.9.{number}, {ATTACKER}"
        sign_in(attacker, "editor", "wrong", address="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    response = sign_in(attacker, "editor", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR=ATTACKER)
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    newsroom = Client()
    response = sign_in(newsroom, "editor", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR=EDITOR_HOME)
    assert response.status_code == 302


def test_a_header_from_an_untrusted_client_is_ignored(editor, settings):
    attacker = Client()
    for number in range(settings.LOGIN_FAILURES_PER_ACCOUNT + 3):
        sign_in(attacker, "editor", "wrong", address=ATTACKER, HTTP_X_FORWARDED_FOR=f"10.9.9.{number}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    assert sign_in(attacker, "editor", PASSWORD, address=ATTACKER).status_code == 429


def test_a_successful_sign_in_forgets_the_accounts_failures_from_that_address(editor, settings):
    client = Client()
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT - 1):
        sign_in(client, "editor", "wrong", address=EDITOR_HOME)
    assert sign_in(client, "editor", PASSWORD, address=EDITOR_HOME).status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()


def test_busy_password_checks_are_refused_without_hashing_or_counting(editor):
    slots = throttle.password_check_slots()
    held = [slots.acquire(blocking=False) for _ in range(10)]
    try:
        client = Client()
        response = sign_in(client, "editor", PASSWORD, address=EDITOR_HOME)
        assert response.status_code == 503 and response["Retry-After"] == "5"
        assert not AccessAttempt.objects.exists()
    finally:
        for acquired in held:
            if acquired:
                slots.release()
    assert sign_in(Client(), "editor", PASSWORD, address=EDITOR_HOME).status_code == 302


def test_concurrent_password_checks_are_bounded_per_process(editor, settings):
    """Two sign-ins at once in one process: the second is refused while the first hashes."""
    assert settings.LOGIN_CONCURRENT_PASSWORD_CHECKS == 1
    slots = throttle.password_check_slots()
    entered, release = threading.Event(), threading.Event()

    def hold():
        with slots:
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        entered.wait(5)
        assert sign_in(Client(), "editor", PASSWORD).status_code == 503
    finally:
        release.set()
        thread.join()


def test_test_client_login_and_force_login_still_work(editor):
    client = Client()
    assert client.login(username="editor", password=PASSWORD)
    assert not client.login(username="editor", password="wrong")
    other = Client()
    other.force_login(editor)
    assert other.get("/admin/").status_code == 200


def test_sign_in_posts_past_the_gate_are_refused_before_session_database_or_hash(
    editor, django_assert_num_queries
):
    from vistka.accounts import gate

    slots = gate.sign_in_slots()
    assert slots.acquire(blocking=False)
    try:
        with django_assert_num_queries(0):
            response = sign_in(Client(), "editor", PASSWORD, address=EDITOR_HOME)
        assert response.status_code == 503 and response["Retry-After"] == "5"
        assert "Set-Cookie" not in response and not getattr(response.wsgi_request, "session", None)
    finally:
        slots.release()
    assert sign_in(Client(), "editor", PASSWORD, address=EDITOR_HOME).status_code == 302


def test_only_sign_in_posts_are_gated(editor):
    from vistka.accounts import gate

    slots = gate.sign_in_slots()
    assert slots.acquire(blocking=False)
    try:
        assert Client().get("/admin/login/").status_code == 200
    finally:
        slots.release()


PBKDF2_FIRST = ["django.contrib.auth.hashers.PBKDF2PasswordHasher", *COUNTING_HASHERS]


@override_settings(PASSWORD_HASHERS=PBKDF2_FIRST)
def test_an_outdated_hash_is_upgraded_without_a_password_notice(
    smtp_inbox, django_capture_on_commit_callbacks
):
    user = get_user_model().objects.create_user("old", "old@vistka.test")
    with override_settings(PASSWORD_HASHERS=COUNTING_HASHERS):
        user.set_password(PASSWORD)
        user._password = None
        user.save()
    assert user.password.startswith("counting_md5$")
    with django_capture_on_commit_callbacks(execute=True):
        assert sign_in(Client(), "old", PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_sha256$")
    assert smtp_inbox.wait_for(1, timeout=0.3) == []
    assert not AuditEvent.objects.filter(action="auth.password_changed").exists()


def test_a_locked_sign_in_is_answered_by_the_gate_with_one_query(editor, settings, django_assert_num_queries):
    client = Client()
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        sign_in(client, "editor", "wrong", address=ATTACKER)
    with django_assert_num_queries(1):
        response = sign_in(Client(), "editor", PASSWORD, address=ATTACKER)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert not hasattr(response.wsgi_request, "session")  # answered before the session middleware
