"""A feed costs a fixed number of queries: as many for 5 stories as for 50, and as many for short
bodies as for bodies that repeat every block type three times.

Every story's body uses every block type that points at other records (sources, images, galleries,
earlier stories, rich-text links to pages and documents, embeds), with live, hidden and missing
targets. Counted with cold caches (see builders.count_queries).
"""

import json

import pytest

from vistka.distribution.feeds import FEED_SIZE
from vistka.distribution.tests.builders import count_queries, jpeg_image, link_targets, rich_stories
from vistka.newsroom.tests.helpers import rolled_back

pytestmark = pytest.mark.django_db

FORMATS = ("rss", "atom", "json")
# Routing and the tag (8); the stories, their authors, tags and lead renditions (4); what their bodies
# point at (13): sources, images and gallery images, background and read-also stories, rich-text
# page links (pages by type: 3, the active locale, translations by type: 2), documents, embeds.
# The demo newsroom's bodies (no rich-text links or embeds) need 15 on /rss/.
FEED_BUDGET = 25


@pytest.fixture(scope="module")
def feeds(django_db_setup, django_db_blocker):
    """Tag feeds in the English edition: `few` (5 stories), `many` (52, the feed shows 50) and
    `long` (5 stories, every block three times)."""
    with rolled_back(django_db_blocker):
        images = [jpeg_image(f"Picture {i}", color=(20 * i, 90, 140)) for i in range(12)]
        targets = link_targets("en")
        rich_stories("en", 5, targets, images, "few")
        rich_stories("en", FEED_SIZE + 2, targets, images, "many", minutes=100)
        rich_stories("en", 5, targets, images, "long", copies=3, minutes=200)
        yield


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("few, many", [("few", "many"), ("few", "long")])
def test_feed_queries_do_not_grow_with_stories_or_blocks(client, feeds, fmt, few, many):
    few_count, few_sql, _ = count_queries(client, f"/en/tags/{few}/{fmt}/")
    many_count, many_sql, _ = count_queries(client, f"/en/tags/{many}/{fmt}/")

    shapes = {sql.split(" WHERE ")[0] for sql in few_sql}
    extra = [sql for sql in many_sql if sql.split(" WHERE ")[0] not in shapes]
    assert many_count == few_count, f"{few}: {few_count}, {many}: {many_count}; new shapes: {extra}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_stays_within_its_budget(client, feeds, fmt):
    count, sql, _ = count_queries(client, f"/en/tags/many/{fmt}/")

    assert count <= FEED_BUDGET, "\n".join(sql)


def test_feed_lists_the_newest_fifty_with_their_full_text(client, feeds):
    _, _, response = count_queries(client, "/en/tags/many/json/")

    items = json.loads(response.content)["items"]
    assert len(items) == FEED_SIZE
    assert [item["title"] for item in items[:3]] == [f"many story {FEED_SIZE + 1 - i}" for i in range(3)]
    for item in items:
        assert item["content_html"].count('<figure class="body-image">') == 3, item["title"]
        assert '<div class="embed">' in item["content_html"]
        assert '<p class="read-also">' in item["content_html"]
