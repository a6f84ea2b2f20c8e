"""The latest-news column beside every page: the 20 newest stories of the edition, HH:MM in Kyiv
time, important stories emphasised, kinds labelled."""

from datetime import UTC, datetime

import pytest

from vistka.newsroom.tests.helpers import rolled_back
from vistka.reader.tests.builders import at, soup, story, text_of, titles
from vistka.stories.kinds import Kind

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return soup(response)


def rail(html):
    return html.select_one("aside .latest")


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        uk = [
            story(
                title=f"uk story {i}",
                published_at=at(minutes=i),
                is_important=(i % 5 == 0),
                kind=Kind.EXPLAINER if i == 23 else Kind.NEWS,
            )
            for i in range(25)
        ]
        for i in range(3):
            story(edition="ru", title=f"ru story {i}", published_at=at(hours=1, minutes=i))
        story(title="uk draft", draft=True)
        story(title="uk scheduled", scheduled=True)
        yield {"uk": uk}


# A page that is not found carries the column too.
@pytest.mark.parametrize("url", ["/", "/all/", "/sections/no-such-section/", "/search/?q=story"])
def test_latest_column_holds_the_20_newest_stories_of_the_edition(client, newsroom, url):
    column = rail(soup(client.get(url)))

    assert titles(column) == [f"uk story {i}" for i in range(24, 4, -1)]


def test_latest_column_times_are_kyiv_hours_and_minutes(client, newsroom):
    ru = rail(page(client, "/ru/"))
    uk = rail(page(client, "/"))

    assert [text_of(t) for t in ru.select(".story-item time")] == ["13:02", "13:01", "13:00"]
    assert ru.select_one(".story-item time")["datetime"] == "2025-05-28T13:02:00+03:00"
    assert [text_of(t) for t in uk.select(".story-item time")] == [f"12:{i:02d}" for i in range(24, 4, -1)]


def test_latest_column_emphasises_important_stories(client, newsroom):
    column = rail(page(client, "/"))

    important = [
        text_of(li.select_one(".story-item__text a")) for li in column.select(".story-item--important")
    ]
    assert important == ["uk story 20", "uk story 15", "uk story 10", "uk story 5"]


def test_latest_column_labels_kinds_in_the_editions_language(client, newsroom):
    column = rail(page(client, "/"))

    labelled = {
        text_of(li.select_one(".story-item__text a")): text_of(li.select_one(".kind"))
        for li in column.select(".story-item")
        if li.select_one(".kind")
    }
    assert labelled == {"uk story 23": "Пояснюємо"}


def test_breaking_stories_are_flagged(client, newsroom):
    story(
        title="uk breaking story", published_at=at(hours=2), breaking_until=datetime(2999, 1, 1, tzinfo=UTC)
    )

    item = rail(page(client, "/")).select_one(".story-item")
    assert text_of(item.select_one(".flag")) == "Терміново"
