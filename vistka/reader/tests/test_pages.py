"""Every reader page in every edition (uk at /, ru at /ru/, en at /en/) shows that edition's
stories only, in that edition's language."""

import re

import pytest

from vistka.reader.tests.builders import EDITIONS, PREFIXES, soup, text_of, titles
from vistka.stories.kinds import LABELLED_KINDS, URL_ROOTS, Kind

pytestmark = pytest.mark.django_db

OTHERS = {edition: [other for other in EDITIONS if other != edition] for edition in EDITIONS}
# Interface strings of each edition that every page carries (the rail's heading).
LATEST_HEADING = {"uk": "Останні новини", "ru": "Последние новости", "en": "Latest news"}
KIND_LABELS = {
    "uk": {Kind.EXPLAINER: "Пояснюємо", Kind.LIVE: "Онлайн"},
    "ru": {Kind.EXPLAINER: "Объясняем"},
    "en": {Kind.EXPLAINER: "Explainer", Kind.LIVE: "Live"},
}


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


def assert_only_own_edition(response, edition):
    page = text_of(response)
    for other in OTHERS[edition]:
        assert f"{other} news headline" not in page
    assert soup(response).html["lang"] == edition


@pytest.mark.parametrize("edition", EDITIONS)
def test_home_page_shows_top_stories_and_section_blocks(client, editions, edition):
    response = get(client, PREFIXES[edition])
    html = soup(response)

    top = html.select(".top__item h3 a")
    assert [text_of(a) for a in top] == [f"{edition} article headline"]
    assert top[0]["href"] == editions[edition]["stories"][Kind.ARTICLE].url
    block = html.select_one(".home-section")
    assert text_of(block.h2) == f"{edition} Politics"
    assert block.h2.a["href"] == f"{PREFIXES[edition]}sections/politics/"
    # The newest four of the section, newest first.
    assert titles(block) == [f"{edition} {kind} headline" for kind in reversed(Kind.values)][:4]
    assert LATEST_HEADING[edition] in text_of(response)
    assert_only_own_edition(response, edition)


@pytest.mark.parametrize("kind", Kind.values)
@pytest.mark.parametrize("edition", EDITIONS)
def test_story_page_of_every_kind(client, editions, edition, kind):
    data = editions[edition]
    page = data["stories"][kind]
    assert page.url == f"{PREFIXES[edition]}{URL_ROOTS[kind]}/2025/05/28/{page.story_number}/"

    response = get(client, page.url)
    html = soup(response)

    assert text_of(html.h1) == f"{edition} {kind} headline"
    assert html.select_one("a.author")["href"] == f"{PREFIXES[edition]}authors/olena-koval/"
    assert html.select_one("a.story__section")["href"] == f"{PREFIXES[edition]}sections/politics/"
    assert html.select_one("nav.tags a")["href"] == f"{PREFIXES[edition]}tags/elections/"
    label = html.select_one(".story__meta .kind")
    assert (label is not None) == (kind in LABELLED_KINDS)
    if kind in KIND_LABELS[edition]:
        assert text_of(label) == KIND_LABELS[edition][kind]
    assert_only_own_edition(response, edition)


@pytest.mark.parametrize("edition", EDITIONS)
def test_section_page_lists_the_sections_stories(client, editions, edition):
    response = get(client, f"{PREFIXES[edition]}sections/politics/")
    html = soup(response)

    assert text_of(html.h1) == f"{edition} Politics"
    assert titles(html.main) == [f"{edition} {kind} headline" for kind in reversed(Kind.values)]
    assert_only_own_edition(response, edition)


@pytest.mark.parametrize("edition", EDITIONS)
def test_tag_page_lists_the_tags_stories(client, editions, edition):
    response = get(client, f"{PREFIXES[edition]}tags/elections/")
    html = soup(response)

    assert text_of(html.h1) == f"{edition} Elections"
    assert titles(html.main) == [f"{edition} {kind} headline" for kind in reversed(Kind.values)]
    assert_only_own_edition(response, edition)


@pytest.mark.parametrize("edition", EDITIONS)
def test_author_page_shows_the_author_and_their_stories(client, editions, edition):
    response = get(client, f"{PREFIXES[edition]}authors/olena-koval/")
    html = soup(response)

    assert text_of(html.h1) == f"{edition} Olena Koval"
    assert f"{edition} reporter" in text_of(html.main)
    assert titles(html.main) == [f"{edition} {kind} headline" for kind in reversed(Kind.values)]
    assert_only_own_edition(response, edition)


