"""Values the story templates need, computed outside the model with as few queries as the
page budget allows (see reader/tests/test_queries.py)."""

from types import SimpleNamespace

from django.db.models import DateTimeField, F, Value
from django.db.models.functions import Cast

from vistka.core.precompiled import Precompiled
from vistka.editions.languages import language_code_for_locale_id
from vistka.stories.models import ArticleAuthor, ArticlePage, ArticleTag, Correction

RELATED_SIZE = 6
NO_TIME = Cast(Value(None), DateTimeField())  # typed, or PostgreSQL reads the NULL as text


def _story_links(story_id):
    authors = (
        ArticleAuthor.objects.filter(page_id=story_id)
        .order_by()
        .values_list(
            Value("author"), "sort_order", "author_id", F("author__name"), F("author__slug"), NO_TIME
        )
    )
    tags = (
        ArticleTag.objects.filter(page_id=story_id)
        .order_by()
        .values_list(Value("tag"), "sort_order", "tag_id", F("tag__name"), F("tag__slug"), NO_TIME)
    )
    corrections = (
        Correction.objects.filter(page_id=story_id)
        .order_by()
        .values_list(Value("correction"), "sort_order", "id", "note", "type", "made_at")
    )
    return authors.union(tags, corrections, all=True)


STORY_LINKS = Precompiled(_story_links, ("int",))


def story_links(story, preview=False):
    """Authors, tags and corrections of a story, in order, in one query (a UNION of three tables).

    A preview shows the unsaved draft, whose links live on the in-memory page instead.
    """
    if preview:
        return (
            [link.author for link in story.story_authors.all()],
            [link.tag for link in story.story_tags.all()],
            sorted(story.corrections.all(), key=lambda c: c.made_at),
        )
    rows = STORY_LINKS(story.pk)
    found = {"author": [], "tag": [], "correction": []}
    for role, _sort_order, pk, name, slug, made_at in sorted(
        rows, key=lambda row: (row[0], row[1] is None, row[1] or 0)
    ):
        if role == "correction":
            found[role].append(Correction(pk=pk, page_id=story.pk, note=name, type=slug, made_at=made_at))
        else:
            found[role].append(SimpleNamespace(pk=pk, name=name, slug=slug))
    return found["author"], found["tag"], sorted(found["correction"], key=lambda c: c.made_at)


TRANSLATION_FIELDS = (*ArticlePage.LISTING_FIELDS, "translation_key")


def _translations(translation_key):
    return ArticlePage.objects.visible().filter(translation_key=translation_key).only(*TRANSLATION_FIELDS)


def _translations_and_related(translation_key, locale_id, tag_id, story_id):
    related_ids = (
        ArticlePage.objects.visible(locale_id)
        .filter(story_tags__tag_id=tag_id)
        .exclude(pk=story_id)
        .order_by("-first_published_at", "-pk")
        .values("pk")[:RELATED_SIZE]
    )
    # A UNION, not an OR: each half uses its own index (an OR scans every story).
    return (
        _translations(translation_key)
        .order_by()
        .union(
            ArticlePage.objects.visible().filter(pk__in=related_ids).only(*TRANSLATION_FIELDS).order_by(),
            all=True,
        )
    )


TRANSLATIONS = Precompiled(_translations, ("uuid",))
TRANSLATIONS_AND_RELATED = Precompiled(_translations_and_related, ("uuid", "int", "int", "int"))


def translations_and_related(story, main_tag):
    """The story's visible translations ({language code: path}) and the latest stories sharing
    its main tag, in one query."""
    if main_tag is None:
        found = TRANSLATIONS(story.translation_key)
    else:
        found = TRANSLATIONS_AND_RELATED(story.translation_key, story.locale_id, main_tag.pk, story.pk)
    links, related = {}, []
    for item in found:
        if item.translation_key == story.translation_key:
            links[language_code_for_locale_id(item.locale_id)] = item.canonical_path()
        else:
            related.append(item)
    related.sort(key=lambda s: (s.first_published_at, s.pk), reverse=True)
    return links, related
