"""The desk's review budget in a real Chromium: after signing in, an editor reaches the first story
awaiting review in at most 2 clicks and approves-and-publishes it in at most 2 more. Prints the
click counts, and saves each role's dashboard at 1366x768 (test-artifacts/dashboard-<role>.png)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from vistka.newsroom import roles
from vistka.stories.factories import ArticlePageFactory
from vistka.stories.models import ArticlePage

PASSWORD = "correct-horse-battery"  # noqa: S105
SCREEN = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
REVIEW_BUDGET = 2
APPROVE_BUDGET = 2


def make_user(django_user_model, username, role, edition="uk"):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org"
    )
    user.groups.add(Group.objects.get(name=roles.group_name(role, edition)))
    return user


class Clicks:
    """Counts the clicks a person makes (each one through here)."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator):
        locator.click()
        self.count += 1


def sign_in(browser, live_server, username, viewport=SCREEN):
    page = browser.new_page(viewport=viewport)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")  # signing in: the budget counts from the dashboard it opens
    expect(page.locator("main")).to_be_visible()
    return page


def assert_panels_fit_one_screen(page, role):
    last = page.locator("section.w-panel").last.bounding_box()
    bottom = last["y"] + last["height"]
    print(f"{role} dashboard: its panels end at {bottom:.0f} px of {SCREEN['height']}")  # noqa: T201
    assert bottom <= SCREEN["height"]


def assert_panels_fit_a_phone(page, role):
    """Nothing of a panel runs off a 390 px screen: headings, titles, buttons."""
    overflowing = page.evaluate(
        """(width) => [...document.querySelectorAll('section.w-panel, section.w-panel h2, '
            + 'section.w-panel td, section.w-panel .button')]
            .filter((el) => el.getBoundingClientRect().right > width + 1)
            .map((el) => el.tagName + ' ' + el.textContent.trim().slice(0, 40))""",
        PHONE["width"],
    )
    assert not overflowing, f"{role} dashboard at {PHONE['width']} px: {overflowing}"


def newsroom(django_user_model):
    reporter = make_user(django_user_model, "reporter-uk", roles.REPORTERS)
    make_user(django_user_model, "editor-uk", roles.EDITORS)
    make_user(django_user_model, "translator-en", roles.TRANSLATORS, "en")
    now = timezone.now()
    for i in range(30):  # a busy day: 30 stories of the last hours still lack an English version
        ArticlePageFactory(title=f"Новина дня номер {i}", published_at=now - timedelta(minutes=5 * i))
    queue = []
    for i in range(3):
        story = ArticlePageFactory(title=f"Матеріал на перевірку {i}", draft=True, owner=reporter)
        story.get_workflow().start(story, reporter)
        queue.append(story)
    ArticlePageFactory(title="Чернетка репортера", draft=True, owner=reporter)
    return queue


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_reaches_and_approves_the_first_story_awaiting_review_within_budget(
    browser, live_server, django_user_model, artifacts
):
    queue = newsroom(django_user_model)
    editor = sign_in(browser, live_server, "editor-uk")
    editor.screenshot(path=str(artifacts / "dashboard-editor.png"))
    first_panel = editor.locator("section.w-panel").first
    assert first_panel.get_attribute("id") == "review_queue"
    box = first_panel.bounding_box()
    assert box["y"] + box["height"] <= SCREEN["height"], f"review queue ends at {box['y'] + box['height']} px"

    assert_panels_fit_one_screen(editor, "editor")

    reaching = Clicks(editor)
    reaching.click(first_panel.get_by_role("link", name=queue[0].title))
    expect(editor).to_have_url(f"{live_server.url}/admin/pages/{queue[0].pk}/edit/")

    approving = Clicks(editor)
    approving.click(editor.locator("footer [data-w-dropdown-target='toggle']"))
    approving.click(editor.locator("footer button[data-workflow-action-name='approve']").first)
    editor.wait_for_load_state()
    expect(editor.locator(".messages")).to_be_visible()
    print(  # noqa: T201 (the budget report a person reads)
        f"\nclicks to the first story awaiting review: {reaching.count} (budget {REVIEW_BUDGET}); "
        f"approve and publish: {approving.count} (budget {APPROVE_BUDGET})"
    )
    assert ArticlePage.objects.get(pk=queue[0].pk).live
    assert reaching.count <= REVIEW_BUDGET and approving.count <= APPROVE_BUDGET

    for username, role in (("reporter-uk", "reporter"), ("translator-en", "translator")):
        page = sign_in(browser, live_server, username)
        page.screenshot(path=str(artifacts / f"dashboard-{role}.png"))
        assert_panels_fit_one_screen(page, role)
        page.close()
    for username, role in (
        ("editor-uk", "editor"),
        ("reporter-uk", "reporter"),
        ("translator-en", "translator"),
    ):
        phone = sign_in(browser, live_server, username, viewport=PHONE)
        phone.screenshot(path=str(artifacts / f"dashboard-{role}-phone.png"))
        assert_panels_fit_a_phone(phone, role)
        phone.close()
