"""The second step in Debian's Chromium: TOTP enrolment and sign-in, and passkeys with Chromium's
virtual authenticator (Chrome DevTools protocol, WebAuthn domain)."""

import re

import pytest
from playwright.sync_api import expect

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import make_staff
from vistka.twofactor.tests.helpers import PASSWORD, code_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("two_factor_required"),
]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_totp_enrolment_and_sign_in(browser, live_server, artifacts):
    make_staff("editor", (roles.EDITORS, "uk"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, "editor")
    expect(page).to_have_url(re.compile(r"/admin/2fa/enrol/"))
    secret = page.locator("[data-totp-secret]").inner_text()
    expect(page.locator(".twofactor-qr svg")).to_be_visible()
    page.screenshot(path=str(artifacts / "twofactor-enrol.png"), full_page=True)
    page.fill("input[name=code]", code_for(secret))
    page.click("form.login-form button[type=submit]")
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    page.get_by_role("link", name=re.compile("saved|збере", re.I)).click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    context.close()

    context = browser.new_context()
    page = context.new_page()
    sign_in(page, live_server, "editor")
    expect(page).to_have_url(re.compile(r"/admin/2fa/verify/"))
    page.goto(f"{live_server.url}/admin/pages/")  # nothing else until the second step
    expect(page).to_have_url(re.compile(r"/admin/2fa/verify/"))
    page.fill("input[name=code]", code_for(secret, steps_ahead=1))  # the next step's code: each is used once
    page.click("form.login-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/pages/"))
    context.close()


def test_passkey_registration_and_sign_in_with_a_virtual_authenticator(
    browser, live_server, settings, artifacts
):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    assert live_server.url.startswith("http://localhost:")
    make_staff("editor", (roles.EDITORS, "uk"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    sign_in(page, live_server, "editor")
    expect(page).to_have_url(re.compile(r"/admin/2fa/enrol/"))
    page.click("#passkey-register-button")
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    page.get_by_role("link", name=re.compile("saved|збере", re.I)).click()
    expect(page).to_have_url(f"{live_server.url}/admin/")

    context.clear_cookies()
    sign_in(page, live_server, "editor")
    expect(page).to_have_url(re.compile(r"/admin/2fa/verify/"))
    page.screenshot(path=str(artifacts / "twofactor-verify-passkey.png"), full_page=True)
    page.click("#passkey-verification-button")
    expect(page).to_have_url(f"{live_server.url}/admin/")
    context.close()
