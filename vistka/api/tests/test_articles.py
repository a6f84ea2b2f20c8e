"""GET /api/v1/articles: fields, filters, order and cursor pagination."""

from datetime import timedelta

import pytest
from django.utils import timezone

from vistka.api.tests.builders import (
    API,
    BASE_URL,
    at,
    get_json,
    jpeg_image,
    story,
    translation_of,
)
from vistka.api.tests.conftest import rolled_back
from vistka.stories.factories import AuthorFactory, SectionFactory, TagFactory
from vistka.stories.kinds import Kind

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def news(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        politics = SectionFactory(name="Politics", slug="politics")
        economy = SectionFactory(name="Economy", slug="economy")
        war, energy = TagFactory(name="War", slug="war"), TagFactory(name="Energy", slug="energy")
        olena, ivan = AuthorFactory(name="Olena", slug="olena"), AuthorFactory(name="Ivan", slug="ivan")
        s = {
            "lead": story(
                title="Lead story",
                lead="What happened.",
                section=politics,
                tags=[energy, war],
                authors=[olena, ivan],
                lead_image=jpeg_image("Lead", size=(1600, 900), description="Described"),
                lead_image_caption="Caption",
                lead_image_credit="Credit",
                published_at=at(hours=-1),
                translate_to=("en",),
            ),
            "article": story(
                title="An article",
                kind=Kind.ARTICLE,
                section=economy,
                tags=[energy],
                authors=[ivan],
                published_at=at(hours=-2),
            ),
            "live": story(title="Live coverage", kind=Kind.LIVE, published_at=at(hours=-3)),
            "column": story(
                title="A column",
                kind=Kind.COLUMN,
                section=politics,
                tags=[war],
                authors=[olena],
                published_at=at(days=-1),
            ),
            "breaking": story(
                title="Breaking and important",
                is_important=True,
                breaking_until=timezone.now() + timedelta(hours=1),
                published_at=at(days=-2),
            ),
            "ru": story(edition="ru", title="Русская новость", published_at=at(hours=-5)),
        }
        s["en"] = translation_of(s["lead"], "en")
        yield s


def titles(data):
    return [item["headline"] for item in data["items"]]


def test_newest_first_across_editions(client, news):
    response, data = get_json(client, f"{API}/articles")
    assert response.status_code == 200
    assert titles(data) == [
        "[en] Lead story",
        "Lead story",
        "An article",
        "Live coverage",
        "Русская новость",
        "A column",
        "Breaking and important",
    ]
    assert data["next"] is None and data["next_cursor"] is None


def test_stories_published_at_the_same_moment_are_ordered_by_id(client, news):
    _, data = get_json(client, f"{API}/articles")
    same = [item["id"] for item in data["items"] if item["story_number"] == news["lead"].story_number]
    assert same == sorted(same, reverse=True)


def test_item_fields(client, news):
    _, data = get_json(client, f"{API}/articles?edition=uk&limit=1")
    item = data["items"][0]
    lead = news["lead"]
    assert item == {
        "id": lead.pk,
        "story_number": lead.story_number,
        "edition": "uk",
        "kind": "news",
        "headline": "Lead story",
        "lead": "What happened.",
        "url": f"{BASE_URL}/news/2025/05/28/{lead.story_number}/",
        "first_published_at": "2025-05-28T11:00:00+03:00",
        "last_modified": "2025-05-28T11:00:00+03:00",
        "section": {"slug": "politics", "name": "Politics", "url": f"{BASE_URL}/sections/politics/"},
        "tags": [
            {"slug": "energy", "name": "Energy", "url": f"{BASE_URL}/tags/energy/"},
            {"slug": "war", "name": "War", "url": f"{BASE_URL}/tags/war/"},
        ],
        "authors": [
            {"slug": "olena", "name": "Olena", "url": f"{BASE_URL}/authors/olena/"},
            {"slug": "ivan", "name": "Ivan", "url": f"{BASE_URL}/authors/ivan/"},
        ],
        "lead_image": {
            "url": item["lead_image"]["url"],
            "width": 1200,
            "height": 675,
            "alt": "Described",
            "caption": "Caption",
            "credit": "Credit",
        },
        "translations": {
            "uk": f"{BASE_URL}/news/2025/05/28/{lead.story_number}/",
            "en": f"{BASE_URL}/en/news/2025/05/28/{lead.story_number}/",
        },
        "is_important": False,
        "breaking": False,
    }
    assert item["lead_image"]["url"].startswith(f"{BASE_URL}/media/images/")
    assert item["lead_image"]["url"].endswith(".width-1200.jpg")


def test_kyiv_time_with_offset_in_winter_too(client):
    winter = story(title="Winter story", published_at=at(days=-150))  # 29 Dec 2024, UTC+2
    _, data = get_json(client, f"{API}/articles")
    item = next(i for i in data["items"] if i["id"] == winter.pk)
    assert item["first_published_at"] == "2024-12-29T11:00:00+02:00"
    assert item["url"].endswith(f"/news/2024/12/29/{winter.story_number}/")


def test_flags_and_missing_parts(client, news):
    _, data = get_json(client, f"{API}/articles?edition=uk")
    by_title = {item["headline"]: item for item in data["items"]}
    breaking = by_title["Breaking and important"]
    assert breaking["is_important"] is True and breaking["breaking"] is True
    live = by_title["Live coverage"]
    assert live["kind"] == "live" and live["url"].startswith(f"{BASE_URL}/live/")
    assert live["section"] is None and live["tags"] == [] and live["authors"] == []
    assert live["lead_image"] is None
    assert by_title["A column"]["url"].startswith(f"{BASE_URL}/columns/")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("edition=uk", {"Lead story", "An article", "Live coverage", "A column", "Breaking and important"}),
        ("edition=ru", {"Русская новость"}),
        ("edition=en", {"[en] Lead story"}),
        ("edition=uk&kind=column", {"A column"}),
        ("kind=live", {"Live coverage"}),
        ("edition=uk&section=politics", {"Lead story", "A column"}),
        ("section=economy", {"An article"}),
        ("edition=uk&tag=energy", {"Lead story", "An article"}),
        ("edition=uk&tag=war", {"Lead story", "A column"}),
        ("edition=uk&author=ivan", {"Lead story", "An article"}),
        ("edition=uk&author=olena&tag=war&section=politics", {"Lead story", "A column"}),
        ("edition=uk&since=2025-05-28T06:00:00Z", {"Lead story", "An article", "Live coverage"}),
        # since is inclusive, until exclusive
        ("edition=uk&since=2025-05-28T11:00:00%2B03:00", {"Lead story"}),
        (
            "edition=uk&until=2025-05-28T11:00:00%2B03:00",
            {"An article", "Live coverage", "A column", "Breaking and important"},
        ),
        (
            "edition=uk&since=2025-05-27T00:00:00%2B03:00&until=2025-05-28T10:00:00%2B03:00",
            {"Live coverage", "A column"},
        ),
        ("since=2025-05-29T00:00:00Z&until=2025-05-28T00:00:00Z", set()),
    ],
)
def test_filters(client, news, query, expected):
    response, data = get_json(client, f"{API}/articles?{query}")
    assert response.status_code == 200, data
    assert set(titles(data)) == expected


