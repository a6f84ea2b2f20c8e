"""The schedule dialog, driven in Chromium: an editor types a go-live time to the minute with the
keyboard, "Save schedule" is not covered by a picker, "Schedule to publish" makes it scheduled,
the dashboard lists it, and the scheduler publishes it at that minute. And a new news item left
after typing a headline leaves no story behind (autosave waits for real content)."""

import io
import re
import signal
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import make_staff
from vistka.stories.factories import ArticlePageFactory, TagFactory
from vistka.stories.models import ArticlePage, StoryNumber

KYIV = ZoneInfo("Europe/Kyiv")
CLICK_TIMEOUT = 5000  # ms: a covered button makes Playwright wait and fail


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw")
    page.click("button[type=submit]")
    expect(page.locator("main")).to_be_visible()


def tomorrow_at(hour, minute):
    day = timezone.localtime(timezone.now(), KYIV).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=KYIV)


def type_date_time(page, field, when):
    """Keyboard only, as a person types into the browser's date-time field. The test Chromium's
    field is laid out mm/dd/yyyy, hh:mm (a Ukrainian browser's is dd.mm.yyyy, hh:mm)."""
    field.focus()
    page.keyboard.type(f"{when:%m%d%Y}")
    page.keyboard.press("Tab")  # from the year (up to 6 digits) to the hour
    page.keyboard.type(f"{when:%H%M}")


def open_schedule_dialog(page):
    page.locator("[data-side-panel-toggle='status']").click()
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    dialog = page.locator("#schedule-publishing-dialog")
    expect(dialog).to_be_visible()
    return dialog


@pytest.fixture
def keep_sigterm_handler():
    previous = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, previous)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_editor_schedules_a_story_at_a_minute_typed_with_the_keyboard(
    browser, live_server, artifacts, keep_sigterm_handler, width, height
):
    make_staff("schedule-editor", (roles.EDITORS, "uk"))
    story = ArticlePageFactory(title="Сесія міськради о 14:37", draft=True, tags=[TagFactory()])
    when = tomorrow_at(14, 37)

    context = browser.new_context(viewport={"width": width, "height": height}, timezone_id="Europe/Kyiv")
    page = context.new_page()
    try:
        log_in(page, live_server, "schedule-editor")
        page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
        dialog = open_schedule_dialog(page)
        field = page.locator("#id_go_live_at")
        type_date_time(page, field, when)
        assert field.input_value() == f"{when:%Y-%m-%dT%H:%M}"
        page.screenshot(path=str(artifacts / f"schedule-dialog-{width}.png"))
        # No force: Playwright refuses to click a button something else covers.
        dialog.get_by_role("button", name="Зберегти графік").click(timeout=CLICK_TIMEOUT)
        page.wait_for_load_state()
        assert ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object().go_live_at == when
        if width != 1366:
            return

        page.locator("footer [data-w-dropdown-target='toggle']").click()
        page.locator("footer button[name='action-publish']").click(timeout=CLICK_TIMEOUT)
        page.wait_for_load_state()
        story = ArticlePage.objects.get(pk=story.pk)
        assert not story.live and story.scheduled_revision.approved_go_live_at == when

        page.goto(f"{live_server.url}/admin/")
        scheduled = page.locator("[aria-labelledby='scheduled-heading']")
        expect(scheduled).to_contain_text(story.title)
        expect(scheduled).to_contain_text(f"{when:%d.%m} 14:37")
    finally:
        context.close()

    with time_machine.travel(when + timedelta(seconds=30), tick=False):
        call_command("run_scheduler", "--once", stdout=io.StringIO(), stderr=io.StringIO())
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.live
    assert story.first_published_at == when


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_new_news_item_left_after_its_headline_leaves_no_story(browser, live_server, artifacts):
    make_staff("draft-reporter", (roles.REPORTERS, "uk"))
    numbers, stories = StoryNumber.objects.count(), ArticlePage.objects.count()
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        log_in(page, live_server, "draft-reporter")
        page.goto(f"{live_server.url}/newsroom/new-news-item/")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1500)  # Wagtail starts watching the form for changes after it settles
        page.locator("#id_title").click()  # typed: Wagtail notices changes from key presses
        page.keyboard.type("Мер міста", delay=20)
        # Wagtail autosaves half a second after a change; it is declined, and says why.
        warning = page.locator(".footer__save-warning")
        expect(warning).to_contain_text("щонайменше 3 слова ліду чи тексту", timeout=10000)
        page.screenshot(path=str(artifacts / "new-news-item-headline-only.png"))
        assert ArticlePage.objects.count() == stories and StoryNumber.objects.count() == numbers

        page.locator("#id_lead").click()
        page.keyboard.type("Мер міста подав у відставку сьогодні вранці.", delay=20)
        expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=10000)
        page.wait_for_load_state("networkidle")  # the edit form's hydration, before the database is read
        story = ArticlePage.objects.get(title="Мер міста")
        assert story.title == "Мер міста" and story.story_number == StoryNumber.objects.latest("pk").pk
    finally:
        page.goto("about:blank")  # no request of this page still running when the database is flushed
        page.wait_for_timeout(500)
        page.close()
