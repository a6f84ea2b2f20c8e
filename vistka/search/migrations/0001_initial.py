import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The vendor-specific half of the table (frozen here; vistka/search/index.py writes and reads it).
POSTGRES = [
    "ALTER TABLE storysearch_entry ADD COLUMN tsv tsvector NOT NULL",
    # Many lexemes in the most-common-elements statistics: the planner's choice between the GIN
    # index (rare words) and walking the date index (common words) rests on them.
    "ALTER TABLE storysearch_entry ALTER COLUMN tsv SET STATISTICS 1000",
    "CREATE INDEX storysearch_tsv ON storysearch_entry USING gin (tsv) WITH (fastupdate = off)",
    # The row follows its page: not live any more -> gone; first publication changed (also by a
    # queryset update, which sends no signal) -> new date.
    """
    CREATE FUNCTION storysearch_page_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NOT NEW.live OR NEW.first_published_at IS NULL THEN
            DELETE FROM storysearch_entry WHERE page_id = NEW.id;
        ELSE
            UPDATE storysearch_entry SET published_at = NEW.first_published_at
            WHERE page_id = NEW.id AND published_at IS DISTINCT FROM NEW.first_published_at;
        END IF;
        RETURN NULL;
    END $$""",
    """
    CREATE TRIGGER storysearch_page_changed
    AFTER UPDATE OF live, first_published_at ON wagtailcore_page
    FOR EACH ROW
    WHEN (OLD.live IS DISTINCT FROM NEW.live OR OLD.first_published_at IS DISTINCT FROM NEW.first_published_at)
    EXECUTE FUNCTION storysearch_page_changed()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS storysearch_page_changed ON wagtailcore_page",
    "DROP FUNCTION IF EXISTS storysearch_page_changed()",
]
SQLITE = [
    "CREATE VIRTUAL TABLE storysearch_fts USING fts5(title, lead, body, tokenize = 'unicode61 remove_diacritics 0')",
    """
    CREATE TRIGGER storysearch_entry_deleted AFTER DELETE ON storysearch_entry
    BEGIN DELETE FROM storysearch_fts WHERE rowid = OLD.page_id; END""",
    """
    CREATE TRIGGER storysearch_page_changed
    AFTER UPDATE OF live, first_published_at ON wagtailcore_page
    WHEN OLD.live IS NOT NEW.live OR OLD.first_published_at IS NOT NEW.first_published_at
    BEGIN
        DELETE FROM storysearch_entry
        WHERE page_id = NEW.id AND (NOT NEW.live OR NEW.first_published_at IS NULL);
        UPDATE storysearch_entry SET published_at = NEW.first_published_at
        WHERE page_id = NEW.id AND NEW.live AND NEW.first_published_at IS NOT NULL;
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS storysearch_page_changed",
    "DROP TRIGGER IF EXISTS storysearch_entry_deleted",
    "DROP TABLE IF EXISTS storysearch_fts",
]


def run(statements):
    def operation(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return operation


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="StoryIndexEntry",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("locale_id", models.IntegerField()),
                ("published_at", models.DateTimeField()),
            ],
            options={
                "db_table": "storysearch_entry",
                "indexes": [
                    models.Index(fields=["locale_id", "-published_at", "-page"], name="storysearch_newest")
                ],
            },
        ),
        migrations.RunPython(
            run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
