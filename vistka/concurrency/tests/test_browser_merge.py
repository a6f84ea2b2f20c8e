"""In Debian's Chromium, two reporters in Ukrainian edit one story: the later save is refused with
the reporter's text still in the form, and the merge screen puts both changes together."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Page

from vistka.concurrency.models import RefusedSave
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import (
    client_for,
    edit_form_data,
    edit_url,
    make_staff,
    prefer_admin_language,
)
from vistka.stories.factories import ArticlePageFactory
from vistka.taxonomy.tests.test_browser_records import log_in


def staff(username, first, last):
    user = prefer_admin_language(make_staff(username, (roles.REPORTERS, "uk")), "uk")
    user.first_name, user.last_name = first, last
    user.save()
    return user


def save_draft(page):
    """Save. The browser has not been told of the colleague's version (no pings, no autosave: see
    the test), so the form is sent and the server's own check refuses it; the dialog that shows
    what differs before sending is test_browser_conflict_dialog's."""
    page.locator("button.action-save").first.click()
    expect(page.locator(".messages")).to_be_visible()


def leave(page):
    """Leave the edit page without the editing session's release beacon: on in-memory SQLite
    that beacon, sent as the next page loads, would race it (one writer at a time)."""
    page.evaluate("document.querySelectorAll('form.w-editing-sessions').forEach((f) => f.remove())")
    page.goto("about:blank")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_refuse_and_merge_in_the_browser(browser, live_server, artifacts, settings):
    # In-memory SQLite lets one request in at a time: no periodic pings racing the saves.
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000
    # No autosave either: its refusal would ping, and the browser's dialog would step in first.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    staff("reporter-uk", "Олена", "Коваль")
    staff("reporter-uk-2", "Тарас", "Мельник")
    story = ArticlePageFactory(edition="uk", title="Міст відкрили", lead="Короткий лід.", state="draft")
    edit = f"{live_server.url}/admin/pages/{story.pk}/edit/"
    mine = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    theirs = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(mine, live_server, "reporter-uk")
    log_in(theirs, live_server, "reporter-uk-2")
    mine.goto(edit)
    theirs.goto(edit)

    theirs.fill("#id_title", "Міст відкрили вранці")
    save_draft(theirs)
    expect(theirs.locator(".messages")).to_contain_text("оновлено")
    leave(theirs)
    mine.fill("#id_lead", "Лід, який я переписала.")
    save_draft(mine)

    message = mine.locator(".messages")
    expect(message).to_contain_text("Ваші зміни не збережено: Тарас Мельник зберіг новішу версію")
    expect(mine.locator("#id_lead")).to_have_value("Лід, який я переписала.")  # nothing discarded
    mine.screenshot(path=str(artifacts / "concurrency-refused.png"), full_page=True)
    assert RefusedSave.objects.filter(page_id=story.pk, resolved_at=None).count() == 1

    merge_url = mine.get_by_role("link", name="Порівняти й об’єднати").first.get_attribute("href")
    leave(mine)
    mine.goto(f"{live_server.url}{merge_url}")
    screen = mine.locator("[data-merge-screen]")
    expect(screen).to_contain_text("Тарас Мельник зберіг поточну версію")
    expect(screen.locator('input[name="choice-title"][value="theirs"]')).to_be_checked()
    expect(screen.locator('input[name="choice-lead"][value="mine"]')).to_be_checked()
    mine.screenshot(path=str(artifacts / "concurrency-merge.png"), full_page=True)
    screen.get_by_role("button", name="Зберегти об’єднану версію").click()

    expect(mine.locator(".messages")).to_contain_text("Об’єднану версію збережено як чернетку")
    merged = Page.objects.get(pk=story.pk).specific.get_latest_revision_as_object()
    assert merged.title == "Міст відкрили вранці" and merged.lead == "Лід, який я переписала."
    assert not RefusedSave.objects.filter(page_id=story.pk, resolved_at=None).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_merge_screen_fits_a_phone(browser, live_server, artifacts):
    """At 390 px the fields stack: "Use my version" is on the screen and can be chosen."""
    me, colleague = staff("reporter-uk", "Олена", "Коваль"), staff("reporter-uk-2", "Тарас", "Мельник")
    story = ArticlePageFactory(edition="uk", title="Міст відкрили", lead="Короткий лід.", state="draft")
    mine, theirs = client_for(me), client_for(colleague)
    my_form = edit_form_data(mine, story, lead="Рух мостом через Десну відновили після трьох років ремонту.")
    theirs.post(edit_url(story), edit_form_data(theirs, story, title="Міст через Десну відкрили вранці"))
    mine.post(edit_url(story), my_form)
    refused = RefusedSave.objects.get(page_id=story.pk, user=me)
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(page, live_server, "reporter-uk")

    page.goto(f"{live_server.url}{reverse('concurrency:merge', args=(refused.pk,))}")

    row = page.locator('[data-merge-screen] tr[data-field="lead"]')
    # The radio, its label and the user's text, each whole on the screen (the admin clips overflow).
    for part in (
        row.locator('input[value="mine"]'),
        row.locator('label:has(input[value="mine"])'),
        row.locator("td").nth(1).locator(".merge-value"),
    ):
        box = part.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    page.locator('[data-merge-screen] input[name="choice-title"][value="mine"]').click()
    expect(page.locator('input[name="choice-title"][value="mine"]')).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "concurrency-merge-390.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.screenshot(path=str(artifacts / "concurrency-merge-1366.png"), full_page=True)
