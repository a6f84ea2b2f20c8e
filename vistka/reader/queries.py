"""The reader site's queries, all built on ArticlePage.objects.visible()."""

import functools

from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import translation

from vistka.core.cache import cached_record
from vistka.core.precompiled import Precompiled
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


# (alias, locale, per section, section ids) -> the UNION below, compiled once: building and
# compiling a dozen visibility-filtered parts cost ~30 ms of CPU per home page at a million stories.
_BY_SECTION = {}


def _newest_of_each_section(locale_id, section_ids, per_section):
    fields = (*ArticlePage.LISTING_FIELDS, "section_id")
    parts = [stories(locale_id).filter(section_id=pk).only(*fields)[:per_section] for pk in section_ids]
    return parts[0].union(*parts[1:], all=True)


def latest_by_section(locale_id, per_section=4):
    """The newest stories of every section, in one query.

    Where the database allows a LIMIT in each part of a UNION (PostgreSQL), each section is its own
    newest-first walk that stops after `per_section` stories: a window function over the whole
    edition numbers every story it has (3.4 s at 600,000 stories). SQLite keeps the window.
    """
    if connection.features.supports_slicing_ordering_in_compound:
        sections = sections_menu(locale_id)
        if not sections:
            return {}
        key = (connection.alias, locale_id, per_section, tuple(section.pk for section in sections))
        query = _BY_SECTION.get(key)
        if query is None:
            if len(_BY_SECTION) >= 100:
                _BY_SECTION.clear()
            query = _BY_SECTION[key] = Precompiled(
                functools.partial(_newest_of_each_section, locale_id, key[3], per_section), ()
            )
        grouped = {}
        for story in query(using=connection.alias):
            grouped.setdefault(story.section_id, []).append(story)
        for found in grouped.values():
            found.sort(key=lambda story: (story.first_published_at, story.pk), reverse=True)
        return grouped
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
