"""The import's first pass: what every post refers to, collected before any post is written.

Users, terms, attachments, guest authors, translation groups and the languages' address prefixes are small
next to the posts' bodies; the second pass streams the posts and looks them up here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from vistka.wordpress import phpserial
from vistka.wordpress.wxr import Author, Item, Site, Term, read_export

UPLOADS_MARK = "/wp-content/uploads/"
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
GUEST_AUTHOR = "guest-author"


@dataclass(frozen=True)
class Attachment:
    id: int
    file: str  # relative to the uploads folder
    title: str
    alt: str
    caption: str
    credit: str
    parent_id: int | None
    link: str


@dataclass(frozen=True)
class GuestAuthor:
    id: int
    login: str
    display_name: str
    bio: str


@dataclass
class Survey:
    site: Site | None = None
    users: dict[str, Author] = field(default_factory=dict)  # login -> user
    terms: dict[tuple[str, str], list[Term]] = field(default_factory=lambda: defaultdict(list))
    terms_by_id: dict[int, Term] = field(default_factory=dict)
    term_groups: dict[int, tuple[str, dict[str, int]]] = field(default_factory=dict)  # id -> (group, members)
    term_languages: dict[tuple[str, str], Counter] = field(default_factory=lambda: defaultdict(Counter))
    language_locales: dict[str, str] = field(default_factory=dict)  # Polylang slug -> locale
    guests: dict[str, GuestAuthor] = field(default_factory=dict)  # login -> guest author
    attachments: dict[int, Attachment] = field(default_factory=dict)
    uploads_index: dict[str, int] = field(default_factory=dict)  # 2024/03/a.jpg -> attachment id
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    prefixes: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    posts: int = 0
    other_types: Counter = field(default_factory=Counter)  # post types not imported (menus, revisions …)

    # -- lookups -------------------------------------------------------------------------------

    def term_for(self, taxonomy: str, slug: str, language: str | None) -> Term | None:
        """The term a post names by slug: of the post's language when slugs are shared."""
        found = self.terms.get((taxonomy, slug)) or []
        if len(found) > 1 and language:
            for term in found:
                if self.term_language(term) == language:
                    return term
        return found[0] if found else None

    def term_language(self, term: Term) -> str | None:
        group = self.term_groups.get(term.id) if term.id is not None else None
        if group:
            for language, member in group[1].items():
                if member == term.id:
                    return language
        used = self.term_languages.get((term.taxonomy, term.slug))
        return used.most_common(1)[0][0] if used else None

    def prefix(self, language: str | None) -> str:
        """The path prefix the old site gave a language ('/ru'), '' for none."""
        seen = self.prefixes.get(language or "")
        return seen.most_common(1)[0][0] if seen else ""

    def attachment_for_url(self, url: str) -> int | None:
        path = urlsplit(url).path if "://" in url or url.startswith("/") else url
        if UPLOADS_MARK in path:
            path = path.split(UPLOADS_MARK, 1)[1]
        elif path.startswith("/"):
            return None
        found = self.uploads_index.get(path)
        if found is None:
            found = self.uploads_index.get(SIZE_SUFFIX.sub("", path))
        return found


def survey(paths, *, post_types, progress=lambda: None) -> Survey:
    found = Survey()
    for path in paths:
        for record in read_export(path):
            if isinstance(record, Site):
                found.site = found.site or record
            elif isinstance(record, Author):
                found.users.setdefault(record.login, record)
            elif isinstance(record, Term):
                _term(found, record)
            elif isinstance(record, Item):
                _item(found, record, post_types)
                progress()
    return found


def _term(found: Survey, term: Term):
    found.terms[(term.taxonomy, term.slug)].append(term)
    if term.id is not None:
        found.terms_by_id[term.id] = term
    if term.taxonomy == "term_translations":
        members = _serialized_dict(term.description)
        for member in members.values():
            found.term_groups[member] = (term.slug, members)
    elif term.taxonomy == "language":
        details = _serialized_dict(term.description, values=str)
        if details.get("locale"):
            found.language_locales[term.slug] = details["locale"]


def _serialized_dict(text: str, values=int) -> dict:
    try:
        data = phpserial.loads(text) if phpserial.is_serialized(text) else {}
    except phpserial.PHPSerialError:
        return {}
    if not isinstance(data, dict):
        return {}
    out = {}
    for key, value in data.items():
        try:
            out[str(key)] = values(value)
        except (TypeError, ValueError):
            continue
    return out


def _item(found: Survey, item: Item, post_types):
    if item.post_type == "attachment":
        _attachment(found, item)
    elif item.post_type == GUEST_AUTHOR:
        login = item.meta("cap-user_login") or item.slug.removeprefix("cap-")
        found.guests[login] = GuestAuthor(
            id=item.post_id,
            login=login,
            display_name=item.meta("cap-display_name") or item.title or login,
            bio=item.meta("cap-description") or "",
        )
    elif item.post_type not in post_types:
        found.other_types[item.post_type] += 1
    else:
        found.posts += 1
        language = item.language or item.wpml_language
        if language:
            for entry in item.categories:
                if entry.domain in ("category", "post_tag"):
                    found.term_languages[(entry.domain, entry.nicename)][language] += 1
            first = urlsplit(item.link).path.strip("/").split("/")[0] if item.link else ""
            found.prefixes[language][f"/{first}" if first == language else ""] += 1


def _attachment(found: Survey, item: Item):
    file = (item.meta("_wp_attached_file") or "").lstrip("/")
    if not file and UPLOADS_MARK in item.attachment_url:
        file = item.attachment_url.split(UPLOADS_MARK, 1)[1]
    credit = ""
    metadata = item.meta("_wp_attachment_metadata") or ""
    if metadata and phpserial.is_serialized(metadata):
        try:
            data = phpserial.loads(metadata)
        except phpserial.PHPSerialError:
            data = {}
        image_meta = data.get("image_meta") if isinstance(data, dict) else None
        if isinstance(image_meta, dict):
            credit = str(image_meta.get("credit") or image_meta.get("copyright") or "")
    found.attachments[item.post_id] = Attachment(
        id=item.post_id,
        file=file,
        title=item.title,
        alt=item.meta("_wp_attachment_image_alt") or "",
        caption=item.excerpt,
        credit=credit,
        parent_id=item.parent_id,
        link=item.link,
    )
    if file:
        found.uploads_index[file] = item.post_id
    if item.parent_id:
        found.children[item.parent_id].append(item.post_id)
