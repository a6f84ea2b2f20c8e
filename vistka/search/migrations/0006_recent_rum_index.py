"""PostgreSQL with the RUM index: the same index over the last year's stories only, so the
newest matches of common words read a tenth of the postings (``ensure_recent_rum_index``)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from vistka.search.index import ensure_recent_rum_index

    ensure_recent_rum_index(schema_editor.connection)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS storysearch_rum_recent")


class Migration(migrations.Migration):
    dependencies = [("storysearch", "0005_rum_index")]

    operations = [migrations.RunPython(forwards, backwards)]