@pytest.mark.parametrize("query", ["section=nope", "tag=nope", "author=nope", "edition=ru&section=politics"])
def test_unknown_or_other_edition_slugs_give_an_empty_list(client, news, query):
    response, data = get_json(client, f"{API}/articles?{query}")
    assert response.status_code == 200
    assert data == {"items": [], "next": None, "next_cursor": None}


def test_translations_map_every_visible_version(client, news):
    _, data = get_json(client, f"{API}/articles?edition=en")
    (item,) = data["items"]
    number = news["lead"].story_number
    assert item["edition"] == "en"
    assert item["url"] == f"{BASE_URL}/en/news/2025/05/28/{number}/"
    assert item["translations"] == {
        "uk": f"{BASE_URL}/news/2025/05/28/{number}/",
        "en": f"{BASE_URL}/en/news/2025/05/28/{number}/",
    }


def test_limit_and_next(client, news):
    response, data = get_json(client, f"{API}/articles?edition=uk&limit=2&kind=news")
    assert titles(data) == ["Lead story", "Breaking and important"]
    assert data["next"] is None
    _, data = get_json(client, f"{API}/articles?edition=uk&limit=2")
    assert len(data["items"]) == 2
    assert data["next"] == f"{BASE_URL}{API}/articles?edition=uk&limit=2&cursor={data['next_cursor']}"


def walk(client, url):
    """All pages from `url`, following `next`; returns the pages' items."""
    pages = []
    while url:
        response, data = get_json(client, url.removeprefix(BASE_URL))
        assert response.status_code == 200, data
        pages.append(data["items"])
        url = data["next"]
    return pages


def test_pages_neither_repeat_nor_skip_while_stories_are_published(client):
    base = at(days=30)
    existing = [story(title=f"Old {n}", published_at=base - timedelta(minutes=n)) for n in range(7)]
    # three stories share one moment, across a page boundary
    existing += [story(title=f"Tied {n}", published_at=base - timedelta(minutes=10)) for n in range(3)]
    expected = [s.pk for s in sorted(existing, key=lambda s: (s.first_published_at, s.pk), reverse=True)]

    response, first = get_json(client, f"{API}/articles?limit=4&since=2025-06-01T00:00:00Z")
    # a story published between requests, newer than everything listed
    story(title="Fresh", published_at=base + timedelta(minutes=5))
    story(
        title="Fresh 2"
    )  # published now, also newer than the cursor? no: older than `base` -> filtered by since
    pages = [first["items"], *walk(client, first["next"])]

    ids = [item["id"] for page in pages for item in page]
    assert [len(page) for page in pages] == [4, 4, 2]
    assert ids == expected
    assert len(set(ids)) == len(ids)


def test_new_stories_appear_on_a_fresh_first_page(client):
    base = at(days=60)
    for n in range(3):
        story(title=f"Before {n}", published_at=base - timedelta(minutes=n))
    _, first = get_json(client, f"{API}/articles?limit=2&since=2025-07-20T00:00:00Z")
    story(title="After", published_at=base + timedelta(minutes=1))
    _, second = get_json(client, first["next"].removeprefix(BASE_URL))
    _, fresh = get_json(client, f"{API}/articles?limit=2&since=2025-07-20T00:00:00Z")
    assert titles(first) == ["Before 0", "Before 1"]
    assert titles(second) == ["Before 2"]
    assert titles(fresh) == ["After", "Before 0"]


def test_cursor_keeps_the_other_filters(client, news):
    pages = walk(client, f"{API}/articles?edition=uk&limit=1")
    assert [item["headline"] for page in pages for item in page] == [
        "Lead story",
        "An article",
        "Live coverage",
        "A column",
        "Breaking and important",
    ]
