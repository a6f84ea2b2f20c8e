"""The reader site's queries, all built on ArticlePage.objects.visible()."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import translation

from vistka.core.cache import cached_record
from vistka.editions.languages import locale_id_for
from vistka.stories.models import ArticlePage
from vistka.taxonomy.models import Section

LATEST_COLUMN_SIZE = 20


def current_locale_id():
    return locale_id_for(translation.get_language() or "uk")


def stories(locale_id):
    return ArticlePage.objects.visible(locale_id).for_listing()


def latest(locale_id, limit=LATEST_COLUMN_SIZE):
    return list(stories(locale_id)[:limit])


def sections_menu(locale_id):
    return cached_record(
        f"sections-menu:{locale_id}",
        lambda: list(Section.objects.filter(locale_id=locale_id).order_by("sort_order", "name")),
    )


def latest_by_section(locale_id, per_section=4):
    """The newest stories of every section, in one query (a window function per section)."""
    ranked = (
        stories(locale_id)
        .filter(section__isnull=False)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("section_id")], order_by=F("first_published_at").desc())
        )
        .filter(rank__lte=per_section)
        .order_by("section_id", "-first_published_at")
    )
    grouped = {}
    for story in ranked.only(*ArticlePage.LISTING_FIELDS, "section_id"):
        grouped.setdefault(story.section_id, []).append(story)
    return grouped
