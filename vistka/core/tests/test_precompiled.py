"""A precompiled queryset returns what the same queryset built afresh returns, for every value."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vistka.core.precompiled import Precompiled
from vistka.stories.factories import ArticlePageFactory, TagFactory
from vistka.stories.models import ArticlePage, ArticleTag
from vistka.stories.presenters import TRANSLATIONS_AND_RELATED, _translations_and_related

pytestmark = pytest.mark.django_db


def by_number(locale_id, number):
    return ArticlePage.objects.visible(locale_id).filter(story_number=number).select_related("section")[:1]


def rows(objects):
    return [(o.pk, o.title, o.translation_key, o.section_id and o.section.name) for o in objects]


def test_runs_the_same_sql_with_each_callers_values_and_builds_the_same_objects():
    stories = [ArticlePageFactory(title=f"Story {i}") for i in range(3)]
    precompiled = Precompiled(by_number, ("int", "int"))
    for story in stories:
        assert rows(precompiled(story.locale_id, story.story_number)) == rows(
            by_number(story.locale_id, story.story_number)
        )
    assert precompiled(stories[0].locale_id, 10**9) == []
    assert precompiled(stories[0].locale_id + 999, stories[0].story_number) == []
    with CaptureQueriesContext(connection) as captured:
        found = precompiled(stories[1].locale_id, stories[1].story_number)
    assert [s.pk for s in found] == [stories[1].pk]
    assert len(captured) == 1


def test_a_union_with_a_uuid_and_repeated_values_matches_the_orm():
    tag = TagFactory()
    stories = [ArticlePageFactory(title=f"Tagged {i}") for i in range(4)]
    for story in stories:
        ArticleTag.objects.create(page=story, tag=tag, sort_order=0)
    for story in stories:
        args = (story.translation_key, story.locale_id, tag.pk, story.pk)
        assert sorted(rows(TRANSLATIONS_AND_RELATED(*args))) == sorted(rows(_translations_and_related(*args)))
    assert TRANSLATIONS_AND_RELATED(uuid.uuid4(), stories[0].locale_id, tag.pk + 999, 0) == []


def test_an_argument_that_never_reaches_the_sql_is_refused():
    precompiled = Precompiled(
        lambda number, unused: ArticlePage.objects.filter(story_number=number), ("int", "int")
    )
    with pytest.raises(RuntimeError, match="not every argument"):
        precompiled(1, 2)


def test_chooser_blocks_fetch_the_chosen_records_once_and_keep_order_gaps_and_repeats():
    from vistka.stories.blocks import StoryChooserBlock

    stories = [ArticlePageFactory(title=f"Chosen {i}") for i in range(3)]
    block = StoryChooserBlock(page_type="stories.ArticlePage")
    values = [stories[2].pk, None, stories[0].pk, stories[2].pk, 10**9, str(stories[1].pk)]
    with CaptureQueriesContext(connection) as captured:
        found = block.bulk_to_python(values)
    assert len(captured) == 1
    assert [getattr(obj, "title", None) for obj in found] == [
        "Chosen 2",
        None,
        "Chosen 0",
        "Chosen 2",
        None,
        "Chosen 1",
    ]
    assert found[0] is not found[3]  # one instance per occurrence, as Wagtail's own
    with CaptureQueriesContext(connection) as captured:
        assert block.bulk_to_python([None, None]) == [None, None]
    assert len(captured) == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_on_postgresql_the_sql_becomes_one_prepared_statement_with_a_generic_plan_and_is_logged():
    from vistka.core.precompiled import prepares_statements

    assert prepares_statements(connection)  # the default settings turn it on
    stories = [ArticlePageFactory(title=f"Prepared {i}") for i in range(4)]
    precompiled = Precompiled(by_number, ("int", "int"))
    logged = []
    for story in stories:
        with CaptureQueriesContext(connection) as captured:
            found = rows(precompiled(story.locale_id, story.story_number))
        assert found == rows(by_number(story.locale_id, story.story_number))
        logged.append(captured[0]["sql"])
    # The log still shows each query with its own values (psycopg keeps no text for a prepared run).
    for story, sql in zip(stories, logged, strict=True):
        assert f'"stories_articlepage"."story_number" = {story.story_number}' in sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%"stories_articlepage"."story_number" = $%'],
        )
        plans = cursor.fetchall()
    assert len(plans) == 1  # one statement for every story
    generic, custom = plans[0]
    assert (generic, custom) == (len(stories) - 2, 0)  # prepared from its third run, never re-planned
