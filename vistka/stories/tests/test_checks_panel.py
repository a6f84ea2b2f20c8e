"""The editor's Checks panel counts the story's words, reading time and readability: Wagtail
reads them from the preview, through the userbar the preview page must carry (it showed "-")."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from vistka.newsroom import roles
from vistka.stories.factories import ArticlePageFactory

PASSWORD = "correct-horse-battery"  # noqa: S105
TEXT = (
    "<p>Національний банк залишив облікову ставку без змін. Рішення ухвалили на засіданні правління, "
    "яке тривало дві години. Наступне засідання відбудеться за шість тижнів, повідомили в банку. "
    "Аналітики очікували такого рішення через уповільнення інфляції.</p>"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_checks_panel_counts_words_reading_time_and_readability(
    browser, live_server, django_user_model, artifacts
):
    reporter = django_user_model.objects.create_user(username="olena", password=PASSWORD)
    reporter.groups.add(Group.objects.get(name=roles.group_name(roles.REPORTERS, "uk")))
    story = ArticlePageFactory(title="НБУ залишив ставку", body=[("paragraph", TEXT)], draft=True)

    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "olena")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("main")
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    page.locator("[data-side-panel-toggle='checks']").click()

    words = page.locator("[data-content-word-count]")
    expect(words).not_to_have_text("-", timeout=20000)
    page.screenshot(path=str(artifacts / "checks-panel-uk.png"))
    assert int(words.inner_text()) >= 30
    assert re.search(r"\d", page.locator("[data-content-reading-time]").inner_text())
    assert page.locator("[data-content-readability-score]").inner_text() not in ("", "-")
