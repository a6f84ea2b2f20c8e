"""Streaming, hostile-input-safe reader of WordPress eXtended RSS (WXR 1.0, 1.1 and 1.2) exports.

``read_export(path_or_file)`` yields plain frozen records while the file is read: one ``Site``
(the channel header), then ``Author``, ``Term`` and ``Item`` records in file order. Each finished
top-level element is cleared from the tree, so memory is bounded by the largest single post, not
by the export (multi-gigabyte exports read in a few megabytes).

An export is input from another system. Parsing goes through defusedxml: a document type
declaration, entity declarations (entity expansion, "billion laughs") and external entities (XXE)
are refused with a ``WXRError`` before anything is expanded or fetched; WordPress never writes
any of them. Malformed XML is reported with its line and column.

Control characters: real exports carry C0 control characters pasted into posts (vertical tab,
form feed, NUL ...), which XML 1.0 forbids and which stop any conforming parser. They are removed
from the byte stream before parsing (tab, LF and CR are kept, so line numbers stay right) and
counted in ``WXRReader.control_characters_removed``. Character references to them (``&#11;``)
are still malformed XML and reported. Invalid UTF-8 is reported as malformed, never guessed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from os import PathLike
from typing import IO
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError, TreeBuilder

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser
from defusedxml.ElementTree import iterparse as defused_iterparse

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/(1\.\d+)/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"

# C0 controls XML 1.0 forbids; tab (9), LF (10) and CR (13) stay. These bytes never occur inside
# a multi-byte UTF-8 sequence, so deleting them from the bytes is safe for UTF-8 and 8-bit charsets.
_FORBIDDEN_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])
_ZERO_DATE = "0000-00-00 00:00:00"
_CHUNK_BYTES = 64 * 1024
_LEGACY_DOMAINS = {"tag": "post_tag"}
# One <item> (or author, term) bigger than this is refused: memory is bounded by the largest
# single record, so a hostile file must not make one record unbounded.
MAX_RECORD_BYTES = 256 * 1024 * 1024


class WXRError(Exception):
    """The file is not a WordPress export this reader will read; the message says why and where."""


@dataclass(frozen=True)
class Site:
    title: str
    link: str
    description: str
    base_site_url: str
    base_blog_url: str
    language: str
    wxr_version: str
    generator: str = ""


@dataclass(frozen=True)
class Author:
    id: int | None
    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class Term:
    """A wp:category, wp:tag or wp:term (any taxonomy: Polylang's language, post_translations, ...)."""

    id: int | None
    taxonomy: str
    slug: str
    name: str
    parent_slug: str
    description: str
    termmeta: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemCategory:
    """One <category domain="..." nicename="...">text</category> of an item, in file order."""

    domain: str
    nicename: str
    text: str


@dataclass(frozen=True)
class Item:
    """One <item>: a post, page, attachment, guest author, nav menu item ...

    Dates: ``*_gmt`` are aware UTC datetimes from the GMT fields (None for WordPress's
    "0000-00-00 00:00:00", which drafts carry, or an impossible date); ``*_local`` are the naive
    wall-clock times of the site's own zone as written in wp:post_date / wp:post_modified.
    ``postmeta`` maps each key to its values in file order (WordPress allows repeated keys).
    """

    post_id: int
    post_type: str
    status: str
    title: str
    link: str
    guid: str
    pub_date: datetime | None
    post_date_gmt: datetime | None
    post_date_local: datetime | None
    modified_gmt: datetime | None
    modified_local: datetime | None
    slug: str
    content: str
    excerpt: str
    creator: str
    comment_status: str
    ping_status: str
    password: str
    sticky: bool
    menu_order: int
    parent_id: int | None
    attachment_url: str
    categories: tuple[ItemCategory, ...]
    postmeta: dict[str, tuple[str, ...]]

    def terms(self, domain: str) -> tuple[ItemCategory, ...]:
        """The item's categories of one taxonomy (``category``, ``post_tag``, ``author`` ...), in order."""
        return tuple(entry for entry in self.categories if entry.domain == domain)

    def meta(self, key: str, default: str | None = None) -> str | None:
        """The first value of a postmeta key."""
        values = self.postmeta.get(key)
        return values[0] if values else default

    @property
    def language(self) -> str | None:
        """Polylang's language slug (``uk``, ``ru``, ``en``) or None."""
        entries = self.terms("language")
        return entries[0].nicename if entries else None

    @property
    def translation_group(self) -> str | None:
        """Polylang's post_translations term slug (``pll_...``) shared by the translations, or None."""
        entries = self.terms("post_translations")
        return entries[0].nicename if entries else None

    @property
    def wpml_language(self) -> str | None:
        """The WPML Export and Import add-on's language code, or None."""
        return self.meta("_wpml_import_language_code")

    @property
    def wpml_translation_group(self) -> str | None:
        """The WPML Export and Import add-on's translation group shared by the translations, or None."""
        return self.meta("_wpml_import_translation_group")

    @property
    def wpml_source_language(self) -> str | None:
        """The language a WPML translation was made from (None on the original)."""
        return self.meta("_wpml_import_source_language_code")

    @property
    def coauthors(self) -> tuple[str, ...]:
        """Co-Authors Plus author term slugs (``cap-...``), in byline order."""
        return tuple(entry.nicename for entry in self.terms("author"))


Record = Site | Author | Term | Item


class WXRReader:
    """Iterate to get the records; ``control_characters_removed`` counts what was cleaned."""

    def __init__(self, source: str | PathLike | IO[bytes], *, max_record_bytes: int = MAX_RECORD_BYTES):
        self.source = source
        self.max_record_bytes = max_record_bytes
        self.name = str(source) if isinstance(source, str | PathLike) else getattr(source, "name", "export")
        self.control_characters_removed = 0

    def __iter__(self) -> Iterator[Record]:
        if isinstance(self.source, str | PathLike):
            with open(self.source, "rb") as stream:
                yield from self._records(stream)
        else:
            yield from self._records(self.source)

    def _records(self, stream: IO[bytes]) -> Iterator[Record]:
        cleaned = _ControlCharacterFilter(stream, self)
        parser = DefusedXMLParser(
            target=TreeBuilder(), forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
        # Entity declarations are refused by name as they come (XXE, expansion); any DTD that
        # declares none is refused when it ends.
        parser.parser.EndDoctypeDeclHandler = _refuse_doctype
        events = defused_iterparse(cleaned, events=("start", "end", "start-ns"), parser=parser)
        try:
            yield from _Walker(self.name, cleaned).walk(events)
        except EntitiesForbidden as refused:
            if refused.sysid or refused.pubid:
                raise WXRError(
                    f"{self.name}: refused an external entity (XXE) '{refused.name}' pointing at "
                    f"{refused.sysid or refused.pubid!r}; WordPress exports never declare entities"
                ) from None
            raise WXRError(
                f"{self.name}: refused an entity declaration '{refused.name}' (entity expansion, "
                '"billion laughs"); WordPress exports never declare entities'
            ) from None
        except ExternalReferenceForbidden as refused:
            raise WXRError(
                f"{self.name}: refused an external reference (XXE) to {refused.sysid or refused.pubid!r}"
            ) from None
        except DTDForbidden:
            raise WXRError(
                f"{self.name}: refused a document type declaration (<!DOCTYPE>); WordPress exports "
                "have none, and it is how external entities and entity expansion get in"
            ) from None
        except ParseError as error:
            line, column = error.position
            reason = str(error).split(":")[0]
            raise WXRError(
                f"{self.name}: malformed XML at line {line}, column {column + 1}: {reason}"
            ) from None


def read_export(source: str | PathLike | IO[bytes], *, max_record_bytes: int = MAX_RECORD_BYTES) -> WXRReader:
    """Read a WXR export (a path or a binary file object) as an iterator of Site/Author/Term/Item."""
    return WXRReader(source, max_record_bytes=max_record_bytes)


def _refuse_doctype():
    raise DTDForbidden(None, None, None)


class _ControlCharacterFilter:
    """A binary file wrapper that deletes the C0 control bytes XML 1.0 forbids and bounds records.

    The walker calls ``record_finished`` after each top-level record; reading more than
    ``max_record_bytes`` without one means a single record too big to hold, and is refused.
    """

    def __init__(self, stream: IO[bytes], reader: WXRReader):
        self.stream = stream
        self.reader = reader
        self.first = True
        self.utf16 = False
        self.bytes_read = 0
        self.record_started_at = 0

    def record_finished(self):
        self.record_started_at = self.bytes_read

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(_CHUNK_BYTES if size is None or size < 0 else size)
        if isinstance(data, str):
            raise TypeError("read_export needs a binary file (open it with 'rb')")
        self.bytes_read += len(data)
        if self.bytes_read - self.record_started_at > self.reader.max_record_bytes:
            raise WXRError(
                f"{self.reader.name}: a single record (item, term or author) runs past "
                f"{self.reader.max_record_bytes // (1024 * 1024) or self.reader.max_record_bytes} "
                f"{'MB' if self.reader.max_record_bytes >= 1024 * 1024 else 'bytes'} "
                f"(around byte {self.record_started_at}); refused rather than held in memory"
            )
        if self.first:
            self.first = False
            self.utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")  # UTF-16: bytes are not characters
        if self.utf16:
            return data
        cleaned = data.translate(None, _FORBIDDEN_CONTROL_BYTES)
        self.reader.control_characters_removed += len(data) - len(cleaned)
        return cleaned


@functools.lru_cache(maxsize=512)  # bounded: tag names come from the file
def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


@functools.lru_cache(maxsize=512)  # bounded: tag names come from the file
def _is_wp(namespace: str) -> bool:
    return bool(WP_NAMESPACE.match(namespace))


@functools.lru_cache(maxsize=512)  # bounded: tag names come from the file
def _is_excerpt(namespace: str) -> bool:
    return bool(EXCERPT_NAMESPACE.match(namespace))


class _Walker:
    """Turns start/end events into records, clearing each finished top-level element."""

    HEADER_TAGS = {"title", "link", "description", "language", "generator"}

    def __init__(self, name: str, stream: _ControlCharacterFilter):
        self.name = name
        self.stream = stream
        self.wp_versions: set[str] = set()
        self.header: dict[str, str] = {}
        self.site_sent = False

    def fail(self, message: str):
        raise WXRError(f"{self.name}: {message}")

    def walk(self, events) -> Iterator[Record]:
        depth = 0
        channel = None
        for event, payload in events:
            if event == "start-ns":
                match = WP_NAMESPACE.match(payload[1])
                if match:
                    self.wp_versions.add(match.group(1))
                continue
            if event == "start":
                depth += 1
                if depth == 1 and payload.tag != "rss":
                    self.fail(f"not a WordPress export: the document is <{payload.tag}>, not <rss>")
                elif depth == 2:
                    if payload.tag != "channel":
                        self.fail(f"not a WordPress export: <rss> holds <{payload.tag}>, not <channel>")
                    channel = payload
                elif depth == 3 and not self.site_sent and self._is_record(payload.tag):
                    yield self._site()
                continue
            depth -= 1
            if depth == 2:
                record = self._record(payload)
                if record is not None:
                    yield record
                channel.clear()
                self.stream.record_finished()
            elif depth == 1 and payload.tag == "channel" and not self.site_sent:
                yield self._site()
        if channel is None:
            self.fail("not a WordPress export: no <channel> in the <rss> document")

    def _is_record(self, tag: str) -> bool:
        namespace, local = _split(tag)
        return (
            local == "item"
            and not namespace
            or (_is_wp(namespace) and local in {"author", "category", "tag", "term"})
        )

    def _site(self) -> Site:
        self.site_sent = True
        if not self.wp_versions:
            self.fail(
                "not a WordPress export: an RSS feed without the WordPress export namespace "
                "(http://wordpress.org/export/1.x/); export from Tools → Export in WordPress"
            )
        header = self.header
        return Site(
            title=header.get("title", ""),
            link=header.get("link", ""),
            description=header.get("description", ""),
            base_site_url=header.get("base_site_url", ""),
            base_blog_url=header.get("base_blog_url", ""),
            language=header.get("language", ""),
            wxr_version=header.get("wxr_version") or max(self.wp_versions),
            generator=header.get("generator", ""),
        )

    def _record(self, element) -> Record | None:
        namespace, local = _split(element.tag)
        is_wp = _is_wp(namespace)
        if not namespace and local == "item":
            return self._item(element)
        if is_wp and local == "author":
            return self._author(element)
        if is_wp and local in {"category", "tag", "term"}:
            return self._term(element, local)
        if not self.site_sent:
            if is_wp and local in {"wxr_version", "base_site_url", "base_blog_url"}:
                self.header[local] = (element.text or "").strip()
            elif not namespace and local in self.HEADER_TAGS:
                self.header[local] = (element.text or "").strip()
        return None

    # -- records -------------------------------------------------------------------------------

    def _author(self, element) -> Author:
        values = _children(element)
        return Author(
            id=self._int(values.get("author_id"), "wp:author_id", "a <wp:author>", optional=True),
            login=values.get("author_login", ""),
            email=values.get("author_email", ""),
            display_name=values.get("author_display_name", ""),
            first_name=values.get("author_first_name", ""),
            last_name=values.get("author_last_name", ""),
        )

    def _term(self, element, kind: str) -> Term:
        values = _children(element)
        if kind == "category":
            taxonomy, slug, name = "category", "category_nicename", "cat_name"
            parent, description = "category_parent", "category_description"
        elif kind == "tag":
            taxonomy, slug, name, parent, description = (
                "post_tag",
                "tag_slug",
                "tag_name",
                None,
                "tag_description",
            )
        else:
            taxonomy = values.get("term_taxonomy", "")
            slug, name, parent, description = "term_slug", "term_name", "term_parent", "term_description"
        return Term(
            id=self._int(
                values.get("term_id"),
                "wp:term_id",
                f"the <wp:{kind}> {values.get(slug, '')[:60]!r}",
                optional=True,
            ),
            taxonomy=taxonomy,
            slug=unquote(values.get(slug, "")),
            name=values.get(name, ""),
            parent_slug=unquote(values.get(parent, "")) if parent else "",
            description=values.get(description, ""),
            termmeta=_meta(element, "termmeta"),
        )

    def _item(self, element) -> Item:
        values = _children(element)
        where = f"the <item> titled {values.get('title', '')[:60]!r}"
        post_id = self._int(values.get("post_id"), "wp:post_id", where)
        where = f"<item> {post_id}"
        parent_id = self._int(values.get("post_parent"), "wp:post_parent", where, optional=True)
        # Old exports (WXR 1.0) call post tags domain="tag" and repeat each term as a bare
        # <category> without a nicename; WordPress's importer ignores those, and so do we.
        categories = tuple(
            ItemCategory(
                domain=_LEGACY_DOMAINS.get(child.get("domain", ""), child.get("domain", "")),
                nicename=unquote(child.get("nicename")),
                text=child.text or "",
            )
            for child in element
            if child.tag == "category" and child.get("nicename") is not None
        )
        return Item(
            post_id=post_id,
            post_type=values.get("post_type", "post"),
            status=values.get("status", ""),
            title=values.get("title", ""),
            link=values.get("link", ""),
            guid=values.get("guid", ""),
            pub_date=_rfc822(values.get("pubDate", "")),
            post_date_gmt=_gmt(values.get("post_date_gmt", "")),
            post_date_local=_naive(values.get("post_date", "")),
            modified_gmt=_gmt(values.get("post_modified_gmt", "")),
            modified_local=_naive(values.get("post_modified", "")),
            slug=unquote(values.get("post_name", "")),
            content=values.get("content:encoded", ""),
            excerpt=values.get("excerpt:encoded", ""),
            creator=values.get("dc:creator", ""),
            comment_status=values.get("comment_status", ""),
            ping_status=values.get("ping_status", ""),
            password=values.get("post_password", ""),
            sticky=values.get("is_sticky", "0").strip() == "1",
            menu_order=self._int(values.get("menu_order"), "wp:menu_order", where, optional=True) or 0,
            parent_id=parent_id or None,
            attachment_url=values.get("attachment_url", "").strip(),
            categories=categories,
            postmeta=_meta(element, "postmeta"),
        )

    def _int(self, text: str | None, what: str, where: str, *, optional: bool = False):
        text = (text or "").strip()
        if not text:
            if optional:
                return None
            self.fail(f"{where} has no {what}")
        try:
            return int(text)
        except ValueError:
            self.fail(f"{what} {text[:40]!r} of {where} is not a number")


def _children(element) -> dict[str, str]:
    """The text of an element's simple children by short name (wp:, content:, excerpt:, dc: alike).

    wp: children go by their bare name (``post_id``), content/excerpt/dc by a prefixed one.
    """
    values: dict[str, str] = {}
    for child in element:
        namespace, local = _split(child.tag)
        if namespace == CONTENT_NAMESPACE:
            local = f"content:{local}"
        elif namespace == DC_NAMESPACE:
            local = f"dc:{local}"
        elif _is_excerpt(namespace):
            local = f"excerpt:{local}"
        elif namespace and not _is_wp(namespace):
            continue
        if local not in values:
            values[local] = child.text or ""
    return values


def _meta(element, container: str) -> dict[str, tuple[str, ...]]:
    collected: dict[str, list[str]] = {}
    for child in element:
        namespace, local = _split(child.tag)
        if local != container or not _is_wp(namespace):
            continue
        pair = _children(child)
        if "meta_key" in pair:
            collected.setdefault(pair["meta_key"], []).append(pair.get("meta_value", ""))
    return {key: tuple(values) for key, values in collected.items()}


def _naive(text: str) -> datetime | None:
    text = text.strip()
    if len(text) != 19 or text == _ZERO_DATE:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _gmt(text: str) -> datetime | None:
    moment = _naive(text)
    return moment.replace(tzinfo=UTC) if moment else None


def _rfc822(text: str) -> datetime | None:
    """<pubDate>; drafts carry "Mon, 30 Nov -0001 00:00:00 +0000", which is no date."""
    text = text.strip()
    if not text or "-0001" in text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
