"""Fill the story index of an existing database (about 10 minutes per million stories; an empty or
demo database takes no time). ``manage.py rebuild_story_index`` does the same at any time."""

from django.db import migrations


def fill(apps, schema_editor):
    from vistka.search.index import backend, entry, searchable_body, visible_stories

    ArticlePage = apps.get_model("stories", "ArticlePage")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    Locale = apps.get_model("wagtailcore", "Locale")
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    index = backend(schema_editor.connection)
    loader = index.bulk_loader(defer_gin=True, upsert=True)
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
        ("storysearch", "0001_initial"),
        ("stories", "0004_alter_articlepage_body"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
