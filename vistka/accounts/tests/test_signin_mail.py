"""Notices wired to events: new device, password change; password reset throttled and audited."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client, override_settings

from vistka.accounts.models import StaffSession
from vistka.accounts.tests.helpers import FIREFOX, PASSWORD, SAFARI_IPHONE, browser, sign_in
from vistka.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user("editor", "editor@vistka.test", PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def subjects(inbox, count, timeout=3.0):
    return [message["Subject"].strip() for message in inbox.wait_for(count, timeout)]


def test_new_device_sign_in_is_mailed_once(editor, smtp_inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(browser("203.0.113.10"), "editor", PASSWORD, address="203.0.113.10")  # the first ever
        sign_in(browser("203.0.113.10"), "editor", PASSWORD, address="203.0.113.10")  # known
    assert subjects(smtp_inbox, 1, timeout=0.5) == []
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(
            browser("198.51.100.7", SAFARI_IPHONE),
            "editor",
            PASSWORD,
            address="198.51.100.7",
            user_agent=SAFARI_IPHONE,
        )
    [message] = smtp_inbox.wait_for(1)
    assert message["Subject"].strip() == "Новий вхід до редакції Vistka"
    body = message.get_content()
    assert "198.51.100.7" in body and "Mobile Safari 17 · iOS 17 · iPhone" in body
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(
            browser("198.51.100.7", SAFARI_IPHONE),
            "editor",
            PASSWORD,
            address="198.51.100.7",
            user_agent=SAFARI_IPHONE,
        )
    assert len(smtp_inbox.wait_for(2, timeout=0.5)) == 1


def test_password_change_on_the_account_page_is_mailed_audited_and_ends_other_sessions(
    editor, smtp_inbox, django_capture_on_commit_callbacks
):
    laptop = browser("203.0.113.10", FIREFOX)
    sign_in(laptop, "editor", PASSWORD)
    phone = browser("198.51.100.7", SAFARI_IPHONE)
    sign_in(phone, "editor", PASSWORD, address="198.51.100.7", user_agent=SAFARI_IPHONE)
    assert StaffSession.objects.count() == 2
    smtp_inbox.messages.clear()
    new_password = "a much newer passphrase 42"  # noqa: S105
    with django_capture_on_commit_callbacks(execute=True):
        response = laptop.post(
            "/admin/account/",
            {
                "name_email-first_name": "Ірина",
                "name_email-last_name": "Коваль",
                "name_email-email": "editor@vistka.test",
                "locale-preferred_language": "",
                "locale-current_time_zone": "",
                "theme-theme": "system",
                "theme-contrast": "system",
                "theme-density": "default",
                "password-old_password": PASSWORD,
                "password-new_password1": new_password,
                "password-new_password2": new_password,
            },
        )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password(new_password)
    assert subjects(smtp_inbox, 1) == ["Пароль до редакції Vistka змінено"]
    event = AuditEvent.objects.get(action="auth.password_changed")
    assert (
        event.actor_name == "editor"
        and event.object_id == str(editor.pk)
        and event.ip_address == "203.0.113.10"
    )
    assert laptop.get("/admin/").status_code == 200
    assert phone.get("/admin/").status_code == 302
    assert StaffSession.objects.count() == 1


def test_a_new_account_gets_no_password_notice(smtp_inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        get_user_model().objects.create_user("new", "new@vistka.test", PASSWORD)
    assert smtp_inbox.wait_for(1, timeout=0.3) == []
    assert not AuditEvent.objects.filter(action="auth.password_changed").exists()


@override_settings(WAGTAIL_PASSWORD_RESET_ENABLED=True)
def test_password_reset_is_throttled_per_address(editor, smtp_inbox, settings):
    client = Client()
    for number in range(settings.PASSWORD_RESET_PER_ADDRESS):
        response = client.post(
            "/admin/password_reset/", {"email": f"x{number}@vistka.test"}, REMOTE_ADDR="198.51.100.66"
        )
        assert response.status_code == 302
    response = client.post(
        "/admin/password_reset/", {"email": "editor@vistka.test"}, REMOTE_ADDR="198.51.100.66"
    )
    assert response.status_code == 429
    assert smtp_inbox.wait_for(1, timeout=0.3) == []  # the editor got no reset mail from the flood
    assert (
        AuditEvent.objects.filter(action="auth.password_reset_requested").count()
        == settings.PASSWORD_RESET_PER_ADDRESS
    )
    assert AuditEvent.objects.filter(action="auth.throttled", data__kind="password-reset").count() == 1


@override_settings(WAGTAIL_PASSWORD_RESET_ENABLED=True)
def test_password_reset_is_throttled_per_account(editor, smtp_inbox, settings):
    for number in range(settings.PASSWORD_RESET_PER_ACCOUNT):
        response = Client().post(
            "/admin/password_reset/", {"email": "editor@vistka.test"}, REMOTE_ADDR=f"198.51.100.{number}"
        )
        assert response.status_code == 302
    assert (
        len(smtp_inbox.wait_for(settings.PASSWORD_RESET_PER_ACCOUNT)) == settings.PASSWORD_RESET_PER_ACCOUNT
    )
    response = Client().post(
        "/admin/password_reset/", {"email": "Editor@vistka.test"}, REMOTE_ADDR="203.0.113.50"
    )
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("email_url", "reset", "backend", "path"),
    [
        ("", False, "django.core.mail.backends.dummy.EmailBackend", ""),
        (
            "file:///var/mail/vistka",
            True,
            "django.core.mail.backends.filebased.EmailBackend",
            "/var/mail/vistka",
        ),
        ("smtp://u:p@mail.example:587/?tls=True", True, "django.core.mail.backends.smtp.EmailBackend", ""),
    ],
)
def test_mail_and_password_reset_come_from_email_url(email_url, reset, backend, path):
    """The settings module read in a fresh interpreter with EMAIL_URL set or not."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "EMAIL_URL": email_url, "DJANGO_SETTINGS_MODULE": "vistka.settings"}
    code = (
        "import json; from vistka import settings as s; print(json.dumps([s.WAGTAIL_PASSWORD_RESET_ENABLED,"
        " s.EMAIL_BACKEND, getattr(s, 'EMAIL_FILE_PATH', ''), getattr(s, 'EMAIL_USE_TLS', False)]))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    enabled, got_backend, file_path, tls = json.loads(result.stdout.strip().splitlines()[-1])
    assert (enabled, got_backend, file_path) == (reset, backend, path)
    assert tls == email_url.startswith("smtp")


def test_password_reset_page_is_gone_without_mail(settings):
    settings.WAGTAIL_PASSWORD_RESET_ENABLED = False
    assert Client().get("/admin/password_reset/").status_code == 404
