"""In Debian's Chromium, two editors in Ukrainian have one story open: the first saves a new
headline; when the second saves, the confirmation dialog shows, before anything is sent, their
headline next to the second's unsaved text, and "Compare and merge" leads to the merge screen."""

import pytest
from playwright.sync_api import expect

from vistka.concurrency.models import RefusedSave
from vistka.concurrency.tests.test_browser_merge import leave, staff
from vistka.stories.factories import ArticlePageFactory
from vistka.taxonomy.tests.test_browser_records import log_in

THEIR_HEADLINE = "Міст через Десну відкрили вранці"
MY_LEAD = "Рух мостом відновили після трьох років ремонту."


def ping(page):
    """The editing session's ping (Wagtail sends one when the tab becomes visible again)."""
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_conflict_dialog_shows_what_differs_before_saving(browser, live_server, artifacts, settings):
    # In-memory SQLite lets one request in at a time: pings only when the test sends them.
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000
    staff("editor-uk-a", "Олена", "Коваль")
    staff("editor-uk-b", "Тарас", "Мельник")
    story = ArticlePageFactory(edition="uk", title="Міст відкрили", lead="Короткий лід.", state="draft")
    edit = f"{live_server.url}/admin/pages/{story.pk}/edit/"
    mine = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    theirs = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    log_in(mine, live_server, "editor-uk-a")
    log_in(theirs, live_server, "editor-uk-b")
    mine.goto(edit)
    theirs.goto(edit)

    theirs.fill("#id_title", THEIR_HEADLINE)
    theirs.locator("button.action-save").first.click()
    expect(theirs.locator(".messages")).to_contain_text("оновлено")
    leave(theirs)

    mine.fill("#id_lead", MY_LEAD)
    ping(mine)
    expect(mine.locator(".w-editing-sessions__session--saved")).to_be_visible()
    mine.locator("button.action-save").first.click()

    dialog = mine.locator("#w-save-confirmation-dialog")
    expect(dialog).to_be_visible()
    headline = dialog.locator('[data-field="title"]')
    expect(headline).to_contain_text("Заголовок")
    # Each side shows its own words, the ones only it has highlighted.
    expect(headline.locator('[data-side="theirs"]')).to_contain_text(THEIR_HEADLINE, use_inner_text=True)
    expect(headline.locator('[data-side="mine"]')).to_contain_text("Міст відкрили", use_inner_text=True)
    # Each side holds only its own version (not one diff with the other side hidden by CSS).
    assert "Десну" not in headline.locator('[data-side="mine"]').text_content()
    assert "Десну" in headline.locator('[data-side="theirs"]').text_content()
    my_lead = dialog.locator('[data-field="lead"] [data-side="mine"]')
    expect(my_lead).to_contain_text(MY_LEAD, use_inner_text=True)
    expect(dialog).to_contain_text("Тарас Мельник")
    expect(dialog.get_by_role("button", name="Продовжити")).to_be_hidden()  # no blind overwrite
    assert story.revisions.count() == 2  # the factory's and theirs: nothing of mine sent
    mine.screenshot(path=str(artifacts / "concurrency-conflict-dialog-1366.png"))
    mine.set_viewport_size({"width": 390, "height": 844})
    expect(dialog.get_by_role("button", name="Порівняти й об’єднати")).to_be_visible()
    mine.screenshot(path=str(artifacts / "concurrency-conflict-dialog-390.png"))

    # The release beacon sent as the page unloads would race the merge screen on in-memory SQLite.
    mine.evaluate("document.querySelectorAll('form.w-editing-sessions').forEach((f) => f.remove())")
    dialog.get_by_role("button", name="Порівняти й об’єднати").click()

    screen = mine.locator("[data-merge-screen]")
    expect(screen).to_contain_text("Тарас Мельник")
    expect(screen.locator('input[name="choice-title"][value="theirs"]')).to_be_checked()
    expect(screen.locator('input[name="choice-lead"][value="mine"]')).to_be_checked()
    refused = RefusedSave.objects.get(page_id=story.pk, resolved_at=None)
    assert refused.content["lead"] == MY_LEAD and refused.content["title"] == "Міст відкрили"
