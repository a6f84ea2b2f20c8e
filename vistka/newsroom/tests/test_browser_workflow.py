"""A reporter files a news item, an editor approves it, and it appears on the home page —
driven through the real admin in Debian's Chromium."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from vistka.newsroom import roles
from vistka.stories.models import ArticlePage

PASSWORD = "correct-horse-battery"  # noqa: S105


def make_user(django_user_model, username, role, edition="uk"):
    user = django_user_model.objects.create_user(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=roles.group_name(role, edition)))
    return user


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("main")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reporter_files_editor_approves_story_appears_on_home(
    browser, live_server, django_user_model, artifacts
):
    make_user(django_user_model, "reporter", roles.REPORTERS)
    make_user(django_user_model, "editor", roles.EDITORS)
    headline = "Трамваї у Вінниці повертаються на нічні маршрути"

    reporter = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(reporter, live_server, "reporter")
    reporter.goto(f"{live_server.url}/newsroom/new-news-item/")
    reporter.fill("#id_title", headline)
    reporter.fill("#id_lead", "Міська рада ухвалила новий розклад.")
    reporter.screenshot(path=str(artifacts / "reporter-new-news-item.png"), full_page=True)
    reporter.locator("footer [data-w-dropdown-target='toggle']").click()
    reporter.locator("footer button[name='action-submit']").click()
    reporter.wait_for_load_state()
    story = ArticlePage.objects.get(title=headline)
    assert story.workflow_in_progress and not story.live

    editor = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(editor, live_server, "editor")
    editor.goto(f"{live_server.url}/admin/")
    editor.get_by_role("link", name=headline).first.click()
    editor.locator("footer [data-w-dropdown-target='toggle']").click()
    editor.locator("footer button[data-workflow-action-name='approve']").first.click()
    editor.wait_for_load_state()
    editor.screenshot(path=str(artifacts / "editor-approved.png"), full_page=True)
    story.refresh_from_db()
    assert story.live

    reader = browser.new_page(viewport={"width": 390, "height": 844})
    reader.goto(f"{live_server.url}/")
    expect(reader.get_by_role("link", name=headline)).to_be_visible()
    reader.get_by_role("link", name=headline).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(headline)
    reader.screenshot(path=str(artifacts / "reader-story.png"), full_page=True)
