"""The reader's story search index: one row per publicly visible story, kept by the project.

Why not Wagtail's search backend: at a million stories it filters ``(title || body) @@ query``
(no index serves that), ranks every match and joins the page table for locale and liveness, so a
search took minutes. Here one narrow table holds what a reader search needs and nothing else:

* ``page_id``, ``locale_id``, ``published_at`` (the story's ``first_published_at``), and a
  btree on ``(locale_id, published_at DESC, page_id DESC)``;
* the lemmas (``vistka.reader.lemmas``) of the title, the lead and the body's searchable text,
  weighted title > lead > body. PostgreSQL: a ``tsvector`` column (configuration ``simple``: the
  words are already dictionary forms) with a GIN index; SQLite: an FTS5 table of the three
  texts, its rowid the page id.

Queries (AND of the query's lemmas, in one edition):

* newest first: ``... WHERE locale_id = %s AND tsv @@ q ORDER BY published_at DESC LIMIT 21``.
  PostgreSQL chooses between walking the btree newest-first, testing each row (fast for common
  words), and the GIN index then a sort (fast for rare ones); the column keeps a high statistics
  target so the estimate for each lexeme is real.
* relevance: capped ranking. Only the newest ``RELEVANCE_WINDOW`` matches are ranked (ts_rank on
  the weighted vector / FTS5 bm25 with column weights), then by date. Ranking every match of a
  common word is what made relevance take minutes; a reader who pages past the window uses
  "newest first".

Writes: ``upsert`` / ``delete`` for one story at a time (signals, see ``vistka.search.signals``),
``BulkLoader`` for whole archives (COPY into a staging table, vectors computed by PostgreSQL),
``rebuild`` for everything. The vector expression is the same SQL in every path, so a story
written by the archive generator and the same story saved in the admin give the same row.
"""

import re
import time
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr

from vistka.reader.lemmas import lemmatise

TABLE = "storysearch_entry"
FTS_TABLE = "storysearch_fts"  # SQLite only
GIN_INDEX = "storysearch_tsv"  # PostgreSQL only
TS_CONFIG = "simple"
# Relevance ranks the newest RELEVANCE_WINDOW matches of a query (see the module docstring).
RELEVANCE_WINDOW = 1000
# SQLite bm25 column weights (title, lead, body); PostgreSQL weights A, B and D (1.0, 0.4, 0.1).
FTS_WEIGHTS = (10.0, 4.0, 1.0)
TSV_STATISTICS = 1000

# The stored vector. Each part is lemmas joined by spaces; to_tsvector with 'simple' only splits
# and lowercases them. Title A, lead B, body D (the default weight).
TSV_SQL = (
    "setweight(to_tsvector('simple'::regconfig, {title}), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, {lead}), 'B')"
    " || to_tsvector('simple'::regconfig, {body})"
)
QUERY_SQL = "plainto_tsquery('simple'::regconfig, {text})"


@dataclass(slots=True)
class Entry:
    """One story's row: its lemmas by part."""

    page_id: int
    locale_id: int
    published_at: datetime
    title: str
    lead: str
    body: str


def searchable_body(body):
    """A StreamField value as plain text, as ``ArticlePage.body_text()`` gives it."""
    return " ".join(body.stream_block.get_searchable_content(body))


def entry(page_id, locale_id, published_at, title, lead, body_text, language_code):
    return Entry(
        page_id,
        locale_id,
        published_at,
        lemmatise(title, language_code),
        lemmatise(lead, language_code),
        lemmatise(body_text, language_code),
    )


def entry_for_page(page):
    """The row for a story as it is stored (live), from an ArticlePage instance."""
    return entry(
        page.pk,
        page.locale_id,
        page.first_published_at,
        page.title,
        page.lead,
        searchable_body(page.body),
        page.language_code,
    )


def visible_stories(article_model, restriction_model):
    """``ArticlePage.objects.visible()`` for any (also historical, in migrations) model pair: live,
    published, and no view restriction on the story or a page above it."""
    restricted = restriction_model.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return article_model._base_manager.filter(live=True, first_published_at__isnull=False).exclude(
        Exists(restricted)
    )


def backend(using=None):
    conn = connection if using is None else using
    if conn.vendor == "postgresql":
        return PostgresIndex(conn)
    if conn.vendor == "sqlite":
        return SqliteIndex(conn)
    raise NotImplementedError(f"The story search index supports PostgreSQL and SQLite, not {conn.vendor}.")


