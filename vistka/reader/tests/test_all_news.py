"""All news, newest first, with cursor pagination that stays stable while stories are published."""

from datetime import UTC, datetime

import pytest

from vistka.newsroom.tests.helpers import rolled_back
from vistka.reader import cursor
from vistka.reader.cursor import PAGE_SIZE
from vistka.reader.tests.builders import at, soup, story, text_of, titles

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return soup(response)


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        yield [story(title=f"uk story {i}", published_at=at(minutes=i)) for i in range(25)]


# --- all news and cursor pagination ---------------------------------------------------------


def test_all_news_is_newest_first_with_kyiv_times(client, newsroom):
    html = page(client, "/all/")

    assert titles(html.main) == [f"uk story {i}" for i in range(24, -1, -1)]
    times = [text_of(item.time) for item in html.select("main .story-item")]
    assert times == [f"12:{i:02d}" for i in range(24, -1, -1)]
    assert [text_of(h) for h in html.select("main .day-heading h2")] == ["28 травня 2025"]
    assert html.select_one("nav.pager") is None


def test_all_news_times_and_days_follow_kyiv_winter_time(client, newsroom):
    winter = story(title="Winter story", published_at=datetime(2025, 1, 15, 9, 5, tzinfo=UTC))
    late = story(title="Late in UTC", published_at=datetime(2025, 1, 15, 22, 30, tzinfo=UTC))

    html = page(client, f"/all/?before={cursor.encode(newsroom[0])}")
    assert titles(html.main) == [late.title, winter.title]
    # Winter: UTC+2. 22:30 UTC is already 16 January in Kyiv.
    assert [text_of(item.time) for item in html.select("main .story-item")] == ["00:30", "11:05"]
    assert [text_of(h) for h in html.select("main .day-heading h2")] == ["16 січня 2025", "15 січня 2025"]


def all_titles(client, url):
    """Follows the "Earlier stories" links to the end; returns every page's titles."""
    pages = []
    while url:
        html = page(client, url)
        pages.append(titles(html.main))
        link = html.select_one("nav.pager a[rel=next]")
        url = "/all/" + link["href"] if link else None
        assert len(pages) < 10
    return pages


def test_all_news_pages_with_a_cursor(client, newsroom):
    older = [story(title=f"older {i}", published_at=at(days=-1, minutes=i)) for i in range(PAGE_SIZE)]

    pages = all_titles(client, "/all/")

    assert [len(p) for p in pages] == [PAGE_SIZE, 25]
    assert sum(pages, []) == [f"uk story {i}" for i in range(24, -1, -1)] + [o.title for o in reversed(older)]


def test_cursor_is_stable_when_a_story_is_published_between_page_loads(client, newsroom):
    more = [story(title=f"extra {i}", published_at=at(days=-1, minutes=i)) for i in range(10)]
    first = page(client, "/all/")
    next_href = first.select_one("nav.pager a[rel=next]")["href"]

    story(title="Published meanwhile", published_at=None)  # now: the newest of all
    second = page(client, "/all/" + next_href)

    first_titles, second_titles = titles(first.main), titles(second.main)
    assert len(first_titles) == PAGE_SIZE
    assert "Published meanwhile" not in first_titles + second_titles
    assert not set(first_titles) & set(second_titles)
    expected = [f"uk story {i}" for i in range(24, -1, -1)] + [m.title for m in reversed(more)]
    assert first_titles + second_titles == expected
    assert titles(page(client, "/all/").main)[0] == "Published meanwhile"


def test_cursor_keeps_stories_published_in_the_same_microsecond(client, newsroom):
    same_moment = at(days=-2)
    twins = [story(title=f"twin {i}", published_at=same_moment) for i in range(PAGE_SIZE + 5)]

    pages = all_titles(client, "/all/")
    listed = sum(pages, [])
    assert sorted(t for t in listed if t.startswith("twin ")) == sorted(t.title for t in twins)
    assert len(listed) == len(set(listed)) == 25 + len(twins)


def test_earlier_pages_are_not_indexed_but_the_first_is(client, newsroom):
    first = page(client, "/all/")
    later = page(client, f"/all/?before={cursor.encode(newsroom[10])}")

    assert first.find("meta", attrs={"name": "robots"})["content"] == "max-image-preview:large"
    assert later.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert titles(later.main) == [f"uk story {i}" for i in range(9, -1, -1)]
