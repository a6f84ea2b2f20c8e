"""The number of database queries does not grow with the number of stories served."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vistka.api.tests.builders import API, at, jpeg_image, records, story
from vistka.api.tests.conftest import rolled_back

pytestmark = pytest.mark.django_db

# The stories (with section and lead image), tags, authors, renditions, translations.
LIST_BUDGET = 5


@pytest.fixture(scope="module")
def many(django_db_setup, django_db_blocker):
    """40 stories with everything a list item shows, a quarter of them translated."""
    with rolled_back(django_db_blocker):
        found = records("uk", tags=3, authors=2)
        for n in range(40):
            story(
                title=f"Story {n}",
                section=found["section"],
                tags=found["tags"][n % 3 :] + found["tags"][: n % 3],
                authors=found["authors"],
                lead_image=jpeg_image(f"Lead {n}", size=(320, 180)),
                published_at=at(minutes=-n),
                translate_to=("en",) if n % 4 == 1 else (),
            )
        yield


def queries_for(client, url):
    client.get(url)  # renditions are made on first use
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


@pytest.mark.parametrize("query", ["edition=uk", "edition=uk&tag={tag}&author={author}", "section={section}"])
def test_list_queries_do_not_grow_with_the_page(client, many, query, django_assert_max_num_queries):
    first = client.get(f"{API}/articles?edition=uk&limit=1").json()["items"][0]
    query = query.format(
        section=first["section"]["slug"], tag=first["tags"][-1]["slug"], author=first["authors"][0]["slug"]
    )
    small, few = queries_for(client, f"{API}/articles?{query}&limit=5")
    large, more = queries_for(client, f"{API}/articles?{query}&limit=40")
    assert len(small.json()["items"]) == 5 and len(large.json()["items"]) == 40
    assert few == more, (few, more)
    with django_assert_max_num_queries(LIST_BUDGET):
        client.get(f"{API}/articles?{query}&limit=40")
    with django_assert_max_num_queries(LIST_BUDGET):
        client.get(f"{API}/articles?{query}&limit=5")


def test_lead_images_are_rendered_once(client, many):
    response, _ = queries_for(client, f"{API}/articles?edition=uk&limit=40")
    items = response.json()["items"]
    assert all(item["lead_image"]["url"].endswith(".width-1200.jpg") for item in items)
    assert all(len(item["tags"]) == 3 and len(item["authors"]) == 2 for item in items)
    assert sum(len(item["translations"]) == 2 for item in items) == 10


def test_tag_queries_do_not_grow_with_the_page(client, many, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get(f"{API}/tags?limit=100")
    with django_assert_max_num_queries(2):
        client.get(f"{API}/tags?limit=1")


def test_detail_queries_are_bounded(client, many, django_assert_max_num_queries):
    number = client.get(f"{API}/articles?edition=uk&limit=1").json()["items"][0]["story_number"]
    queries_for(client, f"{API}/articles/uk/{number}")
    with django_assert_max_num_queries(10):
        client.get(f"{API}/articles/uk/{number}")
