"""Writes generated stories straight into the tables, in batches.

PostgreSQL: ``COPY ... FROM STDIN`` through psycopg 3 for every table. SQLite: ``executemany``.

Search: the reader's story index (``vistka.search.index``) gets one row per story through its
bulk loader (PostgreSQL: COPY into a staging table, then one ``INSERT ... SELECT`` per batch
computing the weighted tsvectors with the same SQL the live sync uses; SQLite: its FTS5 rows).
Wagtail's own search index (the admin's page search) is only written with ``wagtail_index``:
then its rows get exactly the vectors and texts Wagtail's database backend would store (an
``INSERT ... SELECT`` over arrays on PostgreSQL, ``bulk_create`` on SQLite). The tests compare
both kinds of rows with what the live code writes for the same pages.

Large PostgreSQL runs write the search indexes on a second connection in a worker thread, so two
PostgreSQL backends and Python work at once: the pages go in one transaction (the caller's),
the index rows in another that commits right after it (if it fails after the pages are
committed, ``manage.py rebuild_story_index`` repairs the story index; the command says so).

Page tree: stories are children of their edition's StoryArchivePage. treebeard's materialised
path gives each child a 4-character base-36 step after the parent's path, so one parent holds at
most 36**4 - 1 = 1,679,615 children; the writer continues after the current last child, checks
the limit before writing anything and adds to the parent's numchild at the end.
"""

import queue
import re
import threading
import time
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from vistka.stories.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    Correction,
    LiveEntry,
    StoryArchivePage,
    StoryNumber,
)

MAX_CHILDREN = len(Page.alphabet) ** Page.steplen - 1
SAFE_CONFIG = re.compile(r"^[a-z_][a-z0-9_.]*$")

PAGE_COLUMNS = (
    "id", "path", "depth", "numchild", "translation_key", "locale_id", "latest_revision_id", "live",
    "has_unpublished_changes", "first_published_at", "last_published_at", "live_revision_id", "go_live_at",
    "expire_at", "expired", "locked", "locked_at", "locked_by_id", "title", "draft_title", "slug",
    "content_type_id", "url_path", "owner_id", "latest_revision_created_at", "alias_of_id", "show_in_menus",
    "seo_title", "search_description",
)  # fmt: skip
ARTICLE_COLUMNS = (
    "page_ptr_id", "kind", "story_number", "url_root", "lead", "lead_image_id", "lead_image_alt",
    "lead_image_caption", "lead_image_credit", "body", "section_id", "is_important", "breaking_until",
    "no_ads",
)  # fmt: skip


class ArchiveLimitError(Exception):
    pass


def path_step(position):
    """treebeard's step for a child position: 1 -> '0001', 36 -> '0010'."""
    alphabet = Page.alphabet
    base = len(alphabet)
    out = []
    while position:
        position, digit = divmod(position, base)
        out.append(alphabet[digit])
    return "".join(reversed(out)).rjust(Page.steplen, alphabet[0])


def path_position(path):
    return int(path[-Page.steplen :], len(Page.alphabet))


def index_entry_model():
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")


def _quote(name):
    return connection.ops.quote_name(name)


class IdPool:
    """Ids from a table's sequence, a chunk at a time, never more than the run needs (PostgreSQL:
    ``nextval``, safe next to concurrent writers; SQLite: after the largest id, the writer
    holding the database lock)."""

    def __init__(self, table, chunk, total):
        self.table = table
        self.chunk = chunk
        self.left = total
        self.ids = []
        self.pos = 0
        self.next_sqlite = None

    def __iter__(self):
        return self

    def __next__(self):
        if self.pos >= len(self.ids):
            self.ids = self._fetch()
            self.pos = 0
        value = self.ids[self.pos]
        self.pos += 1
        return value

    def _fetch(self):
        size = min(self.chunk, self.left)
        if size < 1:
            raise RuntimeError(f"More ids of {self.table} asked for than planned.")
        self.left -= size
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [self.table, size],
                )
                return [row[0] for row in cursor.fetchall()]
            if self.next_sqlite is None:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {_quote(self.table)}")  # noqa: S608
                largest = cursor.fetchone()[0]
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [self.table])
                row = cursor.fetchone()
                self.next_sqlite = max(largest, row[0] if row else 0) + 1
        start = self.next_sqlite
        self.next_sqlite += size
        return list(range(start, start + size))


