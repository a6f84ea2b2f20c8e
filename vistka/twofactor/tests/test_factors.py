"""A staff member's own factors, an admin's reset of a colleague's, and the demo accounts."""

from base64 import b32decode

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from vistka.audit.models import AuditEvent
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import make_staff
from vistka.twofactor import factors
from vistka.twofactor.tests.helpers import code_for, sign_in, totp_device, verified_client


def refused(response):
    """Wagtail's answer to PermissionDenied in an admin view: back to the dashboard with a message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]


def test_an_admin_resets_a_colleagues_factors_audited_and_notified(editor_uk):
    totp_device(editor_uk)
    factors.new_recovery_codes(editor_uk)
    admin = make_staff("chief", roles.ADMINS)
    client = verified_client(admin)
    staff_page = client.get("/admin/2fa/staff/")
    assert staff_page.status_code == 200 and 'data-staff="editor-uk"' in staff_page.content.decode()

    response = client.post(f"/admin/2fa/staff/{editor_uk.pk}/reset/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor_uk).exists()
    assert not StaticDevice.objects.filter(user=editor_uk).exists()
    event = AuditEvent.objects.get(action="twofactor.reset")
    assert event.actor_id == admin.pk and event.object_id == str(editor_uk.pk)
    assert [message.to for message in mail.outbox] == [[editor_uk.email]]
    # At the next sign-in the editor must set up a new factor.
    again = Client()
    sign_in(again, "editor-uk")
    assert again.get("/admin/")["Location"].startswith("/admin/2fa/enrol/")


def test_non_admins_cannot_reset_and_admins_not_a_superuser_or_themselves(editor_uk, reporter_uk):
    device = totp_device(reporter_uk)
    editor = verified_client(editor_uk)
    assert refused(editor.get("/admin/2fa/staff/"))
    assert refused(editor.post(f"/admin/2fa/staff/{reporter_uk.pk}/reset/"))
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    admin = make_staff("chief", roles.ADMINS)
    boss = make_staff("boss")
    boss.is_superuser = True
    boss.save()
    totp_device(boss)
    client = verified_client(admin)
    assert refused(client.post(f"/admin/2fa/staff/{boss.pk}/reset/"))
    assert refused(client.post(f"/admin/2fa/staff/{admin.pk}/reset/"))
    assert TOTPDevice.objects.filter(user=boss).exists() and TOTPDevice.objects.filter(user=admin).exists()
    assert not AuditEvent.objects.filter(action="twofactor.reset").exists()
    # An admin who has not passed the second step cannot reset anyone.
    unverified = Client()
    sign_in(unverified, "chief")
    assert unverified.post(f"/admin/2fa/staff/{reporter_uk.pk}/reset/").status_code == 302
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_own_factors_are_listed_and_removed_never_anothers_nor_the_last_required_one(editor_uk, reporter_uk):
    first = totp_device(editor_uk)
    second = TOTPDevice.objects.create(user=editor_uk, name="second", confirmed=True)
    theirs = totp_device(reporter_uk)
    client = verified_client(editor_uk, first)
    assert client.get("/admin/2fa/").status_code == 200
    assert client.post(f"/admin/2fa/remove/totp/{theirs.pk}/").status_code == 404
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()

    assert client.post(f"/admin/2fa/remove/totp/{first.pk}/").status_code == 302
    assert not TOTPDevice.objects.filter(pk=first.pk).exists()
    assert client.get("/admin/").status_code == 200  # still verified: the session passed the step
    client.post(f"/admin/2fa/remove/totp/{second.pk}/")
    assert TOTPDevice.objects.filter(pk=second.pk).exists()  # an editor keeps one
    assert AuditEvent.objects.filter(action="twofactor.removed").count() == 1


def test_new_recovery_codes_need_the_second_step(editor_uk):
    device = totp_device(editor_uk)
    old = factors.new_recovery_codes(editor_uk)
    client = Client()
    sign_in(client, "editor-uk")
    assert refused(client.post("/admin/2fa/recovery-codes/"))
    client.post("/admin/2fa/verify/", {"code": code_for(device)})
    response = client.post("/admin/2fa/recovery-codes/")
    page = client.get(response["Location"]).content.decode()
    assert old[0] not in page and StaticDevice.objects.get(user=editor_uk).token_set.count() == 10


def test_demo_accounts_have_totp_and_the_secrets_are_printed_and_kept(tmp_path, settings, capsys):
    settings.VAR_DIR = tmp_path
    call_command("create_demo_accounts")
    printed = capsys.readouterr().out
    lines = (tmp_path / "demo-login.txt").read_text().splitlines()
    secrets = dict(line[5:].split(": ") for line in lines if line.startswith("totp "))
    staff = {f"{role}-{code}" for role in ("editor", "translator") for code in ("uk", "ru", "en")}
    assert set(secrets) == {"admin", *staff}
    assert oct((tmp_path / "demo-login.txt").stat().st_mode & 0o777) == "0o600"
    for username, secret in secrets.items():
        assert f"{username}: {secret}" in printed
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        code = TOTP(b32decode(secret)).token()
        assert device.verify_token(code)
    assert not TOTPDevice.objects.filter(user__username="reporter-uk").exists()

    password = next(line.split(": ")[1] for line in lines if line.startswith("password: "))
    client = Client()
    assert sign_in(client, "editor-uk", password).status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/verify/")
    assert client.post("/admin/2fa/verify/", {"code": code_for(secrets["editor-uk"], 1)}).status_code == 302
    assert client.get("/admin/").status_code == 200

    call_command("create_demo_accounts")  # a second run prints and keeps the same
    assert (tmp_path / "demo-login.txt").read_text().splitlines() == lines
    TOTPDevice.objects.all().delete()  # a fresh database with the old file: the same secrets again
    call_command("create_demo_accounts")
    assert (tmp_path / "demo-login.txt").read_text().splitlines() == lines


def enrolled_with_codes_waiting(user):
    """Enrol a TOTP through the real form; the recovery codes then wait for their page."""
    client = Client()
    sign_in(client, user.username)
    device = totp_device(user, confirmed=False)
    response = client.post("/admin/2fa/enrol/", {"code": code_for(device)})
    assert response["Location"].startswith("/admin/2fa/recovery-codes/")
    return client, response["Location"]


def stored_session(client):
    """The session as kept in the session store (django_session), not the client's copy."""
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore
    return store(client.cookies["sessionid"].value).load()


def test_recovery_codes_leave_the_session_when_shown(editor_uk):
    client, codes_url = enrolled_with_codes_waiting(editor_uk)
    codes = [token.token for token in StaticDevice.objects.get(user=editor_uk).token_set.all()]
    assert any(code in str(stored_session(client)) for code in codes)  # waiting, for a moment
    page = client.get(codes_url).content.decode()
    assert all(code in page for code in codes)
    assert not any(code in str(stored_session(client)) for code in codes)


def test_recovery_codes_not_shown_within_minutes_are_dropped(editor_uk, time_machine):
    time_machine.move_to("2026-12-06 12:00:00+00:00", tick=False)
    client, codes_url = enrolled_with_codes_waiting(editor_uk)
    codes = [token.token for token in StaticDevice.objects.get(user=editor_uk).token_set.all()]
    time_machine.move_to("2026-12-06 12:06:00+00:00", tick=False)
    assert client.get("/admin/").status_code == 200  # any newsroom page drops them
    assert not any(code in str(stored_session(client)) for code in codes)
    assert client.get(codes_url).status_code == 302  # and they are not shown any more
