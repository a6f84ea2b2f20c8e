"""Whatever a reader (or a bot) types into the address bar or the search box is a 200, a 301 or
a 404, never a server error."""

from urllib.parse import quote

import pytest
from django.test import Client

from vistka.newsroom.tests.helpers import rolled_back
from vistka.reader.tests.builders import EDITIONS, PREFIXES, at, soup, story, text_of
from vistka.stories.factories import AuthorFactory, SectionFactory, TagFactory
from vistka.stories.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    """A client that turns unhandled exceptions into the 500 a reader would get."""
    return Client(raise_request_exception=False)


@pytest.fixture(scope="module")
def stories(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        section = SectionFactory(name="Політика", slug="polityka")
        tag = TagFactory(name="Газ", slug="haz")
        author = AuthorFactory(name="Олена Коваль", slug="olena-koval")
        yield [
            story(
                title="Київ готується до зими",
                section=section,
                tags=[tag],
                authors=[author],
                published_at=at(),
            ),
            story(
                title="Переговори тривають",
                section=section,
                tags=[tag],
                authors=[author],
                published_at=at(minutes=1),
            ),
        ]


LISTS = ["all/", "news/", "articles/", "sections/polityka/", "tags/haz/", "authors/olena-koval/"]


@pytest.mark.parametrize("value", ["abc", "999999", "-1", "", "1e9"])
@pytest.mark.parametrize("path", ["", *LISTS, "archive/2025/05/28/", "search/?q=Київ"])
def test_unknown_page_parameter_is_ignored(reader, stories, path, value):
    separator = "&" if "?" in path else "?"
    response = reader.get(f"/{path}{separator}page={quote(value)}")

    assert response.status_code == 200


BAD_CURSORS = {
    "letters": "abc",
    "beyond any date": "99999999999999999999-1",
    "beyond any page id": "1748422800000000-99999999999999999999999",
    "negative": "-1-1",
    "decimal": "1.5-2",
    "no page id": "1748422800000000",
    "empty page id": "1748422800000000-",
    "dash": "-",
    "nul": "\x00",
    "three parts": "1748422800000000-1-1",
    "arabic-indic digits": "٣-٣",  # int() accepts them
    "5000 digits": "9" * 5000 + "-1",
}


@pytest.mark.parametrize("cursor", BAD_CURSORS.values(), ids=BAD_CURSORS.keys())
@pytest.mark.parametrize("path", LISTS)
def test_malformed_cursor_is_never_a_server_error(reader, stories, path, cursor):
    response = reader.get(f"/{path}", {"before": cursor})

    assert response.status_code in (200, 404), response.status_code


def test_cursor_from_before_the_first_story_is_an_empty_page(reader, stories):
    response = reader.get("/all/", {"before": "1-1"})

    assert response.status_code == 200
    assert "Матеріалів поки немає." in text_of(response)


QUERIES = {
    "10,000 characters": "переговори " * 909 + "Київ",
    "double quotes": '"Київ"',
    "unbalanced quote": '"Київ',
    "single quote": "'",
    "apostrophe word": "прем'єр-міністр",
    "typographic apostrophe": "прем’єр",
    "hyphenated": "Kyiv-based",
    "star": "*",
    "prefix star": "Ки*",
    "near": "NEAR",
    "near operator": "NEAR(Київ зими, 2)",
    "sql injection": '"; DROP TABLE wagtailcore_page; --',
    "or 1=1": "' OR 1=1 --",
    "boolean operators": "Київ AND NOT OR зими",
    "fts column filter": "title:Київ",
    "caret": "^Київ",
    "parentheses": "(((",
    "tsquery syntax": "Київ & !зими | <->",
    "percent and underscore": "%_%",
    "backslash": "\\",
    "nul": "Київ\x00зими",
    "emoji": "🇺🇦 Київ",
    "combining accent": "Ки́їв",
    "right to left": "\u202eвіїК",
    "only punctuation": "!!! ??? ...",
    "thirty words": " ".join(f"слово{i}" for i in range(30)),
}


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
@pytest.mark.parametrize("edition", EDITIONS)
def test_any_search_query_is_answered(reader, stories, edition, query):
    response = reader.get(f"{PREFIXES[edition]}search/", {"q": query})

    assert response.status_code == 200
    assert soup(response).select_one("input[name=q]") is not None


@pytest.mark.parametrize("order", ["new", "relevance", "", "old", "'; DROP TABLE x; --"])
@pytest.mark.parametrize("offset", ["0", "20", "-5", "abc", "1" * 5000, "999999999999"])
def test_any_search_order_and_offset_is_answered(reader, stories, order, offset):
    response = reader.get("/search/", {"q": "Київ", "order": order, "offset": offset})

    assert response.status_code == 200


def test_injection_attempts_leave_the_database_alone(reader, stories):
    before = ArticlePage.objects.count()
    reader.get("/search/", {"q": QUERIES["sql injection"]})
    reader.get("/search/", {"q": QUERIES["or 1=1"]})

    assert ArticlePage.objects.count() == before
    assert "Київ готується до зими" in text_of(reader.get("/search/", {"q": "Київ"}))


def test_a_long_query_is_cut_not_refused(reader, stories):
    response = reader.get("/search/", {"q": QUERIES["10,000 characters"]})

    assert response.status_code == 200
    assert len(soup(response).select_one("input[name=q]")["value"]) <= 500


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(
    "path",
    [
        "sections/nope/",
        "tags/nope/",
        "authors/nope/",
        "sections/POLITYKA/",
        "tags/haz-/",
        "news/2025/05/28/0/",
        "news/2025/05/28/999999999999/",
        "news/2025/05/28/abc/",
        "video/2025/05/28/1/",
        "stories/",
        "search/extra/",
    ],
)
def test_unknown_records_and_addresses_are_not_found(reader, stories, edition, path):
    response = reader.get(f"{PREFIXES[edition]}{path}")

    assert response.status_code == 404


@pytest.mark.parametrize("path", ["sections/polityka/", "tags/haz/", "authors/olena-koval/"])
def test_another_editions_records_are_not_found(reader, stories, path):
    assert reader.get(f"/{path}").status_code == 200
    assert reader.get(f"/ru/{path}").status_code == 404
    assert reader.get(f"/en/{path}").status_code == 404


IMPOSSIBLE_DATES = [
    "2025/02/30",
    "2025/13/01",
    "2025/00/10",
    "2025/01/32",
    "2025/01/00",
    "0000/01/01",
    "2023/02/29",
]


@pytest.mark.parametrize("day", IMPOSSIBLE_DATES)
@pytest.mark.parametrize("edition", EDITIONS)
def test_impossible_archive_dates_are_not_found(reader, stories, edition, day):
    assert reader.get(f"{PREFIXES[edition]}archive/{day}/").status_code == 404


@pytest.mark.parametrize(
    "day, canonical",
    [
        ("2025/5/8", "2025/05/08"),
        ("2025/05/8", "2025/05/08"),
        ("2025/5/28", "2025/05/28"),
        ("2024/2/29", "2024/02/29"),
    ],
)
@pytest.mark.parametrize("edition", EDITIONS)
def test_unpadded_archive_date_redirects_permanently(reader, stories, edition, day, canonical):
    response = reader.get(f"{PREFIXES[edition]}archive/{day}/")

    assert response.status_code == 301
    assert response["Location"] == f"{PREFIXES[edition]}archive/{canonical}/"
    assert reader.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("day", ["0001/01/01", "0999/12/31", "1000/01/01", "9999/12/30", "9999/12/31"])
def test_archive_days_at_the_ends_of_the_calendar_are_answered_without_a_redirect(reader, stories, day):
    """A padded date is already canonical: it is served (an empty day) or not found, never a 500
    and never a redirect to an address the archive route does not match."""
    response = reader.get(f"/archive/{day}/")

    assert response.status_code in (200, 404), (response.status_code, response.get("Location"))