KIND_LIST_MEMBERS = {
    "news": [Kind.NEWS],
    "articles": [Kind.ARTICLE, Kind.INTERVIEW, Kind.EXPLAINER, Kind.PHOTO, Kind.VIDEO],
    "columns": [Kind.COLUMN],
    "live": [Kind.LIVE],
}


@pytest.mark.parametrize("root", KIND_LIST_MEMBERS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_kind_list_shows_only_its_kinds(client, editions, edition, root):
    response = get(client, f"{PREFIXES[edition]}{root}/")
    html = soup(response)

    assert len(html.find_all("h1")) == 1
    expected = [
        f"{edition} {kind} headline" for kind in reversed(Kind.values) if kind in KIND_LIST_MEMBERS[root]
    ]
    assert titles(html.main) == expected
    assert_only_own_edition(response, edition)


@pytest.mark.parametrize("root", KIND_LIST_MEMBERS)
@pytest.mark.parametrize("edition", ["uk", "ru"])
def test_kind_list_title_is_in_the_editions_language(client, editions, edition, root):
    html = soup(get(client, f"{PREFIXES[edition]}{root}/"))

    heading = text_of(html.h1)
    assert re.search("[а-яіїєґё]", heading, re.IGNORECASE), heading
    assert heading in text_of(html.title)


@pytest.mark.parametrize("edition", EDITIONS)
def test_archive_day_lists_the_days_stories_oldest_first(client, editions, edition):
    response = get(client, f"{PREFIXES[edition]}archive/2025/05/28/")
    html = soup(response)

    assert "28" in text_of(html.h1) and "2025" in text_of(html.h1)
    assert titles(html.main) == [f"{edition} {kind} headline" for kind in Kind.values]
    assert_only_own_edition(response, edition)


@pytest.mark.parametrize("edition", EDITIONS)
def test_all_news_lists_every_story_newest_first(client, editions, edition):
    response = get(client, f"{PREFIXES[edition]}all/")
    html = soup(response)

    assert titles(html.main) == [f"{edition} {kind} headline" for kind in reversed(Kind.values)]
    assert_only_own_edition(response, edition)


@pytest.mark.parametrize("edition", EDITIONS)
def test_search_page_finds_the_editions_stories(client, editions, edition):
    response = get(client, f"{PREFIXES[edition]}search/?q=headline&order=new")
    html = soup(response)

    found = [text_of(a) for a in html.select(".result h2 a")]
    assert found == [f"{edition} {kind} headline" for kind in reversed(Kind.values)]
    assert_only_own_edition(response, edition)


NOT_FOUND = {
    "uk": ("Сторінку не знайдено", "На головну"),
    "ru": ("Страница не найдена", "На главную"),
    "en": ("Page not found", "Go to the home page"),
}


@pytest.mark.parametrize(
    "path", ["nope/", "news/2025/05/28/999999/", "sections/nope/", "archive/2025/02/30/"]
)
@pytest.mark.parametrize("edition", EDITIONS)
def test_not_found_page_speaks_the_editions_language(client, editions, edition, path):
    response = get(client, f"{PREFIXES[edition]}{path}", status=404)
    html = soup(response)

    assert html.html["lang"] == edition
    heading, home_link = NOT_FOUND[edition]
    assert text_of(html.h1) == heading
    assert html.find("a", string=home_link)["href"] == PREFIXES[edition]
    assert LATEST_HEADING[edition] in text_of(response)


@pytest.mark.parametrize("edition", EDITIONS)
def test_untranslated_story_switches_to_the_other_editions_home(client, editions, edition):
    html = soup(get(client, editions[edition]["stories"][Kind.NEWS].url))

    links = {a["hreflang"]: a for a in html.select("nav.editions a")}
    assert set(links) == set(EDITIONS)
    for other in OTHERS[edition]:
        assert links[other]["href"] == PREFIXES[other]
    assert links[edition]["aria-current"] == "true"


@pytest.mark.parametrize("edition", EDITIONS)
def test_list_pages_switch_to_the_other_editions_home(client, editions, edition):
    html = soup(get(client, f"{PREFIXES[edition]}all/"))

    assert {a["hreflang"]: a["href"] for a in html.select("nav.editions a")} == PREFIXES
