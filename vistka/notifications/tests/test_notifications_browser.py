"""The badge, the list and the choices as an editor sees them in Chromium (uk and en, wide and
narrow screens); screenshots in test-artifacts/notifications-*.png."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import prefer_admin_language
from vistka.stories.factories import ArticlePageFactory

PASSWORD = "correct-horse-battery"  # noqa: S105


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["uk", "en"])
def test_editor_sees_the_badge_opens_the_list_and_the_story(
    browser, live_server, django_user_model, artifacts, language
):
    editor = django_user_model.objects.create_user("editor-uk", "editor-uk@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name=roles.group_name(roles.EDITORS, "uk")))
    prefer_admin_language(editor, language)
    reporter = django_user_model.objects.create_user("reporter-uk", "reporter-uk@example.org", PASSWORD)
    reporter.groups.add(Group.objects.get(name=roles.group_name(roles.REPORTERS, "uk")))
    story = ArticlePageFactory(title="Трамваї повертаються на нічні маршрути", draft=True, owner=reporter)
    story.get_workflow().start(story, reporter)

    for viewport in ({"width": 1366, "height": 768}, {"width": 390, "height": 844}):
        page = browser.new_page(viewport=viewport)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", "editor-uk")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{live_server.url}/admin/notifications/")
        expect(page.get_by_text(story.title)).to_be_visible()
        size = f"{viewport['width']}x{viewport['height']}"
        page.screenshot(path=str(artifacts / f"notifications-list-{language}-{size}.png"))
        page.goto(f"{live_server.url}/admin/notifications/preferences/")
        page.screenshot(path=str(artifacts / f"notifications-preferences-{language}-{size}.png"))
        page.goto(f"{live_server.url}/admin/account/#tab-actions")  # "More actions"
        expect(page.locator("a[href='/admin/notifications/preferences/']")).to_be_visible()
        page.screenshot(path=str(artifacts / f"notifications-account-{language}-{size}.png"), full_page=True)
        page.close()

    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "editor-uk")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    badge = page.locator("[data-unread-count='1']")
    expect(badge).to_be_visible()
    badge.click()
    page.get_by_role("button", name=story.title).click()  # a POST: it marks the notice read
    expect(page).to_have_url(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    expect(page.locator("[data-unread-count='0']")).to_be_visible()
    # The edit page's own requests (editing session, autosave) must be answered before the test's
    # database is flushed: one still running there deadlocked the flush on PostgreSQL.
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")
    page.close()
