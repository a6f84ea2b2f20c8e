"""Security notices are mailed over real SMTP, in the user's admin language."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory, override_settings
from wagtail.users.models import UserProfile

from vistka.accounts.notices import KINDS, send_security_notice
from vistka.accounts.tests.smtp import body_of

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"


def make_user(username="olena", email="olena@vistka.test", language=None):
    user = get_user_model().objects.create_user(username, email, "x-password-1", first_name="Олена")
    if language is not None:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def test_new_sign_in_notice_in_ukrainian_by_default(smtp_inbox):
    user = make_user()
    request = RequestFactory().get("/admin/", HTTP_USER_AGENT=FIREFOX, REMOTE_ADDR="203.0.113.7")
    request.client_ip = "198.51.100.9"
    assert send_security_notice(user, "new-sign-in", request=request)
    [message] = smtp_inbox.wait_for(1)
    assert message["To"] == "olena@vistka.test"
    assert message["From"] == "newsroom@vistka.test"
    assert message["Subject"].strip() == "Новий вхід до редакції Vistka"
    body = body_of(message)
    assert "Вітаємо, Олена!" in body
    assert "Firefox 128 · Windows 10" in body
    assert "198.51.100.9" in body  # the address the trusted-proxy middleware resolved
    assert "203.0.113.7" not in body


@pytest.mark.parametrize(
    ("language", "subject"),
    [("ru", "Пароль к редакции Vistka изменён"), ("en", "Your Vistka newsroom password was changed")],
)
def test_notice_follows_the_admin_language(smtp_inbox, language, subject):
    user = make_user(language=language)
    send_security_notice(user, "password-changed")
    [message] = smtp_inbox.wait_for(1)
    assert message["Subject"].strip() == subject


def test_every_kind_renders_in_every_language(smtp_inbox):
    users = [make_user(f"u{lang}", f"{lang}@vistka.test", lang) for lang in ("uk", "ru", "en")]
    for user in users:
        for kind in KINDS:
            assert send_security_notice(user, kind, factor="YubiKey", actor="admin", count=2)
    messages = smtp_inbox.wait_for(len(users) * len(KINDS))
    assert len(messages) == len(users) * len(KINDS)
    for message in messages:
        assert "{%" not in body_of(message) and "{{" not in body_of(message)
        assert "\n" not in message["Subject"]


def test_nothing_sent_without_address_or_mail():
    user = make_user(email="")
    assert send_security_notice(user, "password-changed") is False
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        assert send_security_notice(make_user("b", "b@vistka.test"), "password-changed") is False


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1", EMAIL_PORT=9
)
def test_mail_server_down_does_not_raise():
    assert send_security_notice(make_user(), "password-changed") is False


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        send_security_notice(make_user(), "hello")
