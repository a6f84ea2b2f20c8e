"""Section, tag and author pages, and the sections menu."""

import pytest

from vistka.newsroom.tests.helpers import rolled_back
from vistka.reader.tests.builders import at, soup, story, text_of, titles
from vistka.stories.factories import AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return soup(response)


# --- section, tag and author pages ----------------------------------------------------------------


@pytest.fixture(scope="module")
def records(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        section = SectionFactory(name="Економіка", slug="ekonomika", description="Гроші й ринки.")
        tag, second = TagFactory(name="Газ", slug="haz"), TagFactory(name="Нафта", slug="nafta")
        author = AuthorFactory(
            name="Олена Коваль", slug="olena-koval", role="Оглядачка", bio="Пише про енергетику."
        )
        co_author = AuthorFactory(name="Петро Бондар", slug="petro-bondar")
        story(
            title="Main tag story", section=section, tags=[tag], authors=[author], published_at=at(minutes=1)
        )
        story(
            title="Second tag story",
            tags=[second, tag],
            authors=[co_author, author],
            published_at=at(minutes=2),
        )
        story(title="Unrelated story", published_at=at(minutes=3))
        story(title="Draft in the section", section=section, tags=[tag], authors=[author], draft=True)
        yield


def test_section_page_lists_its_stories_with_its_description(client, records):
    html = page(client, "/sections/ekonomika/")

    assert text_of(html.h1) == "Економіка"
    assert "Гроші й ринки." in text_of(html.main)
    assert titles(html.main) == ["Main tag story"]


def test_tag_page_lists_stories_with_the_tag_in_any_position(client, records):
    html = page(client, "/tags/haz/")

    assert text_of(html.h1) == "Газ"
    assert titles(html.main) == ["Second tag story", "Main tag story"]


def test_author_page_lists_stories_by_the_author_and_co_authors(client, records):
    html = page(client, "/authors/olena-koval/")

    assert text_of(html.h1) == "Олена Коваль"
    assert "Оглядачка" in text_of(html.main) and "Пише про енергетику." in text_of(html.main)
    assert titles(html.main) == ["Second tag story", "Main tag story"]
    assert titles(page(client, "/authors/petro-bondar/").main) == ["Second tag story"]


def test_sections_menu_links_the_editions_sections(client, records):
    html = page(client, "/")

    links = {text_of(a): a["href"] for a in html.select("nav.sections a")}
    assert links["Економіка"] == "/sections/ekonomika/"
    assert links["Усі новини"] == "/all/"
    assert links["Пошук"] == "/search/"
    assert "Економіка" not in text_of(page(client, "/ru/").select_one("nav.sections"))
