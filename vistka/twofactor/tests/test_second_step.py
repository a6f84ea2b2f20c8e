"""The second step of signing in: who is sent where, codes, throttling, recovery codes."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from vistka.audit.models import AuditEvent
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import client_for, make_staff, prefer_admin_language
from vistka.twofactor import factors
from vistka.twofactor.tests.helpers import (
    code_for,
    secret_on_page,
    sign_in,
    totp_device,
    verified_client,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]
ENROL, VERIFY = "/admin/2fa/enrol/", "/admin/2fa/verify/"


def parameterless_paths(resolver=None, prefix="/"):
    """Every address of the URL configuration that takes no argument."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = str(pattern.pattern)
        if "<" in route or "(?P" in route or "^" in route.lstrip("^") or "$" in route.rstrip("$"):
            continue
        route = route.lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from parameterless_paths(pattern, prefix + route)
        elif isinstance(pattern, URLPattern):
            yield prefix + route


def newsroom_paths():
    open_paths = (
        "/admin/login/",
        "/admin/logout/",
        "/admin/sprite/",  # icons
        "/admin/jsi18n/",  # Wagtail's script strings
        "/admin/password_reset/",
        ENROL,
        VERIFY,
        "/admin/2fa/recovery",
    )
    return sorted(
        {
            path
            for path in parameterless_paths()
            if path.startswith(("/admin/", "/newsroom/"))
            and not path.startswith(open_paths)
            and not path.startswith("/admin/2fa/webauthn/")
        }
    )


def test_editor_without_a_factor_is_sent_to_enrolment_from_every_newsroom_address(editor_uk):
    client = Client()
    assert sign_in(client, "editor-uk").status_code == 302
    paths = newsroom_paths()
    assert len(paths) > 40 and "/admin/" in paths and "/newsroom/new-news-item/" in paths
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(ENROL + "?next="), path
        ajax = client.get(path, headers={"x-requested-with": "XMLHttpRequest"})
        assert ajax.status_code == 403 and ajax.json()["redirect"] == ENROL, path
        if number % 10 == 0:
            posted = client.post(path, {"x": "1"})
            assert posted.status_code == 302 and posted["Location"] == ENROL, path
    json_post = client.post("/admin/pages/search/", "{}", content_type="application/json")
    assert json_post.status_code == 403
    assert client.get(ENROL).status_code == 200


def test_reporters_are_not_forced_and_the_suite_default_forces_nobody(reporter_uk, editor_uk):
    client = Client()
    sign_in(client, "reporter-uk")
    assert client.get("/admin/").status_code == 200
    with override_settings(TWO_FACTOR_REQUIRED_GROUPS=[]):
        assert client_for(editor_uk).get("/admin/").status_code == 200


def test_admins_and_superusers_are_forced():
    make_staff("chief", roles.ADMINS)
    boss = make_staff("boss")
    boss.is_superuser = True
    boss.save()
    for username in ("chief", "boss"):
        client = Client()
        sign_in(client, username)
        assert client.get("/admin/")["Location"].startswith(ENROL)


