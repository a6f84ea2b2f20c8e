"""An Admin signs in through the real login page in Chromium, finds the audit trail in the Reports
menu, sees the sign-in there and narrows the table with the filter form (time inputs included)."""

import pytest
from playwright.sync_api import expect

from vistka.audit.log import record
from vistka.newsroom.tests.helpers import make_staff


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_admin_filters_the_trail_in_the_browser(browser, live_server, artifacts):
    make_staff("chief", "Admins")
    record("auth.login_failed", actor_name="intruder", data={"username": "intruder"})
    record("records.changed", actor_name="olena", edition="ru")

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "chief")
    page.fill("input[name=password]", "pw")
    page.click("button[type=submit]")
    expect(page.locator("main")).to_be_visible()

    page.goto(f"{live_server.url}/admin/audit/")
    table = page.locator("table.audit-trail")
    expect(table).to_contain_text("intruder")
    expect(table).to_contain_text("chief")  # the sign-in just made, from the browser's address
    expect(table).to_contain_text("127.0.0.1")

    page.fill("input[name=action]", "auth.*")
    page.fill("input[name=since]", "2000-01-01T00:00")
    page.fill("input[name=until]", "2999-12-31T23:59")
    page.get_by_role("button", name="Застосувати фільтри").click()
    expect(table).to_contain_text("intruder")
    expect(table).not_to_contain_text("olena")
    assert "action=auth.*" in page.url.replace("%2A", "*")
    page.screenshot(path=str(artifacts / "audit-trail.png"), full_page=True)
    page.close()
