"""The editions and their records: sections, tags and authors."""

from ninja import Query, Router, Schema
from pydantic import Field

from vistka.api import cursors, links
from vistka.api.params import Absent, Edition
from vistka.api.schemas import AuthorList, EditionList, Error, SectionList, TagList
from vistka.editions.languages import EDITIONS, language_code_for_locale_id, locale_id_for
from vistka.people.models import Author
from vistka.taxonomy.models import Section, Tag

router = Router(tags=["editions"])

EDITION_ORDER = {edition.code: position for position, edition in enumerate(EDITIONS)}


class EditionFilter(Schema):
    edition: Edition | Absent = Field(
        None, description="Only this edition's records (default: all editions)."
    )


class TagFilters(EditionFilter):
    cursor: cursors.Token | Absent = Field(
        None, description="Opaque position from a previous page's `next_cursor`."
    )
    limit: int = Field(100, ge=1, le=100, description="Tags per page.")


def _in_edition(queryset, edition):
    return queryset.filter(locale_id=locale_id_for(edition.value)) if edition else queryset


def _edition_of(record):
    return language_code_for_locale_id(record.locale_id)


def _record(kind, record, **extra):
    code = _edition_of(record)
    return {
        "slug": record.slug,
        "name": record.name,
        "url": links.record(kind, code, record.slug),
        "edition": code,
        **extra,
    }


@router.get(
    "/editions",
    response={200: EditionList},
    url_name="editions",
    operation_id="listEditions",
    summary="The editions",
)
def list_editions(request):
    """The editions of the newspaper, the default one first."""
    return {
        "items": [
            {
                "code": edition.code,
                "name": edition.name,
                "short": edition.short,
                "default": edition.prefix == "/",
                "url": links.edition_home(edition.code),
                "articles": links.api("articles", {"edition": edition.code}),
            }
            for edition in EDITIONS
        ]
    }


@router.get(
    "/sections",
    response={200: SectionList, 400: Error},
    url_name="sections",
    operation_id="listSections",
    summary="Sections, in menu order",
)
def list_sections(request, filters: Query[EditionFilter]):
    """Sections in menu order, edition by edition."""
    sections = sorted(
        _in_edition(Section.objects.all(), filters.edition),
        key=lambda s: (EDITION_ORDER.get(_edition_of(s), len(EDITION_ORDER)), s.sort_order, s.name, s.pk),
    )
    return {"items": [_record("sections", s, description=s.description) for s in sections]}


@router.get(
    "/tags",
    response={200: TagList, 400: Error},
    url_name="tags",
    operation_id="listTags",
    summary="Tags, page by page",
)
def list_tags(request, filters: Query[TagFilters]):
    """Tags in the order they were created, one page at a time (follow `next`)."""
    queryset = _in_edition(Tag.objects.order_by("pk"), filters.edition)
    if filters.cursor:
        queryset = cursors.records_after(queryset, filters.cursor)
    tags, next_cursor = cursors.page_of(queryset, filters.limit, cursors.record_cursor)
    return {
        "items": [_record("tags", tag) for tag in tags],
        "next": links.next_page(request, next_cursor),
        "next_cursor": next_cursor,
    }


@router.get(
    "/authors",
    response={200: AuthorList, 400: Error},
    url_name="authors",
    operation_id="listAuthors",
    summary="Authors",
)
def list_authors(request, filters: Query[EditionFilter]):
    """Authors by name, edition by edition."""
    authors = sorted(
        _in_edition(Author.objects.all(), filters.edition),
        key=lambda a: (EDITION_ORDER.get(_edition_of(a), len(EDITION_ORDER)), a.name, a.pk),
    )
    return {"items": [_record("authors", a, role=a.role, bio=a.bio) for a in authors]}
