"""The reader site in Debian's Chromium: edition switching, search, phone and desktop widths,
and an automated accessibility check (axe-core) of the home, article and search pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from vistka.editions.models import EditionSettings
from vistka.stories.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
)
from vistka.stories.kinds import Kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def newsroom():
    section = SectionFactory(name="Політика", slug="polityka")
    tag = TagFactory(name="переговори", slug="perehovory")
    author = AuthorFactory(name="Олена Коваль", slug="olena-koval")
    source = SourceFactory(name="Агенція Обрій", qualifier="незалежна", url="")
    body = [
        ("source", {"source": source, "note": ""}),
        ("labelled", {"label": "details", "text": "<p>Делегації провели переговори у Стамбулі.</p>"}),
        ("quote", {"text": "Ми домовилися про обмін.", "attribution": "Речник делегації"}),
        ("labelled", {"label": "background", "text": "<p>Попередній раунд відбувся навесні.</p>"}),
    ]
    translated = ArticlePageFactory(
        title="Переговори про обмін полоненими завершилися",
        lead="Сторони погодили новий обмін.",
        section=section,
        tags=[tag],
        authors=[author],
        body=body,
        is_important=True,
        translate_to=("ru",),
    )
    lonely = ArticlePageFactory(
        title="Тролейбуси в Житомирі їздитимуть довше", section=section, tags=[tag], kind=Kind.EXPLAINER
    )
    for i in range(6):
        ArticlePageFactory(title=f"Коротка новина номер {i}", section=section, tags=[tag])
    for code in ("uk", "ru"):
        EditionSettings.objects.create(
            locale_id=translated.locale_id if code == "uk" else translated.get_translations().get().locale_id,
            support_heading="Підтримайте нас" if code == "uk" else "Поддержите нас",
            support_url="https://donate.example/vistka",
            support_button="Підтримати",
        )
    return {"translated": translated, "lonely": lonely}


def test_edition_switcher_goes_to_the_same_story_or_to_the_edition_home(browser, live_server, newsroom):
    page = browser.new_page(viewport=DESKTOP)
    translated, lonely = newsroom["translated"], newsroom["lonely"]
    russian = translated.get_translations().get().specific

    page.goto(live_server.url + translated.url)
    page.locator(".editions a[lang=ru]").click()
    expect(page).to_have_url(live_server.url + russian.url)
    expect(page.locator("html")).to_have_attribute("lang", "ru")

    page.goto(live_server.url + lonely.url)
    page.locator(".editions a[lang=en]").click()
    expect(page).to_have_url(live_server.url + "/en/")
    page.close()


def test_search_finds_other_word_forms(browser, live_server, newsroom):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + "/search/")
    page.get_by_label("Пошук новин").fill("переговорів")
    page.get_by_role("button", name="Пошук").click()
    expect(page.locator(".result").first).to_contain_text("Переговори про обмін полоненими")
    expect(page.locator(".result mark").first).to_be_visible()
    page.close()


@pytest.mark.parametrize("width_name,viewport", [("phone", PHONE), ("desktop", DESKTOP)])
def test_pages_at_phone_and_desktop_width(browser, live_server, newsroom, artifacts, width_name, viewport):
    story = newsroom["translated"]
    pages = {
        "home": "/",
        "article": story.url,
        "section": "/sections/polityka/",
        "tag": "/tags/perehovory/",
        "author": "/authors/olena-koval/",
        "all-news": "/all/",
        "search": "/search/?q=переговорів",
        "not-found": "/no-such-page/",
        "ru-home": "/ru/",
    }
    page = browser.new_page(viewport=viewport)
    for name, path in pages.items():
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        # Nothing wider than the screen: no sideways scrolling on a phone.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width_name} width"
        page.screenshot(path=str(artifacts / f"reader-{name}-{width_name}.png"), full_page=True)
    page.close()


def test_no_serious_accessibility_violations(browser, live_server, newsroom):
    axe = Axe()
    page = browser.new_page(viewport=PHONE)
    for path in ("/", newsroom["translated"].url, "/search/?q=переговорів"):
        page.goto(live_server.url + path)
        results = axe.run(page)
        serious = [
            (v["id"], v["impact"], len(v["nodes"]))
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert serious == [], f"{path}: {serious}"
    page.close()
