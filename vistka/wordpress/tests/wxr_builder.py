"""Write real WXR (WordPress eXtended RSS) exports for tests: describe a site in a few lines.

    export = WXRBuilder(title="Вісті Яблунівки", language="uk")
    export.author("olena", display_name="Олена Гай")
    news = export.category("novyny", "Новини", language="uk")
    photo = export.attachment("2024/03/mist.jpg", title="Міст", alt="Старий міст")
    post = export.post("Міст відкрили", content="<p>...</p>", categories=[news], thumbnail=photo,
                       language="uk", coauthors=["olena"])
    export.translations(post, post_ru, post_en)       # a Polylang group
    path = export.write(tmp_path / "site.xml")

The output follows WordPress's own export (wp-admin/includes/export.php): channel header with
the wp/content/excerpt/dc/wfw namespaces, wp:author, wp:category/wp:tag/wp:term, items with
wp:postmeta; Polylang's ``language``/``post_translations``/``term_language``/``term_translations``
taxonomies and Co-Authors Plus ``author`` terms and ``guest-author`` posts. WXR 1.1 or 1.2.

Like a real Polylang site's export, a term's own language is not written anywhere (WordPress's
exporter leaves out the term_language relationships): it shows only through the
``term_translations`` group a term belongs to, and through the posts that use it.
``WXRBuilder(multilingual="wpml")`` writes the WPML Export and Import add-on's postmeta
(``_wpml_import_language_code``, ``_wpml_import_source_language_code``,
``_wpml_import_translation_group``) instead of Polylang terms.

``write_large_export`` streams an export of N generated posts straight to a file, for memory tests.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from vistka.wordpress import phpserial

LANGUAGE_NAMES = {"uk": "Українська", "ru": "Русский", "en": "English"}
LANGUAGE_LOCALES = {"uk": "uk", "ru": "ru_RU", "en": "en_GB"}
DEFAULT_DATE = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
SITE_OFFSET = timedelta(hours=2)  # the invented site's wall clock (Kyiv winter time)


def cdata(text: str) -> str:
    """WordPress's wxr_cdata: CDATA with any ']]>' split across two sections."""
    return "<![CDATA[" + str(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wp_date(moment: datetime | None, *, local: bool = False) -> str:
    if moment is None:
        return "0000-00-00 00:00:00"
    moment = moment.astimezone(UTC)
    if local:
        moment = moment + SITE_OFFSET
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def rfc822(moment: datetime | None) -> str:
    if moment is None:
        return "Mon, 30 Nov -0001 00:00:00 +0000"
    return moment.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")


@dataclass
class TermRef:
    id: int
    taxonomy: str
    slug: str
    name: str
    parent: str = ""
    description: str = ""
    language: str | None = None
    meta: dict = field(default_factory=dict)

    @property
    def domain(self) -> str:
        return self.taxonomy


@dataclass
class ItemRef:
    id: int
    post_type: str
    slug: str
    title: str
    language: str | None = None
    xml: str = ""
    categories: list = field(default_factory=list)


class WXRBuilder:
    def __init__(
        self,
        *,
        title: str = "Вісті Яблунівки",
        base_url: str = "https://visti-yablunivka.example",
        language: str = "uk",
        wxr_version: str = "1.2",
        multilingual: str = "polylang",
    ):
        if multilingual not in {"polylang", "wpml"}:
            raise ValueError("multilingual is 'polylang' or 'wpml'")
        self.title = title
        self.base_url = base_url.rstrip("/")
        self.language = language
        self.wxr_version = wxr_version
        self.multilingual = multilingual
        self.authors: list[dict] = []
        self.terms: list[TermRef] = []
        self.items: list[ItemRef] = []
        self._ids = itertools.count(10)
        self._term_ids = itertools.count(2)
        self._languages: dict[str, TermRef] = {}

    # -- people ----------------------------------------------------------------------------------

    def author(
        self,
        login: str,
        *,
        display_name: str = "",
        email: str = "",
        first_name: str = "",
        last_name: str = "",
    ):
        """A WordPress user (wp:author) and, for Co-Authors Plus, its ``author`` term ``cap-<login>``."""
        author_id = len(self.authors) + 1
        self.authors.append(
            {
                "id": author_id,
                "login": login,
                "email": email or f"{login}@visti-yablunivka.example",
                "display_name": display_name or login,
                "first_name": first_name,
                "last_name": last_name,
            }
        )
        self._coauthor_term(login, display_name or login, author_id, email)
        return login

    def guest_author(self, login: str, *, display_name: str, email: str = "", bio: str = ""):
        """A Co-Authors Plus guest author: a ``guest-author`` post plus its ``author`` term."""
        first, _, last = display_name.partition(" ")
        meta = {
            "cap-display_name": display_name,
            "cap-user_login": login,
            "cap-user_email": email,
            "cap-first_name": first,
            "cap-last_name": last,
            "cap-description": bio,
        }
        term = self._coauthor_term(login, display_name, 0, email)
        self._item(
            "guest-author",
            title=display_name,
            slug=f"cap-{login}",
            content="",
            status="publish",
            meta=meta,
            categories=[term],
        )
        return login

    def _coauthor_term(self, login: str, display_name: str, user_id: int, email: str) -> TermRef:
        description = f"{display_name} {login} {user_id} {email}".strip()
        return self.term("author", f"cap-{login}", login, description=description)

    # -- terms ---------------------------------------------------------------------------------

    def term(
        self, taxonomy: str, slug: str, name: str, *, parent: str = "", description: str = "", meta=None
    ):
        """Any taxonomy's term, written as wp:category / wp:tag / wp:term like WordPress does."""
        for existing in self.terms:
            if existing.taxonomy == taxonomy and existing.slug == slug:
                return existing
        ref = TermRef(next(self._term_ids), taxonomy, slug, name, parent, description, meta=dict(meta or {}))
        self.terms.append(ref)
        return ref

    def category(
        self,
        slug: str,
        name: str,
        *,
        parent: TermRef | None = None,
        description: str = "",
        language: str | None = None,
        meta=None,
    ) -> TermRef:
        ref = self.term(
            "category", slug, name, parent=parent.slug if parent else "", description=description, meta=meta
        )
        ref.language = language
        if language:
            self._language_term(language)
        return ref

    def tag(self, slug: str, name: str, *, description: str = "", language: str | None = None) -> TermRef:
        ref = self.term("post_tag", slug, name, description=description)
        ref.language = language
        if language:
            self._language_term(language)
        return ref

    def _language_term(self, code: str) -> TermRef:
        if code not in self._languages:
            description = phpserial.dumps(
                {"locale": LANGUAGE_LOCALES.get(code, code), "rtl": 0, "flag_code": code}
            )
            self._languages[code] = self.term(
                "language", code, LANGUAGE_NAMES.get(code, code), description=description
            )
            self.term("term_language", f"pll_{code}", LANGUAGE_NAMES.get(code, code))
        return self._languages[code]

    def translations(self, *refs: ItemRef | TermRef) -> TermRef | str:
        """Link posts (Polylang ``post_translations``) or terms (``term_translations``) as one group.

        On a WPML site the posts get the WPML Export and Import add-on's postmeta instead (the
        first post is the source) and the group's name is returned.
        """
        group = {ref.language: ref.id for ref in refs}
        if None in group:
            raise ValueError("every translation needs a language")
        is_terms = isinstance(refs[0], TermRef)
        if self.multilingual == "wpml" and not is_terms:
            name = f"wpml-group-{refs[0].id}"
            for ref in refs:
                ref.xml.meta["_wpml_import_translation_group"] = name
                if ref is not refs[0]:
                    ref.xml.meta["_wpml_import_source_language_code"] = refs[0].language
            return name
        taxonomy = "term_translations" if is_terms else "post_translations"
        slug = f"pll_{refs[0].id:x}{len(self.terms):04x}"
        term = self.term(taxonomy, slug, slug, description=phpserial.dumps(group))
        if not is_terms:
            for ref in refs:
                ref.categories.append(term)
        return term

    # -- posts -----------------------------------------------------------------------------------

    def attachment(
        self,
        file: str,
        *,
        title: str = "",
        alt: str = "",
        caption: str = "",
        description: str = "",
        parent: ItemRef | None = None,
        width: int = 1600,
        height: int = 1067,
        credit: str = "",
    ) -> ItemRef:
        """An attachment post with _wp_attached_file, _wp_attachment_metadata and the alt text."""
        metadata = {
            "width": width,
            "height": height,
            "file": file,
            "filesize": 123456,
            "sizes": {
                "thumbnail": {
                    "file": Path(file).stem + "-150x150" + Path(file).suffix,
                    "width": 150,
                    "height": 150,
                    "mime-type": "image/jpeg",
                },
            },
            "image_meta": {
                "aperture": "0",
                "credit": credit,
                "camera": "",
                "caption": "",
                "created_timestamp": "0",
                "copyright": "",
                "focal_length": "0",
                "iso": "0",
                "shutter_speed": "0",
                "title": "",
                "orientation": "0",
                "keywords": [],
            },
        }
        meta = {"_wp_attached_file": file, "_wp_attachment_metadata": phpserial.dumps(metadata)}
        if alt:
            meta["_wp_attachment_image_alt"] = alt
        return self._item(
            "attachment",
            title=title or Path(file).stem,
            slug=Path(file).stem,
            content=description,
            excerpt=caption,
            status="inherit",
            parent=parent,
            attachment_url=f"{self.base_url}/wp-content/uploads/{file}",
            meta=meta,
        )

    def post(
        self,
        title: str,
        *,
        slug: str = "",
        content: str = "",
        excerpt: str = "",
        author: str = "",
        categories=(),
        tags=(),
        language: str | None = None,
        coauthors=(),
        thumbnail: ItemRef | None = None,
        status: str = "publish",
        date: datetime | None = DEFAULT_DATE,
        modified: datetime | None = None,
        sticky: bool = False,
        meta=None,
        post_type: str = "post",
        parent: ItemRef | None = None,
        menu_order: int = 0,
        comment_status: str = "open",
        password: str = "",
    ) -> ItemRef:
        meta = dict(meta or {})
        if thumbnail is not None:
            meta["_thumbnail_id"] = str(thumbnail.id)
        terms = list(categories) + list(tags)
        if language and self.multilingual == "wpml":
            meta["_wpml_import_language_code"] = language
        elif language:
            terms.append(self._language_term(language))
        terms += [self.term("author", f"cap-{login}", login) for login in coauthors]
        if not author:
            author = self.authors[0]["login"] if self.authors else "admin"
        return self._item(
            post_type,
            title=title,
            slug=slug,
            content=content,
            excerpt=excerpt,
            creator=author,
            status=status,
            date=date if status not in {"draft", "auto-draft"} else None,
            local_date=date,
            modified=modified or date,
            sticky=sticky,
            meta=meta,
            categories=terms,
            language=language,
            parent=parent,
            menu_order=menu_order,
            comment_status=comment_status,
            password=password,
        )

    def page(self, title: str, **fields) -> ItemRef:
        return self.post(title, post_type="page", **fields)

    def _item(
        self,
        post_type: str,
        *,
        title: str,
        slug: str,
        content: str = "",
        excerpt: str = "",
        creator: str = "",
        status: str = "publish",
        date: datetime | None = DEFAULT_DATE,
        local_date: datetime | None = None,
        modified: datetime | None = None,
        sticky: bool = False,
        meta=None,
        categories=(),
        language=None,
        parent: ItemRef | None = None,
        menu_order: int = 0,
        attachment_url: str = "",
        comment_status: str = "closed",
        password: str = "",
    ) -> ItemRef:
        ref = ItemRef(next(self._ids), post_type, slug, title, language)
        ref.categories = list(categories)
        ref.xml = _ItemXML(
            builder=self,
            ref=ref,
            content=content,
            excerpt=excerpt,
            creator=creator or "admin",
            status=status,
            date=date,
            local_date=local_date or date,
            modified=modified or date,
            sticky=sticky,
            meta=dict(meta or {}),
            parent=parent,
            menu_order=menu_order,
            attachment_url=attachment_url,
            comment_status=comment_status,
            password=password,
        )
        self.items.append(ref)
        return ref

    # -- output ----------------------------------------------------------------------------------

    def to_xml(self) -> str:
        parts = [self.header()]
        parts += [self._author_xml(author) for author in self.authors]
        parts += [self._term_xml(term) for term in self.terms]
        parts += [ref.xml.render() for ref in self.items]
        parts.append(FOOTER)
        return "".join(parts)

    def write(self, path) -> Path:
        path = Path(path)
        path.write_text(self.to_xml(), encoding="utf-8")
        return path

    def header(self) -> str:
        return header_xml(self.title, self.base_url, self.language, self.wxr_version)

    def _author_xml(self, author: dict) -> str:
        return (
            f"\t<wp:author><wp:author_id>{author['id']}</wp:author_id>"
            f"<wp:author_login>{cdata(author['login'])}</wp:author_login>"
            f"<wp:author_email>{cdata(author['email'])}</wp:author_email>"
            f"<wp:author_display_name>{cdata(author['display_name'])}</wp:author_display_name>"
            f"<wp:author_first_name>{cdata(author['first_name'])}</wp:author_first_name>"
            f"<wp:author_last_name>{cdata(author['last_name'])}</wp:author_last_name></wp:author>\n"
        )

    def _term_xml(self, term: TermRef) -> str:
        slug = quote(term.slug, safe="-_")
        meta = "".join(
            f"\n\t\t<wp:termmeta>\n\t\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n\t\t\t"
            f"<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</wp:termmeta>"
            for key, value in term.meta.items()
        )
        if term.taxonomy == "category":
            return (
                f"\t<wp:category>\n\t\t<wp:term_id>{term.id}</wp:term_id>\n"
                f"\t\t<wp:category_nicename>{cdata(slug)}</wp:category_nicename>\n"
                f"\t\t<wp:category_parent>{cdata(quote(term.parent, safe='-_'))}</wp:category_parent>\n"
                f"\t\t<wp:cat_name>{cdata(term.name)}</wp:cat_name>\n"
                f"\t\t<wp:category_description>{cdata(term.description)}</wp:category_description>{meta}\n"
                "\t</wp:category>\n"
            )
        if term.taxonomy == "post_tag":
            return (
                f"\t<wp:tag>\n\t\t<wp:term_id>{term.id}</wp:term_id>\n"
                f"\t\t<wp:tag_slug>{cdata(slug)}</wp:tag_slug>\n"
                f"\t\t<wp:tag_name>{cdata(term.name)}</wp:tag_name>\n"
                f"\t\t<wp:tag_description>{cdata(term.description)}</wp:tag_description>{meta}\n"
                "\t</wp:tag>\n"
            )
        return (
            f"\t<wp:term>\n\t\t<wp:term_id>{term.id}</wp:term_id>\n"
            f"\t\t<wp:term_taxonomy>{cdata(term.taxonomy)}</wp:term_taxonomy>\n"
            f"\t\t<wp:term_slug>{cdata(slug)}</wp:term_slug>\n"
            f"\t\t<wp:term_parent>{cdata(term.parent)}</wp:term_parent>\n"
            f"\t\t<wp:term_name>{cdata(term.name)}</wp:term_name>\n"
            f"\t\t<wp:term_description>{cdata(term.description)}</wp:term_description>{meta}\n"
            "\t</wp:term>\n"
        )


@dataclass
class _ItemXML:
    builder: WXRBuilder
    ref: ItemRef
    content: str
    excerpt: str
    creator: str
    status: str
    date: datetime | None
    local_date: datetime | None
    modified: datetime | None
    sticky: bool
    meta: dict
    parent: ItemRef | None
    menu_order: int
    attachment_url: str
    comment_status: str
    password: str

    def render(self) -> str:
        ref, base = self.ref, self.builder.base_url
        slug = quote(ref.slug, safe="-_")
        # Polylang's default: the site's own language unprefixed, the others under /<code>/.
        prefix = f"/{ref.language}" if ref.language and ref.language != self.builder.language else ""
        if self.builder.multilingual != "polylang":
            prefix = ""
        link = f"{base}{prefix}/{slug}/" if self.status == "publish" and slug else f"{base}/?p={ref.id}"
        categories = "".join(
            f'\t\t<category domain="{term.taxonomy}" nicename={quoteattr(quote(term.slug, safe="-_"))}>'
            f"{cdata(term.name)}</category>\n"
            for term in ref.categories
        )
        meta = "".join(
            f"\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
            f"\t\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>\n"
            for key, values in self.meta.items()
            for value in (values if isinstance(values, list | tuple) else [values])
        )
        attachment = (
            f"\t\t<wp:attachment_url>{cdata(self.attachment_url)}</wp:attachment_url>\n"
            if self.attachment_url
            else ""
        )
        return (
            "\t<item>\n"
            f"\t\t<title>{cdata(ref.title)}</title>\n"
            f"\t\t<link>{escape(link)}</link>\n"
            f"\t\t<pubDate>{rfc822(self.date)}</pubDate>\n"
            f"\t\t<dc:creator>{cdata(self.creator)}</dc:creator>\n"
            f'\t\t<guid isPermaLink="false">{escape(base)}/?p={ref.id}</guid>\n'
            "\t\t<description></description>\n"
            f"\t\t<content:encoded>{cdata(self.content)}</content:encoded>\n"
            f"\t\t<excerpt:encoded>{cdata(self.excerpt)}</excerpt:encoded>\n"
            f"\t\t<wp:post_id>{ref.id}</wp:post_id>\n"
            f"\t\t<wp:post_date>{cdata(wp_date(self.local_date, local=True))}</wp:post_date>\n"
            f"\t\t<wp:post_date_gmt>{cdata(wp_date(self.date))}</wp:post_date_gmt>\n"
            f"\t\t<wp:post_modified>{cdata(wp_date(self.modified, local=True))}</wp:post_modified>\n"
            f"\t\t<wp:post_modified_gmt>{cdata(wp_date(self.modified))}</wp:post_modified_gmt>\n"
            f"\t\t<wp:comment_status>{cdata(self.comment_status)}</wp:comment_status>\n"
            f"\t\t<wp:ping_status>{cdata('closed')}</wp:ping_status>\n"
            f"\t\t<wp:post_name>{cdata(slug)}</wp:post_name>\n"
            f"\t\t<wp:status>{cdata(self.status)}</wp:status>\n"
            f"\t\t<wp:post_parent>{self.parent.id if self.parent else 0}</wp:post_parent>\n"
            f"\t\t<wp:menu_order>{self.menu_order}</wp:menu_order>\n"
            f"\t\t<wp:post_type>{cdata(ref.post_type)}</wp:post_type>\n"
            f"\t\t<wp:post_password>{cdata(self.password)}</wp:post_password>\n"
            f"\t\t<wp:is_sticky>{int(self.sticky)}</wp:is_sticky>\n"
            f"{attachment}{categories}{meta}"
            "\t</item>\n"
        )


def header_xml(title: str, base_url: str, language: str, wxr_version: str = "1.2") -> str:
    wp = f"http://wordpress.org/export/{wxr_version}/"
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        "<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->\n"
        '<rss version="2.0"\n'
        f'\txmlns:excerpt="{wp}excerpt/"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        f'\txmlns:wp="{wp}"\n>\n\n'
        "<channel>\n"
        f"\t<title>{escape(title)}</title>\n"
        f"\t<link>{escape(base_url)}</link>\n"
        f"\t<description>{escape(title)}: новини міста</description>\n"
        "\t<pubDate>Mon, 07 Dec 2026 03:00:00 +0000</pubDate>\n"
        f"\t<language>{escape(language)}</language>\n"
        f"\t<wp:wxr_version>{wxr_version}</wp:wxr_version>\n"
        f"\t<wp:base_site_url>{escape(base_url)}</wp:base_site_url>\n"
        f"\t<wp:base_blog_url>{escape(base_url)}</wp:base_blog_url>\n\n"
        "\t<generator>https://wordpress.org/?v=6.7</generator>\n"
    )


