"""Stories: the newest-first list with filters, and one story in full."""

from typing import Annotated

from django.http import Http404
from ninja import Path, Query, Router, Schema
from pydantic import Field

from vistka.api import cursors, links, queries
from vistka.api.params import MAX_BIGINT, MOMENT_HELP, Absent, Edition, Moment, Slug, StoryKind
from vistka.api.schemas import ArticleDetail, ArticleList, Error
from vistka.api.serializers import articles as serialize

router = Router(tags=["articles"])


class ArticleFilters(Schema):
    edition: Edition | Absent = Field(
        None, description="Only this edition's stories (default: all editions)."
    )
    kind: StoryKind | Absent = Field(None, description="Only stories of this kind.")
    section: Slug | Absent = Field(None, description="Section slug. An unknown slug gives an empty list.")
    tag: Slug | Absent = Field(None, description="Tag slug (any of the story's tags). Unknown: empty list.")
    author: Slug | Absent = Field(None, description="Author slug. An unknown slug gives an empty list.")
    since: Moment | Absent = Field(
        None, description=f"First published at or after this moment. {MOMENT_HELP}"
    )
    until: Moment | Absent = Field(None, description=f"First published before this moment. {MOMENT_HELP}")
    cursor: cursors.Token | Absent = Field(
        None, description="Opaque position from a previous page's `next_cursor`; absent for the first page."
    )
    limit: int = Field(20, ge=1, le=100, description="Stories per page.")


@router.get(
    "/articles",
    response={200: ArticleList, 400: Error},
    url_name="articles",
    operation_id="listArticles",
    summary="Stories, newest first",
)
def list_articles(request, filters: Query[ArticleFilters]):
    """Publicly visible stories ordered by first publication, newest first, one page at a time.

    Follow `next` (or pass `next_cursor` as `cursor`) for older stories: pages neither repeat nor
    skip stories when new ones are published in between. Slug filters with no match give an empty
    list, not an error.
    """
    queryset = queries.filtered(
        edition=filters.edition and filters.edition.value,
        kind=filters.kind and filters.kind.value,
        section=filters.section,
        tag=filters.tag,
        author=filters.author,
        since=filters.since,
        until=filters.until,
    )
    if filters.cursor:
        queryset = cursors.stories_after(queryset, filters.cursor)
    stories, next_cursor = cursors.page_of(
        queries.with_listing_data(queryset), filters.limit, cursors.story_cursor
    )
    return {
        "items": serialize.summaries(stories),
        "next": links.next_page(request, next_cursor),
        "next_cursor": next_cursor,
    }


StoryNumber = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="The story's number (as in its address).")]


@router.get(
    "/articles/{edition}/{story_number}",
    response={200: ArticleDetail, 400: Error, 404: Error},
    url_name="article",
    operation_id="getArticle",
    summary="One story in full",
)
def get_article(request, edition: Edition, story_number: StoryNumber):
    """A publicly visible story with its body. 404 when the edition has no such visible story."""
    story = (
        queries.with_listing_data(queries.visible(edition.value).filter(story_number=story_number))
        .defer(None)
        .first()
    )
    if story is None:
        raise Http404("No publicly visible story with this number in this edition.")
    return serialize.detail(story)
