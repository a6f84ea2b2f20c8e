"""The large-run path on PostgreSQL: search index rows written on a second connection (its own
transaction, committed after the stories'), GIN indexes dropped and rebuilt. It commits, so the
test is transactional (the database is flushed afterwards)."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale, Page

from vistka.archive.management.commands.generate_archive import generate
from vistka.archive.writer import index_entry_model
from vistka.reader.search import search_stories
from vistka.search.models import StoryIndexEntry
from vistka.stories.models import ArticlePage

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'"),
]


@pytest.fixture(autouse=True)
def media(tmp_path):
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        yield


def gin_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = ANY(%s) AND indexdef LIKE %s",
            [[index_entry_model()._meta.db_table, StoryIndexEntry._meta.db_table], "% USING gin %"],
        )
        return sorted(row[0] for row in cursor.fetchall())


def test_parallel_index_writer_commits_pages_and_index():
    indexes = gin_indexes()
    with translation.override("uk"):
        _plan, _catalogue, writer, page_ids, _s = generate(
            90,
            seed=11,
            years=2,
            batch=25,
            until=datetime(2025, 5, 1, tzinfo=UTC),
            images=3,
            defer_indexes="yes",
            parallel="yes",
            wagtail_index=True,
            progress=False,
        )
    assert not isinstance(writer.index.error, Exception)
    assert gin_indexes() == indexes
    pks = [pk for ids in page_ids.values() for pk in ids]
    assert ArticlePage.objects.filter(pk__in=pks).count() == 90
    entries = index_entry_model().objects.filter(
        content_type_id=writer.content_type_id, object_id__in=[str(pk) for pk in pks]
    )
    assert entries.count() == 90
    assert StoryIndexEntry.objects.filter(page_id__in=pks).count() == 90
    assert Page.find_problems() == ([], [], [], [], [])
    page = ArticlePage.objects.get(pk=page_ids["uk"][3])
    locale_id = Locale.objects.get(language_code="uk").pk
    hits = search_stories(locale_id, "uk", page.title).hits
    assert page.pk in [story.pk for story, _snippet in hits]


def test_a_failing_index_writer_rolls_the_stories_back(monkeypatch):
    from vistka.archive import writer as writer_module

    def broken(self, rows):
        raise ValueError("disk full")

    monkeypatch.setattr(writer_module.SearchIndexWriter, "write", broken)
    before = ArticlePage.objects.count()
    index_before = StoryIndexEntry.objects.count()
    with translation.override("uk"), pytest.raises(RuntimeError, match="search index failed"):
        generate(30, seed=12, years=1, batch=10, images=2, parallel="yes", progress=False)
    assert ArticlePage.objects.count() == before
    assert StoryIndexEntry.objects.count() == index_before
    assert any("storysearch_tsv" in definition for definition in gin_indexes())
