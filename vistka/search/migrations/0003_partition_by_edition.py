"""PostgreSQL: the index table partitioned by edition (LIST on locale_id): per-edition statistics
and GIN indexes. Rows already there are kept; an empty index is filled from the stories (about
half an hour per million stories; ``manage.py rebuild_story_index`` does the same at any time).
SQLite: only the fill."""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE storysearch_entry RENAME TO storysearch_entry_old",
    "ALTER INDEX storysearch_tsv RENAME TO storysearch_tsv_old",
    "ALTER INDEX storysearch_newest RENAME TO storysearch_newest_old",
    "ALTER INDEX storysearch_entry_pkey RENAME TO storysearch_entry_pkey_old",
    """
    CREATE TABLE storysearch_entry (
        page_id integer NOT NULL,
        locale_id integer NOT NULL,
        published_at timestamptz NOT NULL,
        tsv tsvector NOT NULL,
        PRIMARY KEY (page_id, locale_id)
    ) PARTITION BY LIST (locale_id)""",
    "CREATE TABLE storysearch_entry_default PARTITION OF storysearch_entry DEFAULT",
    "ALTER TABLE storysearch_entry ALTER COLUMN tsv SET STATISTICS 1000",
    "ALTER TABLE storysearch_entry_default ALTER COLUMN tsv SET STATISTICS 1000",
    "CREATE INDEX storysearch_newest ON storysearch_entry (locale_id, published_at DESC, page_id DESC)",
]
POSTGRES_AFTER = [
    "INSERT INTO storysearch_entry SELECT page_id, locale_id, published_at, tsv FROM storysearch_entry_old "
    "ORDER BY locale_id, published_at, page_id",
    "DROP TABLE storysearch_entry_old",
    "SET LOCAL maintenance_work_mem = '512MB'",
    "CREATE INDEX storysearch_tsv ON storysearch_entry USING gin (tsv) WITH (fastupdate = off)",
    "ANALYZE storysearch_entry",
]


def partition(apps, schema_editor):
    from vistka.search.index import ensure_partitions

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in POSTGRES:
                cursor.execute(sql)
        ensure_partitions(connection)
        with connection.cursor() as cursor:
            for sql in POSTGRES_AFTER:
                cursor.execute(sql)
    fill_if_empty(apps, connection)


def fill_if_empty(apps, connection):
    from vistka.search.index import backend, entry, searchable_body, visible_stories

    StoryIndexEntry = apps.get_model("storysearch", "StoryIndexEntry")
    if StoryIndexEntry.objects.exists():
        return
    ArticlePage = apps.get_model("stories", "ArticlePage")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    Locale = apps.get_model("wagtailcore", "Locale")
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    loader = backend(connection).bulk_loader(defer_gin=True, upsert=True)
    stories = visible_stories(ArticlePage, PageViewRestriction).only(
        "id", "title", "lead", "body", "locale_id", "first_published_at"
    )
    rows = []
    for page in stories.order_by("pk").iterator(chunk_size=2000):
        e = entry(
            page.pk,
            page.locale_id,
            page.first_published_at,
            page.title,
            page.lead,
            searchable_body(page.body),
            languages[page.locale_id],
        )
        rows.append((e.page_id, e.locale_id, e.published_at, e.title, e.lead, e.body))
        if len(rows) >= 2000:
            loader.write(rows)
            rows = []
    loader.write(rows)
    loader.finish()


class Migration(migrations.Migration):
    dependencies = [
        ("storysearch", "0002_fill"),
        ("stories", "0004_alter_articlepage_body"),
    ]

    operations = [migrations.RunPython(partition, migrations.RunPython.noop)]
