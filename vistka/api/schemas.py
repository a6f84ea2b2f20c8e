"""Shapes of the API's responses. The OpenAPI schema is generated from these."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.utils import timezone
from ninja import Schema
from pydantic import Field, PlainSerializer, WithJsonSchema

from vistka.api.params import Edition, StoryKind


def _kyiv_iso(value):
    return timezone.localtime(value).isoformat(timespec="seconds")


# Times are given in the newsroom's zone (Europe/Kyiv), with the offset: 2025-05-28T12:00:00+03:00.
LocalTime = Annotated[
    datetime,
    PlainSerializer(_kyiv_iso, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
Url = Annotated[str, WithJsonSchema({"type": "string", "format": "uri"})]


class ErrorDetail(Schema):
    location: list[str | int] = Field(description='Where the problem is, e.g. ["query", "limit"].')
    message: str


class Error(Schema):
    error: str = Field(description="A stable code: invalid_request, not_found, method_not_allowed...")
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


# --- records ----------------------------------------------------------------------------------


class EditionOut(Schema):
    code: Edition
    name: str = Field(description="The edition's name in its own language.")
    short: str
    default: bool = Field(description="Served at the site's root, without a language prefix.")
    url: Url = Field(description="The edition's home page.")
    articles: Url = Field(description="This API's list of the edition's stories.")


class EditionList(Schema):
    items: list[EditionOut]


class RecordRef(Schema):
    slug: str
    name: str
    url: Url = Field(description="The record's page on the reader site.")


class SectionOut(RecordRef):
    edition: Edition
    description: str


class SectionList(Schema):
    items: list[SectionOut]


class TagOut(RecordRef):
    edition: Edition


class TagList(Schema):
    items: list[TagOut]
    next: Url | None = Field(description="The next page, or null on the last one.")
    next_cursor: str | None


class AuthorOut(RecordRef):
    edition: Edition
    role: str
    bio: str


class AuthorList(Schema):
    items: list[AuthorOut]


# --- stories ------------------------------------------------------------------------------------------


class ImageOut(Schema):
    url: Url = Field(description="A rendition at most 1200 pixels wide.")
    width: int
    height: int


class LeadImage(ImageOut):
    alt: str
    caption: str
    credit: str


class ArticleSummary(Schema):
    id: int
    story_number: int = Field(description="Shared by a story and its translations.")
    edition: Edition
    kind: StoryKind
    headline: str
    lead: str
    url: Url
    first_published_at: LocalTime
    last_modified: LocalTime = Field(description="When the story was last published.")
    section: RecordRef | None
    tags: list[RecordRef] = Field(description="The first tag is the story's main tag.")
    authors: list[RecordRef]
    lead_image: LeadImage | None
    translations: dict[str, Url] = Field(
        description="Edition code → address of each publicly visible version, this one included."
    )
    is_important: bool
    breaking: bool = Field(description="Shown as breaking news right now.")


class ArticleList(Schema):
    items: list[ArticleSummary]
    next: Url | None = Field(description="The next (older) page, or null on the last one.")
    next_cursor: str | None


# --- body blocks ------------------------------------------------------------------------------------


class StoryRef(Schema):
    story_number: int
    url: Url
    headline: str


class SourceRef(Schema):
    name: str
    qualifier: str
    url: str = Field(description="The source's own address; may be empty.")


class BodyImage(Schema):
    image: ImageOut | None = Field(description="Null when the image has been deleted.")
    alt: str
    caption: str
    credit: str


class _Block(Schema):
    id: str | None


class ParagraphBlock(_Block):
    type: Literal["paragraph"]
    value: str = Field(description="HTML.")


class HeadingBlock(_Block):
    type: Literal["heading"]
    value: str


class LabelledValue(Schema):
    label: str
    label_text: str = Field(description="The label in the edition's language.")
    text: str = Field(description="HTML.")


class LabelledBlock(_Block):
    type: Literal["labelled"]
    value: LabelledValue


class SourceValue(Schema):
    source: SourceRef | None
    note: str


class SourceBlock(_Block):
    type: Literal["source"]
    value: SourceValue


class QuoteValue(Schema):
    text: str
    attribution: str


class QuoteBlock(_Block):
    type: Literal["quote"]
    value: QuoteValue


class BackgroundItem(Schema):
    date: date | None
    text: str
    story: StoryRef | None = Field(description="Null unless the earlier story is publicly visible.")


class BackgroundValue(Schema):
    items: list[BackgroundItem]


class BackgroundBlock(_Block):
    type: Literal["background"]
    value: BackgroundValue


class ImageBlock(_Block):
    type: Literal["image"]
    value: BodyImage


class GalleryValue(Schema):
    images: list[BodyImage]


class GalleryBlock(_Block):
    type: Literal["gallery"]
    value: GalleryValue


class EmbedValue(Schema):
    url: str


class EmbedBlock(_Block):
    type: Literal["embed"]
    value: EmbedValue | None


class ReadAlsoValue(Schema):
    story: StoryRef
    text: str = Field(description="Link text chosen by the editor; empty means the headline.")


class ReadAlsoBlock(_Block):
    type: Literal["read_also"]
    value: ReadAlsoValue


class TableBlock(_Block):
    type: Literal["table"]
    value: dict[str, Any] | None = Field(
        description="Wagtail's table data: {data, first_row_is_table_header...}."
    )


Block = Annotated[
    ParagraphBlock
    | HeadingBlock
    | LabelledBlock
    | SourceBlock
    | QuoteBlock
    | BackgroundBlock
    | ImageBlock
    | GalleryBlock
    | EmbedBlock
    | ReadAlsoBlock
    | TableBlock,
    Field(discriminator="type"),
]


class CorrectionOut(Schema):
    type: Literal["correction", "update"]
    time: LocalTime
    note: str


class LiveEntryOut(Schema):
    time: LocalTime
    headline: str
    html: str


class ArticleDetail(ArticleSummary):
    body: list[Block] = Field(
        description="The body as structured blocks. A 'read also' link to a story that is not publicly "
        "visible is left out; a background item keeps its text but loses such a link."
    )
    body_html: str = Field(description="The body rendered as on the site, without advertisement slots.")
    corrections: list[CorrectionOut] = Field(description="Oldest first.")
    live_entries: list[LiveEntryOut] = Field(description="Newest first; empty unless kind is 'live'.")


class Root(Schema):
    name: str
    version: str
    links: dict[str, Url]
    templates: dict[str, str] = Field(description="Addresses with {placeholders} to fill in.")
