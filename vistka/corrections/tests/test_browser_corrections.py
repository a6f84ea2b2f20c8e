"""In Debian's Chromium, the English translator (admin in Ukrainian) opens the English version of
a story corrected in Ukrainian: the flag is at the top of the form, with the original note; marking
it done clears it."""

import pytest
from playwright.sync_api import expect

from vistka.corrections.models import CorrectionToCarry
from vistka.corrections.tests.test_corrections_to_carry import NOTE, correct, english
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import make_staff, prefer_admin_language
from vistka.stories.factories import ArticlePageFactory
from vistka.taxonomy.tests.test_browser_records import log_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_translator_sees_the_correction_to_carry_and_marks_it_done(
    browser, live_server, artifacts, settings
):
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    prefer_admin_language(make_staff("translator-en", (roles.TRANSLATORS, "en")), "uk")
    story = ArticlePageFactory(title="Міст відкрили", translate_to=("en",))
    correct(story)
    en = english(story)
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    log_in(page, live_server, "translator-en")

    page.goto(f"{live_server.url}/admin/pages/{en.pk}/edit/")
    message = page.locator(".messages")
    expect(message).to_contain_text("Виправлення потребує перекладу")
    expect(message).to_contain_text(NOTE)
    page.screenshot(path=str(artifacts / "corrections-flag-1366.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artifacts / "corrections-flag-390.png"))

    page.get_by_role("link", name="Переглянути або позначити виконаним").click()
    screen = page.locator("[data-correction-to-carry]")
    expect(screen).to_contain_text(NOTE)
    page.screenshot(path=str(artifacts / "corrections-review-390.png"), full_page=True)
    screen.get_by_role("button", name="Позначити виконаним").click()

    expect(page.locator(".messages")).to_contain_text("позначено як виконане")
    expect(page.locator(".messages")).not_to_contain_text(NOTE)
    assert CorrectionToCarry.objects.get().cleared_how == "done"
