"""In Debian's Chromium, an editor in Ukrainian opens the story listing on a laptop and a phone,
filters it by status, and opens the image library's filters."""

import pytest
from playwright.sync_api import expect

from vistka.stories.tests.test_listing import desk  # noqa: F401 (fixture)
from vistka.taxonomy.tests.test_browser_records import log_in

VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_story_listing_in_the_browser(browser, live_server, artifacts, desk, viewport):  # noqa: F811
    page = browser.new_context(viewport=VIEWPORTS[viewport], locale="uk-UA").new_page()
    log_in(page, live_server, desk["editor"].username)

    page.goto(f"{live_server.url}/admin/stories/")
    table = page.locator("table.listing")
    for heading in ("Заголовок", "Формат", "Рубрика", "Автори", "Мовна версія", "Статус"):
        expect(table.locator("thead")).to_contain_text(heading)
    expect(table).to_contain_text("Олена Коваль, Тарас Мельник")
    expect(table).to_contain_text("На перевірці: ")
    page.screenshot(path=str(artifacts / f"story-listing-{viewport}.png"))

    page.goto(f"{live_server.url}/admin/stories/?state=in_review")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("Обстріл Харкова")

    if viewport == "desktop":
        page.goto(f"{live_server.url}/admin/images/")
        filters = "button[aria-label='Фільтр'], .w-filter-button, [data-w-dropdown-target=toggle]"
        page.locator(filters).first.click()
        expect(page.get_by_role("button", name="Хто завантажив")).to_be_visible()
        expect(page.get_by_role("button", name="Автор фото")).to_be_visible()
        page.screenshot(path=str(artifacts / "image-library-filters.png"))
