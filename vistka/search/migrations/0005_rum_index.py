"""PostgreSQL: the RUM index of the story index (matches of a query newest first, read from the
index alone), when the server has the ``rum`` extension (Debian: postgresql-NN-rum). Without it
nothing changes; ``manage.py rebuild_story_index --index-only`` adds it once it is installed."""

from django.db import migrations


def forwards(apps, schema_editor):
    from vistka.search.index import ensure_rum_index

    ensure_rum_index(schema_editor.connection)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS storysearch_rum")


class Migration(migrations.Migration):
    dependencies = [("storysearch", "0004_published_brin")]

    operations = [migrations.RunPython(forwards, backwards)]