# --- PostgreSQL -----------------------------------------------------------------------------


class PostgresIndex:
    def __init__(self, conn):
        self.conn = conn

    def upsert(self, entries):
        if not entries:
            return
        rows = [(e.page_id, e.locale_id, e.published_at, e.title, e.lead, e.body) for e in entries]
        columns = [list(column) for column in zip(*rows, strict=True)]
        tsv = TSV_SQL.format(title="r.title", lead="r.lead", body="r.body")
        with self.conn.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {TABLE} (page_id, locale_id, published_at, tsv)
                SELECT r.page_id, r.locale_id, r.published_at, {tsv}
                FROM unnest(%s::integer[], %s::integer[], %s::timestamptz[],
                            %s::text[], %s::text[], %s::text[])
                    AS r (page_id, locale_id, published_at, title, lead, body)
                ON CONFLICT (page_id) DO UPDATE SET
                    locale_id = EXCLUDED.locale_id, published_at = EXCLUDED.published_at, tsv = EXCLUDED.tsv
                """,  # noqa: S608
                columns,
            )

    def delete(self, page_ids):
        with self.conn.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE page_id = ANY(%s)", [list(page_ids)])  # noqa: S608

    def find(self, locale_id, lemmas, order, offset, limit, window=None):
        """[(page_id, query lexeme in the lead?, in the body?)] of one page of results."""
        window = RELEVANCE_WINDOW if window is None else window
        text = " ".join(lemmas)
        query = QUERY_SQL.format(text="%(text)s")
        matches = f"""
            SELECT page_id, published_at, tsv FROM {TABLE}
            WHERE locale_id = %(locale)s AND tsv @@ {query}
            ORDER BY published_at DESC, page_id DESC"""  # noqa: S608
        if order == "new":
            hits = (
                "SELECT page_id, published_at, tsv, 0 AS rank "  # noqa: S608
                f"FROM ({matches} LIMIT %(limit)s OFFSET %(offset)s) AS page"
            )
        else:
            hits = f"""
                SELECT page_id, published_at, tsv, rank FROM (
                    SELECT page_id, published_at, tsv, ts_rank(tsv, {query}) AS rank
                    FROM ({matches} LIMIT %(window)s) AS recent
                ) AS ranked
                ORDER BY rank DESC, published_at DESC, page_id DESC
                LIMIT %(limit)s OFFSET %(offset)s"""  # noqa: S608
        # Which parts hold a query word, for the snippet (a superset of the word-by-word test:
        # a false "no" never happens, so the body is only read when it may hold the match).
        lexemes = "tsvector_to_array(to_tsvector('simple'::regconfig, %(text)s))"
        sql = f"""
            SELECT page_id,
                tsvector_to_array(ts_filter(tsv, '{{b}}')) && {lexemes},
                tsvector_to_array(ts_filter(tsv, '{{d}}')) && {lexemes}
            FROM ({hits}) AS hits
            ORDER BY rank DESC, published_at DESC, page_id DESC"""  # noqa: S608
        params = {"locale": locale_id, "text": text, "limit": limit, "offset": offset, "window": window}
        with self.conn.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def stored(self, page_id):
        """(locale_id, published_at, the vector as text) of a story, or None."""
        with self.conn.cursor() as cursor:
            cursor.execute(
                f"SELECT locale_id, published_at, tsv::text FROM {TABLE} WHERE page_id = %s",  # noqa: S608
                [page_id],
            )
            return cursor.fetchone()

    def truncate(self):
        with self.conn.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")

    def bulk_loader(self, **kwargs):
        return PostgresBulkLoader(self.conn, **kwargs)


class PostgresBulkLoader:
    """Many rows at once on one connection: COPY into a temporary staging table, then one
    INSERT ... SELECT computing the vectors per batch. With ``defer_gin`` the GIN index is
    dropped first and built once at the end (several times faster than incremental inserts;
    searches on the table wait for this transaction meanwhile)."""

    STAGE = "storysearch_stage"

    def __init__(self, conn, defer_gin=False, upsert=False):
        self.conn = conn
        self.seconds = {}
        self.rows = 0
        self.upsert = upsert
        self.dropped = []
        with conn.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {self.STAGE} (page_id integer, locale_id integer, "
                "published_at timestamptz, title text, lead text, body text) ON COMMIT DROP"
            )
            if defer_gin:
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
                    [TABLE, "% USING gin %"],
                )
                self.dropped = cursor.fetchall()
                for name, _definition in self.dropped:
                    cursor.execute(f'DROP INDEX "{name}"')
        tsv = TSV_SQL.format(title="title", lead="lead", body="body")
        conflict = (
            " ON CONFLICT (page_id) DO UPDATE SET locale_id = EXCLUDED.locale_id, "
            "published_at = EXCLUDED.published_at, tsv = EXCLUDED.tsv"
            if upsert
            else ""
        )
        self.insert_sql = (
            f"INSERT INTO {TABLE} (page_id, locale_id, published_at, tsv) "  # noqa: S608
            f"SELECT page_id, locale_id, published_at, {tsv} FROM {self.STAGE}{conflict}"
        )

    def _time(self, name, started):
        self.seconds[name] = self.seconds.get(name, 0.0) + time.monotonic() - started

    def write(self, rows):
        """rows: (page_id, locale_id, published_at, title lemmas, lead lemmas, body lemmas)."""
        if not rows:
            return
        started = time.monotonic()
        with self.conn.cursor() as cursor:
            with cursor.cursor.copy(
                f"COPY {self.STAGE} (page_id, locale_id, published_at, title, lead, body) FROM STDIN"
            ) as copy:
                write_row = copy.write_row
                for row in rows:
                    write_row(row)
            cursor.execute(self.insert_sql)
            cursor.execute(f"TRUNCATE {self.STAGE}")
        self.rows += len(rows)
        self._time("story index", started)

    def finish(self, log=None):
        with self.conn.cursor() as cursor:
            for name, definition in self.dropped:
                if log:
                    log(f"  building search index {name}")
                started = time.monotonic()
                cursor.execute(definition)
                self._time(f"build {name}", started)
            started = time.monotonic()
            cursor.execute(f"ANALYZE {TABLE}")
            self._time("analyze story index", started)
        self.dropped = []


# --- SQLite ---------------------------------------------------------------------------------


class SqliteIndex:
    def __init__(self, conn):
        self.conn = conn

    def upsert(self, entries):
        if not entries:
            return
        adapt = self.conn.ops.adapt_datetimefield_value
        with self.conn.cursor() as cursor:
            ids = [e.page_id for e in entries]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                cursor.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608
                    chunk,
                )
            cursor.executemany(
                f"INSERT INTO {TABLE} (page_id, locale_id, published_at) VALUES (%s, %s, %s) "  # noqa: S608
                "ON CONFLICT (page_id) DO UPDATE SET locale_id = excluded.locale_id, "
                "published_at = excluded.published_at",
                [(e.page_id, e.locale_id, adapt(e.published_at)) for e in entries],
            )
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, lead, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [(e.page_id, e.title, e.lead, e.body) for e in entries],
            )

    def delete(self, page_ids):
        ids = list(page_ids)
        with self.conn.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                cursor.execute(
                    f"DELETE FROM {TABLE} WHERE page_id IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608
                    chunk,
                )

    @staticmethod
    def match_expression(lemmas):
        """FTS5 query: each lemma a quoted string (a phrase of its tokens), all of them required."""
        terms = [lemma for lemma in lemmas if re.search(r"[^\W_]", lemma)]
        return " AND ".join('"' + lemma.replace('"', '""') + '"' for lemma in terms)

    def find(self, locale_id, lemmas, order, offset, limit, window=None):
        window = RELEVANCE_WINDOW if window is None else window
        expression = self.match_expression(lemmas)
        if not expression:
            return []
        weights = ", ".join(str(w) for w in FTS_WEIGHTS)
        matches = f"""
            SELECT e.page_id AS page_id, e.published_at AS published_at,
                bm25({FTS_TABLE}, {weights}) AS rank
            FROM {FTS_TABLE} JOIN {TABLE} AS e ON e.page_id = {FTS_TABLE}.rowid
            WHERE {FTS_TABLE} MATCH %s AND e.locale_id = %s
            ORDER BY e.published_at DESC, e.page_id DESC"""  # noqa: S608
        if order == "new":
            sql = f"SELECT page_id FROM ({matches} LIMIT %s OFFSET %s)"  # noqa: S608
            params = [expression, locale_id, limit, offset]
        else:
            sql = (
                f"SELECT page_id FROM ({matches} LIMIT %s) "  # noqa: S608
                "ORDER BY rank, published_at DESC, page_id DESC LIMIT %s OFFSET %s"
            )
            params = [expression, locale_id, window, limit, offset]
        with self.conn.cursor() as cursor:
            cursor.execute(sql, params)
            return [(row[0], None, None) for row in cursor.fetchall()]

    def stored(self, page_id):
        """(locale_id, published_at, title, lead and body lemmas) of a story, or None."""
        with self.conn.cursor() as cursor:
            cursor.execute(
                f"SELECT e.locale_id, e.published_at, f.title, f.lead, f.body FROM {TABLE} AS e "  # noqa: S608
                f"JOIN {FTS_TABLE} AS f ON f.rowid = e.page_id WHERE e.page_id = %s",
                [page_id],
            )
            return cursor.fetchone()

    def truncate(self):
        with self.conn.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608

    def bulk_loader(self, **kwargs):
        return SqliteBulkLoader(self, **kwargs)


class SqliteBulkLoader:
    def __init__(self, index, defer_gin=False, upsert=False):
        self.index = index
        self.seconds = {}
        self.rows = 0

    def write(self, rows):
        started = time.monotonic()
        self.index.upsert([Entry(*row) for row in rows])
        self.rows += len(rows)
        self.seconds["story index"] = self.seconds.get("story index", 0.0) + time.monotonic() - started

    def finish(self, log=None):
        pass


# --- keeping it in sync ---------------------------------------------------------------------


def _visible():
    from vistka.stories.models import ArticlePage

    return ArticlePage.objects.visible()


INDEX_FIELDS = ("id", "title", "lead", "body", "locale_id", "first_published_at")


def sync_stories(page_ids):
    """Make the rows of these pages match the database: written when visible, gone otherwise."""
    page_ids = list(page_ids)
    if not page_ids:
        return
    pages = list(_visible().filter(pk__in=page_ids).only(*INDEX_FIELDS))
    index = backend()
    index.upsert([entry_for_page(page) for page in pages])
    found = {page.pk for page in pages}
    gone = [pk for pk in page_ids if pk not in found]
    if gone:
        index.delete(gone)


def refresh_subtree(path, batch=1000):
    """After a view restriction or a move: the rows of every story under ``path`` follow
    visibility (restricted ones leave, visible missing ones are written)."""
    from vistka.search.models import StoryIndexEntry
    from vistka.stories.models import ArticlePage

    index = backend()
    visible = _visible().filter(path__startswith=path)
    hidden = list(
        StoryIndexEntry.objects.filter(page__path__startswith=path)
        .exclude(page_id__in=visible.values("pk"))
        .values_list("page_id", flat=True)
    )
    if hidden:
        index.delete(hidden)
    missing = ArticlePage.objects.filter(pk__in=visible.values("pk")).exclude(
        pk__in=StoryIndexEntry.objects.filter(page__path__startswith=path).values("page_id")
    )
    pending = []
    for page in missing.only(*INDEX_FIELDS).iterator(chunk_size=batch):
        pending.append(entry_for_page(page))
        if len(pending) >= batch:
            index.upsert(pending)
            pending = []
    index.upsert(pending)


def rebuild(batch=2000, log=None, progress=None):
    """Every row again from the stories, in one transaction. Returns the number of rows."""
    from vistka.editions.languages import language_code_for_locale_id

    with transaction.atomic():
        index = backend()
        index.truncate()
        loader = index.bulk_loader(defer_gin=True)
        rows = []
        count = 0
        for page in (
            _visible().only(*INDEX_FIELDS).order_by("first_published_at", "pk").iterator(chunk_size=batch)
        ):
            e = entry(
                page.pk,
                page.locale_id,
                page.first_published_at,
                page.title,
                page.lead,
                searchable_body(page.body),
                language_code_for_locale_id(page.locale_id),
            )
            rows.append((e.page_id, e.locale_id, e.published_at, e.title, e.lead, e.body))
            if len(rows) >= batch:
                loader.write(rows)
                count += len(rows)
                rows = []
                if progress:
                    progress(count)
        loader.write(rows)
        count += len(rows)
        loader.finish(log)
    return count
