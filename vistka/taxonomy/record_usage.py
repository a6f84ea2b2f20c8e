"""Which stories use a newsroom record, so that deleting one never silently strips bylines, tags,
sections or sources from stories (story authors and tags are deleted with their record, sections
set to none, sources in story bodies left dangling)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

SHOWN = 10  # stories named in a refusal; the rest are counted


def story_ids_using(record):
    """Ids of the stories (drafts included) that use `record`: by their author, tag or section
    rows, and by any reference Wagtail's reference index knows of (sources chosen in a body).
    Each part is one indexed lookup (an OR across them would scan every story)."""
    from vistka.people.models import Author
    from vistka.stories.models import ArticleAuthor, ArticlePage, ArticleTag
    from vistka.taxonomy.models import Section, Tag

    page_type = ContentType.objects.get_for_model(Page)
    referenced = ReferenceIndex.get_references_to(record).filter(base_content_type=page_type)
    ids = {int(pk) for pk in referenced.values_list("object_id", flat=True)}
    if isinstance(record, Author):
        ids.update(ArticleAuthor.objects.filter(author=record).values_list("page_id", flat=True))
    elif isinstance(record, Tag):
        ids.update(ArticleTag.objects.filter(tag=record).values_list("page_id", flat=True))
    elif isinstance(record, Section):
        ids.update(ArticlePage.objects.filter(section=record).values_list("pk", flat=True))
    return ids


def records_in_use(records):
    """(record, number of stories, the latest stories' titles) for each record stories use."""
    from vistka.stories.models import ArticlePage

    found = []
    for record in records:
        ids = story_ids_using(record)
        stories = ArticlePage.objects.filter(pk__in=ids).order_by("-latest_revision_created_at", "-pk")
        titles = list(stories.values_list("title", flat=True)[:SHOWN])
        if titles:
            found.append((record, stories.count() if len(titles) == SHOWN else len(titles), titles))
    return found


def refusal_text(in_use):
    """The message refusing a deletion: each record in use with the stories using it."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    parts = []
    for record, count, titles in in_use:
        titles = ", ".join(f"«{title}»" for title in titles)
        if count > SHOWN:
            titles += " " + _("and %(count)d more") % {"count": count - SHOWN}
        parts.append(
            ngettext(
                "“%(record)s” is used by %(count)d story: %(titles)s.",
                "“%(record)s” is used by %(count)d stories: %(titles)s.",
                count,
            )
            % {"record": record, "count": count, "titles": titles}
        )
    parts.append(_("Remove the record from those stories first, then delete it."))
    return " ".join(parts)
