"""The API's root, the editions and the records: sections, tags (paginated) and authors."""

import pytest

from vistka.api.tests.builders import API, BASE_URL, get_json
from vistka.api.tests.conftest import rolled_back
from vistka.stories.factories import AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def records(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        yield {
            "sections": [
                SectionFactory(name="War", slug="war", sort_order=1, description="The front."),
                SectionFactory(name="Economy", slug="economy", sort_order=2),
                SectionFactory(name="Аналітика", slug="analytics", sort_order=2),
                SectionFactory(edition="en", name="War", slug="war", sort_order=1),
            ],
            "tags": [TagFactory(name=f"Tag {n}", slug=f"tag-{n}") for n in range(5)]
            + [TagFactory(edition="ru", name="Тег", slug="teg")],
            "authors": [
                AuthorFactory(name="Ярина", slug="yaryna", role="Editor", bio="Writes."),
                AuthorFactory(name="Андрій", slug="andrii"),
                AuthorFactory(edition="en", name="Andrii", slug="andrii"),
            ],
        }


def test_root_links_to_everything(client):
    response, data = get_json(client, f"{API}/")
    assert response.status_code == 200
    assert data["name"] == "Vistka public API" and data["version"] == "1"
    assert data["links"] == {
        name: f"{BASE_URL}{API}/{path}"
        for name, path in {
            "articles": "articles",
            "editions": "editions",
            "sections": "sections",
            "tags": "tags",
            "authors": "authors",
            "openapi": "openapi.json",
            "docs": "docs",
        }.items()
    }
    assert data["templates"] == {"article": f"{BASE_URL}{API}/articles/{{edition}}/{{story_number}}"}
    for url in data["links"].values():
        assert client.get(url.removeprefix(BASE_URL)).status_code == 200


def test_editions(client):
    _, data = get_json(client, f"{API}/editions")
    assert data["items"] == [
        {
            "code": "uk",
            "name": "Українська",
            "short": "Укр",
            "default": True,
            "url": f"{BASE_URL}/",
            "articles": f"{BASE_URL}{API}/articles?edition=uk",
        },
        {
            "code": "ru",
            "name": "Русский",
            "short": "Рус",
            "default": False,
            "url": f"{BASE_URL}/ru/",
            "articles": f"{BASE_URL}{API}/articles?edition=ru",
        },
        {
            "code": "en",
            "name": "English",
            "short": "Eng",
            "default": False,
            "url": f"{BASE_URL}/en/",
            "articles": f"{BASE_URL}{API}/articles?edition=en",
        },
    ]


def test_sections_of_an_edition_in_menu_order(client, records):
    _, data = get_json(client, f"{API}/sections?edition=uk")
    assert data["items"] == [
        {
            "slug": "war",
            "name": "War",
            "url": f"{BASE_URL}/sections/war/",
            "edition": "uk",
            "description": "The front.",
        },
        {
            "slug": "economy",
            "name": "Economy",
            "url": f"{BASE_URL}/sections/economy/",
            "edition": "uk",
            "description": "",
        },
        {
            "slug": "analytics",
            "name": "Аналітика",
            "url": f"{BASE_URL}/sections/analytics/",
            "edition": "uk",
            "description": "",
        },
    ]


def test_sections_of_all_editions(client, records):
    _, data = get_json(client, f"{API}/sections")
    assert [(s["edition"], s["slug"]) for s in data["items"]] == [
        ("uk", "war"),
        ("uk", "economy"),
        ("uk", "analytics"),
        ("en", "war"),
    ]
    assert data["items"][-1]["url"] == f"{BASE_URL}/en/sections/war/"
    _, data = get_json(client, f"{API}/sections?edition=ru")
    assert data == {"items": []}


def test_authors(client, records):
    _, data = get_json(client, f"{API}/authors?edition=uk")
    assert data["items"] == [
        {
            "slug": "andrii",
            "name": "Андрій",
            "url": f"{BASE_URL}/authors/andrii/",
            "edition": "uk",
            "role": "",
            "bio": "",
        },
        {
            "slug": "yaryna",
            "name": "Ярина",
            "url": f"{BASE_URL}/authors/yaryna/",
            "edition": "uk",
            "role": "Editor",
            "bio": "Writes.",
        },
    ]
    _, data = get_json(client, f"{API}/authors?edition=en")
    assert [(a["slug"], a["url"]) for a in data["items"]] == [("andrii", f"{BASE_URL}/en/authors/andrii/")]


def test_tags_page_by_page(client, records):
    url, pages = f"{API}/tags?edition=uk&limit=2", []
    while url:
        response, data = get_json(client, url)
        assert response.status_code == 200
        pages.append([tag["slug"] for tag in data["items"]])
        url = data["next"] and data["next"].removeprefix(BASE_URL)
        if url:
            assert f"cursor={data['next_cursor']}" in url and "edition=uk" in url and "limit=2" in url
    assert pages == [["tag-0", "tag-1"], ["tag-2", "tag-3"], ["tag-4"]]


def test_tags_of_all_editions(client, records):
    _, data = get_json(client, f"{API}/tags")
    assert [(t["edition"], t["slug"]) for t in data["items"]][-2:] == [("uk", "tag-4"), ("ru", "teg")]
    assert data["items"][-1] == {
        "slug": "teg",
        "name": "Тег",
        "url": f"{BASE_URL}/ru/tags/teg/",
        "edition": "ru",
    }
    assert data["next"] is None