FOOTER = "</channel>\n</rss>\n"

_LARGE_PARAGRAPH = (
    "<p>Рада Яблунівки зібралася на позачергове засідання: міст через Тясьмин знову закрили на ремонт, "
    "а пором ходить лише до шостої вечора. Мешканці лівого берега просять продовжити розклад.</p>\n"
)


def write_large_export(path, *, items: int, paragraphs: int = 10) -> Path:
    """Stream an export of ``items`` generated posts to ``path``; memory stays flat whatever the size."""
    path = Path(path)
    builder = WXRBuilder(title="Вісті Яблунівки (архів)")
    body = _LARGE_PARAGRAPH * paragraphs
    with path.open("w", encoding="utf-8", buffering=1024 * 1024) as out:
        out.write(builder.header())
        out.write(
            builder._author_xml(
                {
                    "id": 1,
                    "login": "arkhiv",
                    "email": "arkhiv@visti-yablunivka.example",
                    "display_name": "Архів",
                    "first_name": "",
                    "last_name": "",
                }
            )
        )
        news = builder.category("novyny", "Новини", language="uk")
        for term in builder.terms:
            out.write(builder._term_xml(term))
        start = datetime(2010, 1, 1, tzinfo=UTC)
        for number in range(items):
            moment = start + timedelta(hours=number)
            ref = ItemRef(100 + number, "post", f"novyna-{number}", f"Новина номер {number}", "uk")
            ref.categories = [news, builder._languages["uk"]]
            out.write(
                _ItemXML(
                    builder=builder,
                    ref=ref,
                    content=body,
                    excerpt="",
                    creator="arkhiv",
                    status="publish",
                    date=moment,
                    local_date=moment,
                    modified=moment,
                    sticky=False,
                    meta={"_edit_last": "1"},
                    parent=None,
                    menu_order=0,
                    attachment_url="",
                    comment_status="open",
                    password="",
                ).render()
            )
        out.write(FOOTER)
    return path
