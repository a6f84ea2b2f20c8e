"""Imports WordPress exports (WXR) into the newsroom: ``run_import(paths, uploads=..., ...)``.

Two passes over the files. The first (vistka.wordpress.survey) reads everything but the posts'
bodies into small tables and proves every file is well-formed before anything is written. The
second streams the posts one at a time, so memory is bounded by a post, not by the export.

The whole run is one transaction: a failure anywhere leaves nothing behind, and ``dry_run``
rolls back everything it did at the end (the report still says what would have happened).
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from django.db import transaction

from vistka.delivery import purge
from vistka.stories.models import ArticlePage
from vistka.wordpress import body as body_conversion
from vistka.wordpress.images import ImageImporter
from vistka.wordpress.ledger import Ledger
from vistka.wordpress.mapping import Mapping
from vistka.wordpress.posts import STATUSES, PageWriter, plan_story, wanted_slug
from vistka.wordpress.records import Editions, RecordMaker
from vistka.wordpress.redirects import RedirectWriter, old_path
from vistka.wordpress.report import ImportReport
from vistka.wordpress.survey import survey
from vistka.wordpress.wxr import Item, read_export

FIELDS_TO_COMPARE = ("id", "latest_revision_id", "locale_id", "translation_key", "story_number")
VOLATILE_META = {"_edit_lock", "_edit_last", "_pingme", "_encloseme", "_wp_old_slug"}


class ImportFailed(Exception):
    pass


class _DryRunRollback(Exception):
    pass


def run_import(paths, *, uploads=None, mapping: Mapping | None = None, dry_run=False, progress=None):
    """Import the exports at ``paths``; returns the ImportReport. Raises WXRError for a malformed
    file (before anything is written) and ImportFailed when the export cannot be imported.

    ``progress(stage, total)`` is called at the start of each pass ("reading", None; "importing",
    the number of posts) and returns a function called once per item read."""
    mapping = mapping or Mapping()
    progress = progress or _no_progress
    found = survey(paths, post_types=mapping.post_types, progress=progress("reading", None))
    if found.site is None:
        raise ImportFailed("the export has no channel header")
    site = site_key(mapping.base_url or found.site.base_site_url or found.site.link)
    if not site:
        raise ImportFailed(
            "the export names no site address (wp:base_site_url); give base_url in the mapping"
        )
    report = ImportReport()
    for post_type, count in sorted(found.other_types.items()):
        report.add("skipped", f"items of type '{post_type}' (not imported; see post_types)", count=count)
    importer = None
    step = progress("importing", found.posts)
    try:
        # Per-row purges suspended: one transaction's purge event would otherwise name every
        # story and old address, and turn hard with the first redirect (vistka.delivery.redirects);
        # every edition is purged once (soft) at the end instead.
        with purge.suspended(), transaction.atomic():
            importer = PostImporter(found, mapping, site, uploads, report)
            for path in paths:
                for record in read_export(path):
                    if isinstance(record, Item) and record.post_type in mapping.post_types:
                        importer.post(record)
                        step()
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        importer.images.remove_stored_files()
    except BaseException:
        if importer is not None:
            importer.images.remove_stored_files()  # the rows are rolled back; so are the files
        raise
    return report


def site_key(address):
    """The WordPress site an import's bookkeeping belongs to: host (lower case, without `www.`)
    and path, without the scheme, so a site that moved to https, or an export that spells its
    host in capitals, is the same site and nothing is imported twice."""
    parts = urlsplit((address or "").strip())
    if not parts.netloc:
        parts = urlsplit(f"//{(address or '').strip()}")
    host = parts.hostname or ""
    host = host.removeprefix("www.")
    port = f":{parts.port}" if parts.port else ""
    return f"{host}{port}{parts.path.rstrip('/')}" if host else ""


def _no_progress(stage, total):
    return lambda: None


def content_hash(item: Item, edition: str, context=()) -> str:
    """What the story and its old addresses are made of: the post, its edition and ``context``
    (the attachments hanging off it, the permalink settings)."""
    meta = {key: values for key, values in sorted(item.postmeta.items()) if key not in VOLATILE_META}
    fields = (
        context,
        edition, item.post_type, item.status, item.title, item.slug, item.content, item.excerpt,
        item.creator, item.password, item.sticky, item.link, str(item.post_date_gmt),
        str(item.post_date_local), str(item.modified_gmt), item.categories, sorted(meta.items()),
    )  # fmt: skip
    return hashlib.sha256(repr(fields).encode("utf-8")).hexdigest()


class PostImporter:
    def __init__(self, found, mapping, site, uploads, report):
        self.survey = found
        self.mapping = mapping
        self.site = site
        self.report = report
        self.ledger = Ledger(site)
        self.editions = Editions()
        self.redirects = RedirectWriter(site, report)
        self.records = RecordMaker(found, mapping, self.ledger, self.editions, self.redirects, report)
        self.images = ImageImporter(uploads, found, self.ledger, report)
        self.writer = PageWriter(self.editions)

    # -- one post ------------------------------------------------------------------------------

    def post(self, item: Item):
        where = f"{item.post_type} {item.post_id} «{item.title[:60]}»"
        if item.status not in STATUSES:
            self.report.add("skipped", f"posts (status '{item.status}')", where)
            return
        language = item.language or item.wpml_language
        edition = self.edition(language)
        if edition is None:
            self.report.add(
                "skipped", "posts (language not mapped to an edition)", f"{where}: language {language!r}"
            )
            return
        kind = "page" if item.post_type == "page" else "post"
        digest = content_hash(item, edition, self.context(item, language))
        entry = self.ledger.entry(kind, item.post_id)
        page = None
        if entry is not None:
            page = ArticlePage.objects.filter(pk=entry.object_id).only(*FIELDS_TO_COMPARE).first()
            if page is None:
                self.report.add("skipped", "posts (story deleted in Vistka, not made again)", where)
                return
            if page.latest_revision_id != entry.revision_id:
                self.report.add(
                    "skipped", "posts (edited in Vistka after the import, not overwritten)", where
                )
                self.old_addresses(item, page, language)
                return
            if entry.content_hash == digest:
                # Its old addresses too are as the last run wrote them: they are part of the hash.
                self.report.add("unchanged", f"{kind}s")
                return
        group = self.group(item)
        plan = self.plan(item, edition, language, where)
        if page is None:
            self.link_translation(plan, group, where)
            page = self.writer.create(plan)
            self.report.add("created", f"{kind}s", f"{where} → {page.url or page.canonical_path()}")
            if wanted_slug(plan.slug) and page.slug != wanted_slug(plan.slug):
                self.report.add(
                    "reported", "posts (slug taken in the edition: the story number added)", where
                )
        else:
            page = self.writer.update(page, plan)
            self.report.add("updated", f"{kind}s", where)
        self.note_state(plan.state, where)
        self.ledger.record(
            kind,
            item.post_id,
            "",
            page,
            content_hash=digest,
            revision_id=page.latest_revision_id,
            group=group,
        )
        self.old_addresses(item, page, language)

    def context(self, item, language):
        attachments = tuple(
            (number, self.survey.attachments[number].link)
            for number in self.survey.children.get(item.post_id, ())
        )
        return (self.mapping.permalink_structure, self.survey.prefix(language), attachments)

    def edition(self, language):
        if not language:
            return self.mapping.default_edition or self.mapping.edition_for(self.survey.site.language)
        return self.mapping.edition_for(language) or self.mapping.edition_for(
            self.survey.language_locales.get(language)
        )

    def group(self, item):
        if item.translation_group:
            return f"pll:{item.translation_group}"
        if item.wpml_translation_group:
            return f"wpml:{item.wpml_translation_group}"
        return ""

    def plan(self, item, edition, language, where):
        def report_body(kind, detail):
            self.report.add("reported", f"post bodies: {kind}", f"{where}: {str(detail)[:120]}")

        blocks = body_conversion.convert(
            item.content, resolve_image=self.images.resolver(f"in {where}"), report=report_body
        )
        thumbnail = item.meta("_thumbnail_id")
        lead_image = None
        if thumbnail and thumbnail.strip().isdigit():
            lead_image = self.images.by_id(int(thumbnail), f"(featured image of {where})")
        sections = self.records.terms(item, "category", edition, language)
        return plan_story(
            item,
            edition,
            body=blocks,
            authors=self.records.authors(item, edition, language),
            section=sections[0] if sections else None,
            tags=self.records.terms(item, "post_tag", edition, language),
            lead_image=lead_image,
        )

    def link_translation(self, plan, group, where):
        """Translations share a story number and Wagtail's translation_key."""
        if not group:
            return
        # The group's first post was recorded as soon as it was written (this run or before).
        keys = None
        for entry in self.ledger.in_group(group):
            other = (
                ArticlePage.objects.filter(pk=entry.object_id).only("translation_key", "story_number").first()
            )
            if other is not None:
                keys = (other.translation_key, other.story_number)
                break
        if keys is None:
            return
        locale = self.editions.locale(plan.edition)
        if ArticlePage.objects.filter(translation_key=keys[0], locale=locale).exists():
            self.report.add(
                "reported", "posts (a second post of one edition in a translation group: not linked)", where
            )
            return
        plan.translation_key, plan.story_number = keys

    def note_state(self, state, where):
        if state == "private":
            self.report.add(
                "reported", "posts (private or password-protected: imported, not published)", where
            )
        elif state == "scheduled":
            self.report.add("reported", "posts (scheduled)", where)
        elif state == "draft":
            self.report.add("reported", "posts (drafts)", where)

    # -- old addresses -------------------------------------------------------------------------

    def old_addresses(self, item, page, language):
        point = self.redirects.point
        by_id = [f"/?p={item.post_id}"] + ([f"/?page_id={item.post_id}"] if item.post_type == "page" else [])
        if item.link and old_path(item.link) not in by_id:
            point(item.link, page, what="post permalinks")  # a draft's link is its ?p= address
        for address in by_id:
            point(address, page, what="?p= addresses", by_id=True)
        structure = self.mapping.permalink_structure
        if structure:
            point(self.survey.prefix(language) + permalink(structure, item), page, what="post permalinks")
        for attachment_id in self.survey.children.get(item.post_id, ()):
            attachment = self.survey.attachments[attachment_id]
            if attachment.link:
                point(attachment.link, page, what="attachment pages")
            point(f"/?attachment_id={attachment_id}", page, what="attachment pages", by_id=True)
        home = self.editions.home(page.language_code)
        point(f"{self.survey.prefix(language)}/feed/", home, "/rss/", what="feeds")


def permalink(structure, item):
    """A post's path under WordPress's permalink structure (Settings → Permalinks)."""
    moment = item.post_date_local or item.post_date_gmt
    values = {
        "%post_id%": str(item.post_id),
        "%postname%": item.slug,
        "%category%": item.terms("category")[0].nicename if item.terms("category") else "uncategorized",
        "%author%": item.creator,
    }
    if moment is not None:
        values.update(
            {
                "%year%": f"{moment:%Y}",
                "%monthnum%": f"{moment:%m}",
                "%day%": f"{moment:%d}",
                "%hour%": f"{moment:%H}",
                "%minute%": f"{moment:%M}",
                "%second%": f"{moment:%S}",
            }
        )
    path = structure
    for token, value in values.items():
        path = path.replace(token, value)
    return "/" + path.lstrip("/")
