"""The markup every reader page shares: one h1, the edition's language, a skip link, landmarks,
and images with dimensions and alternative text."""

from collections import Counter

import pytest
from django.test import Client

from vistka.newsroom.tests.helpers import rolled_back
from vistka.reader.tests.builders import (
    EDITIONS,
    PREFIXES,
    build_edition,
    edition_settings,
    edition_urls,
    rich_story,
    soup,
)
from vistka.stories.factories import add_live_entry
from vistka.stories.kinds import Kind

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """Every page type of every edition, with a rich story (images, gallery, corrections) and a
    live story with entries per edition. Each page is fetched once, by the first test that needs it
    (inside that test's transaction, so a failing page fails its own tests only)."""
    with rolled_back(django_db_blocker):
        urls = {}
        for edition in EDITIONS:
            data = build_edition(edition)
            edition_settings(edition, support_url=f"https://donate.example/{edition}")
            live = data["stories"][Kind.LIVE]
            add_live_entry(live, "First entry", "<p>Text.</p>")
            add_live_entry(live, "Second entry", "<p>Text.</p>")
            rich = rich_story(edition=edition, title=f"{edition} rich story", section=data["section"])
            urls.update({(edition, name): url for name, url in edition_urls(edition).items()})
            urls[(edition, "rich story")] = rich.url
            urls[(edition, "live story")] = live.url
            urls[(edition, "news story")] = data["stories"][Kind.NEWS].url
            urls[(edition, "not found")] = f"{PREFIXES[edition]}no-such-page/"
        yield {"urls": urls, "responses": {}}


PAGE_NAMES = [
    "home",
    "all news",
    "news list",
    "articles list",
    "columns list",
    "live list",
    "section",
    "tag",
    "author",
    "archive",
    "search",
    "rich story",
    "live story",
    "news story",
    "not found",
]
CASES = [(edition, name) for edition in EDITIONS for name in PAGE_NAMES]


def fetch(client, site, case):
    if case not in site["responses"]:
        site["responses"][case] = Client(raise_request_exception=False).get(site["urls"][case])
    response = site["responses"][case]
    assert response.status_code == (404 if case[1] == "not found" else 200), response.status_code
    return soup(response)


@pytest.mark.parametrize("case", CASES, ids=[f"{e}-{n}" for e, n in CASES])
def test_exactly_one_h1(client, site, case):
    html = fetch(client, site, case)

    assert len(html.find_all("h1")) == 1
    assert html.h1.get_text(strip=True)


@pytest.mark.parametrize("case", CASES, ids=[f"{e}-{n}" for e, n in CASES])
def test_html_lang_is_the_edition_and_the_title_is_set(client, site, case):
    html = fetch(client, site, case)

    assert html.html["lang"] == case[0]
    assert "Vistka" in html.title.get_text(strip=True)


@pytest.mark.parametrize("case", CASES, ids=[f"{e}-{n}" for e, n in CASES])
def test_skip_link_leads_to_the_main_landmark(client, site, case):
    html = fetch(client, site, case)

    first_link = html.body.find("a")
    assert "skip" in first_link["class"]
    assert first_link["href"] == "#main"
    target = html.find(id="main")
    assert target is not None and target.name == "main"


@pytest.mark.parametrize("case", CASES, ids=[f"{e}-{n}" for e, n in CASES])
def test_landmarks_are_present_and_labelled(client, site, case):
    html = fetch(client, site, case)

    assert len(html.find_all("main")) == 1
    assert html.find("header") is not None and html.find("footer") is not None
    navs, asides = html.find_all("nav"), html.find_all("aside")
    assert len(navs) >= 2 and len(asides) == 1
    # Several landmarks of one type must be told apart by their labels.
    for landmarks in (navs, asides):
        labels = [element.get("aria-label") for element in landmarks]
        assert all(labels), labels
        assert len(set(labels)) == len(labels), labels


@pytest.mark.parametrize("case", CASES, ids=[f"{e}-{n}" for e, n in CASES])
def test_element_ids_are_unique(client, site, case):
    html = fetch(client, site, case)

    ids = Counter(element["id"] for element in html.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize("case", CASES, ids=[f"{e}-{n}" for e, n in CASES])
def test_images_have_dimensions_and_alt_text(client, site, case):
    html = fetch(client, site, case)

    for img in html.find_all("img"):
        assert img.has_attr("alt"), img
        assert int(img["width"]) > 0 and int(img["height"]) > 0, img


@pytest.mark.parametrize("edition", EDITIONS)
def test_story_images_are_described(client, site, edition):
    html = fetch(client, site, (edition, "rich story"))

    images = html.select("main img")
    assert len(images) == 4  # lead, body image, gallery of two
    assert all(img["alt"].strip() for img in images)
    assert images[0]["alt"] == "Lead alt"
