"""The date archive: one Kyiv day of an edition, with links to the nearest days that have stories."""

from datetime import UTC, datetime

import pytest

from vistka.newsroom.tests.helpers import rolled_back
from vistka.reader.tests.builders import soup, story, text_of, titles

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return soup(response)


# --- the date archive -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        story(title="20 May story", published_at=datetime(2025, 5, 20, 9, 0, tzinfo=UTC))
        story(title="28 May morning", published_at=datetime(2025, 5, 28, 6, 0, tzinfo=UTC))
        story(title="28 May evening", published_at=datetime(2025, 5, 28, 18, 0, tzinfo=UTC))
        # 22:30 UTC on 28 May is 01:30 on 29 May in Kyiv.
        story(title="Just after Kyiv midnight", published_at=datetime(2025, 5, 28, 22, 30, tzinfo=UTC))
        story(title="3 June story", published_at=datetime(2025, 6, 3, 9, 0, tzinfo=UTC))
        story(title="Draft of 25 May", draft=True)
        story(edition="ru", title="ru 25 May", published_at=datetime(2025, 5, 25, 9, 0, tzinfo=UTC))
        yield


def pager(html):
    return {a["rel"][0]: a["href"] for a in html.select("nav.pager a")}


def test_archive_day_lists_the_kyiv_days_stories(client, archive):
    html = page(client, "/archive/2025/05/28/")

    assert text_of(html.h1) == "середа, 28 травня 2025"
    assert titles(html.main) == ["28 May morning", "28 May evening"]
    assert [text_of(t) for t in html.select("main .story-item time")] == ["09:00", "21:00"]


def test_archive_links_skip_days_without_stories(client, archive):
    assert pager(page(client, "/archive/2025/05/28/")) == {
        "prev": "/archive/2025/05/20/",
        "next": "/archive/2025/05/29/",
    }
    assert pager(page(client, "/archive/2025/05/29/")) == {
        "prev": "/archive/2025/05/28/",
        "next": "/archive/2025/06/03/",
    }


def test_archive_of_an_empty_day_says_so_and_links_both_ways(client, archive):
    html = page(client, "/archive/2025/05/25/")

    assert titles(html.main) == []
    assert "Цього дня матеріалів немає." in text_of(html.main)
    assert pager(html) == {"prev": "/archive/2025/05/20/", "next": "/archive/2025/05/28/"}


def test_archive_has_no_link_beyond_the_first_and_last_days(client, archive):
    assert pager(page(client, "/archive/2025/05/20/")) == {"next": "/archive/2025/05/28/"}
    assert pager(page(client, "/archive/2025/06/03/")) == {"prev": "/archive/2025/05/29/"}


def test_archive_of_another_edition_links_its_own_days(client, archive):
    html = page(client, "/ru/archive/2025/05/28/")

    assert titles(html.main) == []
    assert pager(html) == {"prev": "/ru/archive/2025/05/25/"}
