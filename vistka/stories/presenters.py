"""Values the story templates need, computed outside the model."""

from types import SimpleNamespace

from django.db.models import F, Value

from vistka.editions.languages import language_code_for_locale_id
from vistka.stories.models import ArticleAuthor, ArticlePage, ArticleTag

RECORD_COLUMNS = ("role", "sort_order", "record_id", "record_name", "record_slug")


def authors_and_tags(story, preview=False):
    """The story's authors and tags, in order, in one query (a UNION of the two link tables).

    A preview shows the unsaved draft, whose links live on the in-memory page instead.
    """
    if preview:
        return (
            [link.author for link in story.story_authors.all()],
            [link.tag for link in story.story_tags.all()],
        )
    authors = (
        ArticleAuthor.objects.filter(page_id=story.pk)
        .order_by()
        .values_list(Value("author"), "sort_order", "author_id", F("author__name"), F("author__slug"))
    )
    tags = (
        ArticleTag.objects.filter(page_id=story.pk)
        .order_by()
        .values_list(Value("tag"), "sort_order", "tag_id", F("tag__name"), F("tag__slug"))
    )
    found = {"author": [], "tag": []}
    for role, _sort_order, pk, name, slug in sorted(
        authors.union(tags, all=True), key=lambda row: (row[0], row[1])
    ):
        found[role].append(SimpleNamespace(pk=pk, name=name, slug=slug))
    return found["author"], found["tag"]


def edition_links(story):
    """{language code: URL} of the story's visible translations, itself included."""
    translations = (
        ArticlePage.objects.visible()
        .filter(translation_key=story.translation_key)
        .only("id", "kind", "story_number", "url_root", "first_published_at", "locale_id", "go_live_at")
    )
    return {language_code_for_locale_id(t.locale_id): t.canonical_path() for t in translations}