def test_enrolment_with_a_real_totp_code(editor_uk):
    client = Client()
    sign_in(client, "editor-uk")
    key_after_password = client.cookies["sessionid"].value
    page = client.get(ENROL + "?next=/admin/pages/")
    html = page.content.decode()
    secret = secret_on_page(html)
    assert "<svg" in html and "otpauth" not in html.split("<svg", 1)[0][-200:]
    wrong = client.post(ENROL, {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.filter(user=editor_uk, confirmed=True).exists()
    TOTPDevice.objects.filter(user=editor_uk).update(
        throttling_failure_timestamp=None, throttling_failure_count=0
    )

    response = client.post(ENROL, {"code": code_for(secret), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/recovery-codes/")
    device = TOTPDevice.objects.get(user=editor_uk, confirmed=True)
    assert factors.base32_secret(device) == secret
    assert client.cookies["sessionid"].value != key_after_password  # the session key rotated
    codes_page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(codes) == 10 and StaticDevice.objects.get(user=editor_uk).token_set.count() == 10
    assert client.get(response["Location"]).status_code == 302  # shown once
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(action="twofactor.enrolled", actor=editor_uk).exists()


def test_password_alone_is_not_enough_for_a_user_with_a_factor(reporter_uk):
    device = totp_device(reporter_uk)  # a reporter (not forced) who chose a second factor
    client = Client()
    sign_in(client, "reporter-uk")
    assert client.get("/admin/")["Location"] == VERIFY + "?next=%2Fadmin%2F"
    assert client.get("/newsroom/new-news-item/", headers={"accept": "application/json"}).status_code == 403
    # Enrolling another factor is no way round the second step.
    assert client.post(ENROL, {"code": "123456"})["Location"].startswith(VERIFY)
    begin = client.post("/admin/2fa/webauthn/registration/begin/", content_type="application/json")
    assert begin.status_code == 403
    assert TOTPDevice.objects.filter(user=reporter_uk).count() == 1

    key_after_password = client.cookies["sessionid"].value
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.cookies["sessionid"].value != key_after_password
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(action="twofactor.verified", actor=reporter_uk).exists()


def test_a_wrong_code_is_refused_and_throttled(editor_uk):
    device = totp_device(editor_uk)
    client = Client()
    sign_in(client, "editor-uk")
    wrong = client.post(VERIFY, {"code": "000000"})
    assert wrong.status_code == 200 and "code" in wrong.context["form"].errors
    # Right code straight after a wrong one: django-otp's back-off refuses it unchecked.
    throttled = client.post(VERIFY, {"code": code_for(device)})
    assert throttled.status_code == 200
    assert re.search(r"\d+", throttled.context["form"].errors["code"][0])
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0)
def test_five_wrong_codes_end_the_session(editor_uk):
    device = totp_device(editor_uk)
    client = Client()
    sign_in(client, "editor-uk")
    for attempt in range(4):
        assert client.post(VERIFY, {"code": f"00000{attempt}"}).status_code == 200
    fifth = client.post(VERIFY, {"code": "999999"})
    assert fifth["Location"] == "/admin/login/"
    assert client.post(VERIFY, {"code": code_for(device)})["Location"].startswith("/admin/login/")
    assert AuditEvent.objects.filter(action="twofactor.failed").count() == 5
    assert AuditEvent.objects.filter(action="twofactor.locked_out", actor=editor_uk).exists()


def test_a_recovery_code_works_once(editor_uk):
    totp_device(editor_uk)
    code = factors.new_recovery_codes(editor_uk)[0]
    client = Client()
    sign_in(client, "editor-uk")
    assert client.post(VERIFY, {"code": code.upper()[:4] + " " + code[4:]})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    again = Client()
    sign_in(again, "editor-uk")
    assert again.post(VERIFY, {"code": code}).status_code == 200
    assert again.get("/admin/")["Location"].startswith(VERIFY)
    assert StaticDevice.objects.get(user=editor_uk).token_set.count() == 9


def test_verified_client_helper_passes_the_second_step(editor_uk):
    assert verified_client(editor_uk).get("/admin/").status_code == 200
    assert client_for(editor_uk).get("/admin/").status_code == 302


def test_reader_pages_do_not_touch_the_session(editor_uk):
    client = verified_client(editor_uk)
    response = client.get("/ru/no-such-page-here/")
    assert "Cookie" not in response.get("Vary", "")
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize(
    "language, heading, error",
    [
        ("uk", "Другий крок входу", "Цей код недійсний."),
        ("ru", "Второй шаг входа", "Этот код недействителен."),
        ("en", "Second step of signing in", "This code is not valid."),
    ],
)
def test_the_second_step_speaks_the_staff_members_admin_language(editor_uk, language, heading, error):
    prefer_admin_language(editor_uk, language)
    totp_device(editor_uk)
    client = Client()
    sign_in(client, "editor-uk")
    page = client.post(VERIFY, {"code": "000000"}).content.decode()
    assert heading in page and error in page


def test_sign_out_from_the_second_step(editor_uk):
    totp_device(editor_uk)
    client = Client()
    sign_in(client, "editor-uk")
    assert 'action="/admin/logout/"' in client.get(VERIFY).content.decode()
    assert client.post("/admin/logout/").status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_passkey_never_replaces_the_password():
    """Passwordless sign-in is off: without a password session the passkey ceremony does not start."""
    client = Client()
    url = "/admin/2fa/webauthn/authentication/"
    begin = client.post(url + "begin/", "{}", content_type="application/json")
    assert begin.status_code == 403 and "otp_webauthn_authentication_state" not in client.session
    complete = client.post(url + "complete/", "{}", content_type="application/json")
    assert complete.status_code == 403 and "_auth_user_id" not in client.session
