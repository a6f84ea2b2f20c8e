"""PostgreSQL: a BRIN index on published_at. Stories arrive in publication order, so a range of
dates is a range of table blocks: the older slices of a search AND this (nearly free) index with
the GIN one instead of a date btree range of hundreds of thousands of entries."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX storysearch_published_brin ON storysearch_entry USING brin (published_at) "
            "WITH (pages_per_range = 8, autosummarize = on)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS storysearch_published_brin")


class Migration(migrations.Migration):
    dependencies = [("storysearch", "0003_partition_by_edition")]

    operations = [migrations.RunPython(forwards, backwards)]