@dataclass
class Archive:
    code: str
    page: StoryArchivePage
    next_position: int
    added: int = 0


@dataclass
class WriteStats:
    pages: dict = field(default_factory=dict)
    authors: int = 0
    tags: int = 0
    live_entries: int = 0
    corrections: int = 0
    index_entries: int = 0  # story index rows
    wagtail_index_entries: int = 0
    seconds: dict = field(default_factory=dict)

    backends: dict = field(default_factory=dict)  # name -> (PostgreSQL backend pid, its CPU seconds at start)
    cpu: dict = field(default_factory=dict)  # name -> CPU seconds of that backend during the run

    def time(self, name, seconds):
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def watch_backend(self, name):
        """Remember this connection's server process, to report its CPU time (local servers)."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        cpu = process_cpu_seconds(pid)
        if cpu is not None:
            self.backends[name] = (pid, cpu)

    def backend_cpu(self):
        out = {}
        for name, (pid, start) in self.backends.items():
            cpu = process_cpu_seconds(pid)
            if cpu is not None:
                out[name] = cpu - start
        return out


def process_cpu_seconds(pid):
    """User + system CPU seconds of a local process, or None (not on this machine, no /proc)."""
    import os

    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


# --- the search index -------------------------------------------------------------------------


class SearchIndexWriter:
    """The story index and, if asked, Wagtail's index rows for ArticlePage, on the current
    thread's connection. ``write`` takes (story index rows, Wagtail index rows or None)."""

    def __init__(self, content_type_id, stats, defer_gin=False, wagtail_index=False):
        from vistka.search.index import backend

        self.stats = stats
        stats.watch_backend("search index")
        self.story = backend().bulk_loader(defer_gin=defer_gin)
        self.wagtail = WagtailIndexWriter(content_type_id, stats, defer_gin) if wagtail_index else None

    def write(self, batch):
        story_rows, wagtail_rows = batch
        self.story.write(story_rows)
        if self.wagtail is not None:
            self.wagtail.write(wagtail_rows)

    def finish(self, log=None):
        self.story.finish(log)
        for name, seconds in self.story.seconds.items():
            self.stats.time(name, seconds)
        if self.wagtail is not None:
            self.wagtail.finish(log)


class WagtailIndexWriter:
    """Wagtail's index rows for ArticlePage (the admin's page search), exactly as its database
    backend writes them."""

    def __init__(self, content_type_id, stats, defer_gin=False):
        self.content_type_id = content_type_id
        self.stats = stats
        self.pg = connection.vendor == "postgresql"
        self.table = index_entry_model()._meta.db_table
        self.title_totals = None
        self.dropped = []
        if self.pg:
            self._prepare_postgres()
            if defer_gin:
                self._drop_gin_indexes()

    def _prepare_postgres(self):
        from modelsearch.backends.database.postgres.weights import get_weight

        backend = get_search_backend()
        title_boost = next(
            f.boost for f in ArticlePage.get_search_fields() if getattr(f, "field_name", None) == "title"
        )
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            config = backend.config
            if not config:
                cursor.execute("SHOW default_text_search_config")
                config = cursor.fetchone()[0].removeprefix("pg_catalog.")
            auto_config = backend.autocomplete_config or config
            for name in (config, auto_config):
                if not SAFE_CONFIG.match(name):
                    raise NotImplementedError(f"Unexpected text search configuration {name!r}.")
            self.config = config
            cfg, auto = f"'{config}'::regconfig", f"'{auto_config}'::regconfig"
            tw, bw = get_weight(title_boost), get_weight(None)
            # setweight(to_tsvector(config, text), weight), joined with ||: Django's SearchVector,
            # as modelsearch's ObjectIndexer.as_vector builds it (an empty text adds nothing).
            # title_norm as modelsearch's _refresh_title_norms sets it: the average title length
            # (in lexemes) over the index divided by this title's length.
            self.insert_sql = f"""
                INSERT INTO {_quote(self.table)}
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                SELECT %(ct)s, object_id, title_v, auto_v, body_v,
                    CASE WHEN length(title_v) > 0 THEN %(lavg)s / length(title_v) ELSE 1.0 END,
                    title, concat_ws(' ', NULLIF(lead, ''), NULLIF(body, ''), NULLIF(lemmas, ''))
                FROM (
                    SELECT object_id, title, lead, body, lemmas,
                        setweight(to_tsvector({cfg}, title), '{tw}') AS title_v,
                        setweight(to_tsvector({auto}, title), 'D') AS auto_v,
                        (setweight(to_tsvector({cfg}, lead), '{bw}')
                            || setweight(to_tsvector({cfg}, body), '{bw}'))
                            || setweight(to_tsvector({cfg}, lemmas), '{bw}') AS body_v
                    FROM unnest(%(ids)s::text[], %(titles)s::text[], %(leads)s::text[], %(bodies)s::text[],
                                %(lemmas)s::text[]) AS rows (object_id, title, lead, body, lemmas)
                ) AS vectors"""  # noqa: S608

    def _drop_gin_indexes(self):
        """A bulk GIN build at the end is several times faster than a million incremental
        inserts. The index table stays locked (searches wait) until this transaction ends."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
                [self.table, "% USING gin %"],
            )
            self.dropped = cursor.fetchall()
            for name, _definition in self.dropped:
                cursor.execute(f"DROP INDEX {_quote(name)}")

    def write(self, rows):
        """rows: (object_id, title, lead, body, lemmas), stripped as modelsearch strips them."""
        started = time.monotonic()
        if self.pg:
            self._write_postgres(rows)
        else:
            self._write_sqlite(rows)
        self.stats.time("wagtail index", time.monotonic() - started)

    def _write_postgres(self, rows):
        ids, titles, leads, bodies, lemmas = (list(column) for column in zip(*rows, strict=True))
        with connection.cursor() as cursor:
            if self.title_totals is None:
                cursor.execute(
                    f"SELECT COALESCE(SUM(length(title)), 0), COUNT(*) FROM {_quote(self.table)} "  # noqa: S608
                    "WHERE length(title) > 0"
                )
                self.title_totals = list(cursor.fetchone())
            cursor.execute(
                "SELECT COALESCE(SUM(n), 0), COUNT(*) FROM ("
                "SELECT length(to_tsvector(%s::regconfig, t)) AS n FROM unnest(%s::text[]) AS t"
                ") AS lengths WHERE n > 0",
                [self.config, titles],
            )
            added = cursor.fetchone()
            totals = self.title_totals
            totals[0] += added[0]
            totals[1] += added[1]
            lavg = totals[0] / totals[1] if totals[1] else 1.0
            cursor.execute(
                self.insert_sql,
                {
                    "ct": self.content_type_id,
                    "lavg": lavg,
                    "ids": ids,
                    "titles": titles,
                    "leads": leads,
                    "bodies": bodies,
                    "lemmas": lemmas,
                },
            )

    def _write_sqlite(self, rows):
        entry = index_entry_model()
        ct = self.content_type_id
        # modelsearch's SQLite indexer joins every search field's value with a space.
        entry.objects.bulk_create(
            [
                entry(
                    content_type_id=ct,
                    object_id=object_id,
                    title=title,
                    autocomplete=title,
                    body=f"{lead} {body} {lemmas}",
                )
                for object_id, title, lead, body, lemmas in rows
            ],
            batch_size=500,
        )

    def finish(self, log=None):
        started = time.monotonic()
        if not self.pg:
            get_search_backend().get_index_for_model(ArticlePage)._refresh_title_norms()
            return
        with connection.cursor() as cursor:
            for name, definition in self.dropped:
                if log:
                    log(f"  rebuilding search index {name}")
                t = time.monotonic()
                cursor.execute(definition)
                self.stats.time(f"rebuild {name}", time.monotonic() - t)
            cursor.execute(f"ANALYZE {_quote(self.table)}")
        self.stats.time("wagtail index finish", time.monotonic() - started)


_FINISH, _COMMIT, _ABORT = "finish", "commit", "abort"


class SearchIndexThread:
    """A ``SearchIndexWriter`` on its own connection and transaction, fed through a queue.

    ``write`` blocks while two batches wait (back-pressure); ``finish`` waits until every row is
    in and the indexes are rebuilt, still uncommitted; ``commit`` / ``abort`` end it.
    """

    def __init__(self, content_type_id, stats, defer_gin=False, wagtail_index=False, log=None):
        self.queue = queue.Queue(maxsize=2)
        self.finished = threading.Event()
        self.error = None
        self.committed = False
        self.log = log
        self.thread = threading.Thread(
            target=self._run,
            args=(content_type_id, stats, defer_gin, wagtail_index),
            name="archive-search-index",
            daemon=True,
        )
        self.thread.start()

    def _run(self, content_type_id, stats, defer_gin, wagtail_index):
        from django.db import connections

        try:
            with transaction.atomic():
                writer = SearchIndexWriter(
                    content_type_id, stats, defer_gin=defer_gin, wagtail_index=wagtail_index
                )
                while (item := self.queue.get()) is not _FINISH:
                    if item is _ABORT:
                        raise InterruptedError("aborted")
                    writer.write(item)
                writer.finish(self.log)
                self.finished.set()
                decision = self.queue.get()
                if decision is not _COMMIT:
                    transaction.set_rollback(True)
            self.committed = decision is _COMMIT
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            self.error = error
            self.finished.set()
            while self.queue.get() not in (_COMMIT, _ABORT):  # let the producer finish without blocking
                pass
        finally:
            connections.close_all()

    def _check(self):
        if self.error is not None and not isinstance(self.error, InterruptedError):
            raise RuntimeError(f"Writing the search index failed: {self.error!r}") from self.error

    def write(self, rows):
        self._check()
        self.queue.put(rows)

    def finish(self, log=None):
        self.queue.put(_FINISH)
        self.finished.wait()
        self._check()

    def commit(self):
        self.queue.put(_COMMIT)
        self.thread.join()
        if not self.committed:
            raise RuntimeError(
                f"The stories are saved but their search index rows were not ({self.error!r}); "
                "run `manage.py rebuild_story_index` to index them."
            )

    def abort(self):
        if self.thread.is_alive():
            self.queue.put(_ABORT)
            self.thread.join()


# --- pages and their links --------------------------------------------------------------------


class ArchiveWriter:
    """Pages, stories, story numbers, author/tag links, live entries and corrections on the
    current connection; the search indexes through ``index`` (inline or a ``SearchIndexThread``)."""

    def __init__(
        self, locale_ids, batch, parallel_index=False, defer_gin=False, wagtail_index=False, log=None
    ):
        self.pg = connection.vendor == "postgresql"
        if connection.vendor not in ("postgresql", "sqlite"):
            raise NotImplementedError("The archive generator writes to PostgreSQL or SQLite.")
        self.locale_ids = locale_ids
        self.batch = batch
        self.stats = WriteStats(pages=dict.fromkeys(locale_ids, 0))
        self.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
        self.archives = {}
        for code, locale_id in locale_ids.items():
            archive = StoryArchivePage.objects.select_for_update().get(locale_id=locale_id)
            last = (
                Page.objects.filter(path__startswith=archive.path, depth=archive.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.archives[code] = Archive(code, archive, path_position(last) + 1 if last else 1)
        self.page_ids = self.story_numbers = None
        self.extra = self._extra_columns()
        self.parallel_index = parallel_index and self.pg
        self.defer_gin = defer_gin and self.pg
        self.wagtail_index = wagtail_index
        self.log = log
        self.index = None
        if self.pg:
            self.stats.watch_backend("pages")
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def plan_ids(self, pages, stories):
        self.page_ids = IdPool(Page._meta.db_table, self.batch, pages)
        self.story_numbers = IdPool(StoryNumber._meta.db_table, self.batch, stories)

    def check_capacity(self, per_edition):
        for code, count in per_edition.items():
            archive = self.archives[code]
            last = archive.next_position - 1 + count
            if last > MAX_CHILDREN:
                raise ArchiveLimitError(
                    f"The {code} story archive (page {archive.page.pk}) would need child position {last:,}, "
                    f"but a Wagtail page can have at most {MAX_CHILDREN:,} children (treebeard: 4 base-36 "
                    f"characters per level). It holds positions up to {archive.next_position - 1:,}; "
                    f"generate at most {MAX_CHILDREN - archive.next_position + 1:,} more stories in this "
                    "edition."
                )

    def start_index(self):
        """After the capacity check, so nothing is locked or dropped for a run that cannot fit."""
        if self.parallel_index:
            self.index = SearchIndexThread(
                self.content_type_id,
                self.stats,
                defer_gin=self.defer_gin,
                wagtail_index=self.wagtail_index,
                log=self.log,
            )
        else:
            self.index = SearchIndexWriter(
                self.content_type_id, self.stats, defer_gin=self.defer_gin, wagtail_index=self.wagtail_index
            )

    def _extra_columns(self):
        """Columns the writer does not know (added by a later Wagtail): their defaults, or stop."""
        extra = []
        for model, known in ((Page, PAGE_COLUMNS), (ArticlePage, ARTICLE_COLUMNS)):
            columns = []
            for f in model._meta.local_concrete_fields:
                if f.column in known:
                    continue
                if not f.has_default() and not f.null:
                    raise NotImplementedError(f"{model.__name__}.{f.name} has no default; teach the writer.")
                columns.append((f.column, f.get_db_prep_save(f.get_default(), connection)))
            extra.append(columns)
        return extra

    def write(self, pages):
        """One batch of ``PageData`` (a story's pages always in the same batch)."""
        started = time.monotonic()
        rows, index_rows = self._rows(pages)
        self.stats.time("rows", time.monotonic() - started)
        started = time.monotonic()
        if self.pg:
            self._copy(rows)
        else:
            self._insert(rows)
        self.stats.time("pages", time.monotonic() - started)
        self.index.write(index_rows)

    def _rows(self, pages):
        dt = (lambda v: v) if self.pg else connection.ops.adapt_datetimefield_value
        key = (lambda v: v) if self.pg else (lambda v: v.replace("-", ""))
        page_extra, article_extra = (tuple(v for _c, v in columns) for columns in self.extra)
        ct = self.content_type_id
        rows = {name: [] for name in ("page", "article", "author", "tag", "number", "live", "correction")}
        page_rows, article_rows = rows["page"], rows["article"]
        author_rows, tag_rows, number_rows = rows["author"], rows["tag"], rows["number"]
        story_rows = []
        wagtail_rows = [] if self.wagtail_index else None
        locale_ids = self.locale_ids
        numbers_seen = set()
        counts = self.stats.pages
        for p in pages:
            archive = self.archives[p.code]
            parent = archive.page
            path = parent.path + path_step(archive.next_position)
            archive.next_position += 1
            archive.added += 1
            counts[p.code] += 1
            slug = str(p.story_number)
            when = dt(p.published)
            page_rows.append(
                (
                    p.page_id,
                    path,
                    parent.depth + 1,
                    0,
                    key(p.translation_key),
                    self.locale_ids[p.code],
                    None,
                    True,
                    False,
                    when,
                    when,
                    None,
                    None,
                    None,
                    False,
                    False,
                    None,
                    None,
                    p.title,
                    p.title,
                    slug,
                    ct,
                    f"{parent.url_path}{slug}/",
                    None,
                    when,
                    None,
                    False,
                    "",
                    "",
                )  # fmt: skip
                + page_extra
            )
            article_rows.append(
                (
                    p.page_id,
                    p.kind,
                    p.story_number,
                    p.url_root,
                    p.lead,
                    p.lead_image_id,
                    p.lead_image_alt,
                    p.lead_image_caption,
                    p.lead_image_credit,
                    p.body,
                    p.section_id,
                    p.is_important,
                    dt(p.breaking_until) if p.breaking_until else None,
                    p.no_ads,
                )  # fmt: skip
                + article_extra
            )
            for i, author_id in enumerate(p.author_ids):
                author_rows.append((i, author_id, p.page_id))
            for i, tag_id in enumerate(p.tag_ids):
                tag_rows.append((i, p.page_id, tag_id))
            if p.story_number not in numbers_seen:
                numbers_seen.add(p.story_number)
                number_rows.append((p.story_number, when))
            for i, (posted_at, headline, text) in enumerate(p.live_entries):
                rows["live"].append((i, p.page_id, dt(posted_at), headline, text))
            for i, (type_, made_at, note) in enumerate(p.corrections):
                rows["correction"].append((i, p.page_id, type_, dt(made_at), note))
            story_rows.append(
                (p.page_id, locale_ids[p.code], p.published, p.title_lemmas, p.lead_lemmas, p.body_lemmas)
            )
            if wagtail_rows is not None:
                wagtail_rows.append(
                    (str(p.page_id), p.title.strip(), p.lead.strip(), p.search_body.strip(), p.lemmas.strip())
                )
        stats = self.stats
        stats.authors += len(author_rows)
        stats.tags += len(tag_rows)
        stats.live_entries += len(rows["live"])
        stats.corrections += len(rows["correction"])
        stats.index_entries += len(story_rows)
        stats.wagtail_index_entries += len(wagtail_rows or ())
        return rows, (story_rows, wagtail_rows)

    def _tables(self):
        return (
            ("page", Page._meta.db_table, PAGE_COLUMNS + tuple(c for c, _v in self.extra[0])),
            ("article", ArticlePage._meta.db_table, ARTICLE_COLUMNS + tuple(c for c, _v in self.extra[1])),
            ("number", StoryNumber._meta.db_table, ("id", "created_at")),
            ("author", ArticleAuthor._meta.db_table, ("sort_order", "author_id", "page_id")),
            ("tag", ArticleTag._meta.db_table, ("sort_order", "page_id", "tag_id")),
            ("live", LiveEntry._meta.db_table, ("sort_order", "page_id", "posted_at", "headline", "text")),
            ("correction", Correction._meta.db_table, ("sort_order", "page_id", "type", "made_at", "note")),
        )

    def _copy(self, rows):
        with connection.cursor() as cursor:
            for name, table, columns in self._tables():
                if not rows[name]:
                    continue
                sql = f"COPY {_quote(table)} ({', '.join(_quote(c) for c in columns)}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    write_row = copy.write_row
                    for row in rows[name]:
                        write_row(row)

    def _insert(self, rows):
        with connection.cursor() as cursor:
            for name, table, columns in self._tables():
                if rows[name]:
                    cursor.executemany(
                        f"INSERT INTO {_quote(table)} ({', '.join(_quote(c) for c in columns)}) "  # noqa: S608
                        f"VALUES ({', '.join(['%s'] * len(columns))})",
                        rows[name],
                    )

    def finish(self):
        """Parent counters, statistics and the search index (rebuilt, not yet committed when it
        runs on its own connection)."""
        started = time.monotonic()
        for archive in self.archives.values():
            if archive.added:
                Page.objects.filter(pk=archive.page.pk).update(numchild=archive.page.numchild + archive.added)
        if self.pg:
            with connection.cursor() as cursor:
                for model in (Page, ArticlePage, ArticleAuthor, ArticleTag, StoryNumber):
                    cursor.execute(f"ANALYZE {_quote(model._meta.db_table)}")
        self.stats.time("pages finish", time.monotonic() - started)
        self.index.finish(self.log)
