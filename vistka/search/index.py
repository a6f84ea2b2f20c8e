"""The reader's story search index: one row per publicly visible story, kept by the project.

Why not Wagtail's search backend: at a million stories it filters ``(title || body) @@ query``
(no index serves that), ranks every match and joins the page table for locale and liveness, so a
search took minutes. Here one narrow table holds what a reader search needs and nothing else:

* ``page_id``, ``locale_id``, ``published_at`` (the story's ``first_published_at``), and a
  btree on ``(locale_id, published_at DESC, page_id DESC)``;
* the lemmas (``vistka.reader.lemmas``) of the title, the lead and the body's searchable text,
  weighted title > lead > body. PostgreSQL: a ``tsvector`` column (configuration ``simple``: the
  words are already dictionary forms) with a GIN index, the table partitioned by edition so each
  edition's words have their own statistics and GIN lists; SQLite: an FTS5 table of the three
  texts, its rowid the page id.

Queries (AND of the query's lemmas, in one edition) need the newest N matches: N = offset + 21
newest first, or the ``RELEVANCE_WINDOW`` newest matches, ranked (ts_rank on the weighted vector,
FTS5 bm25 with column weights on SQLite), then by date. On PostgreSQL (``newest_matches``):

1. the edition's newest ``WALK_ROWS`` stories are tested one by one down the date index: common
   words end here, after a few dozen rows;
2. older stories in slices of time growing fourfold, each read by walking the date index (when
   the matches seen so far are dense) or by a bitmap of the GIN and date indexes (when sparse).

So no query walks years of stories that do not match (a word common only long ago, a year, a
word of another edition), and none turns a common word's whole GIN list into a bitmap. Relevance
is capped because ranking every match of a common word is what made it take minutes; the window
(100) is what kept p95 under 100 ms at 16 concurrent searches on the 2-core reference machine
(1000 measured 3x over). A reader who pages past it uses "newest first", which is not capped.

Writes: ``upsert`` / ``delete`` for one story at a time (signals, see ``vistka.search.signals``),
bulk loaders for whole archives (PostgreSQL: COPY into a staging table, vectors computed by the
server), ``rebuild`` for everything. The vector expression is the same SQL in every path, so a
story written by the archive generator and the same story saved in the admin give the same row.
"""

import json
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr

from vistka.reader.lemmas import lemmatise

TABLE = "storysearch_entry"
FTS_TABLE = "storysearch_fts"  # SQLite only
GIN_INDEX = "storysearch_tsv"  # PostgreSQL only
TS_CONFIG = "simple"
# Relevance ranks the newest RELEVANCE_WINDOW matches of a query (see the module docstring).
RELEVANCE_WINDOW = 100
# SQLite bm25 column weights (title, lead, body); PostgreSQL weights A, B and D (1.0, 0.4, 0.1).
FTS_WEIGHTS = (10.0, 4.0, 1.0)
# Finding the newest matches (PostgresIndex.newest_matches): the newest WALK_ROWS stories of an
# edition are tested one by one; older ones in slices read by walking or by bitmaps, whichever
# the costs below (microseconds per row walked, per GIN posting, per date-index entry) favour.
WALK_ROWS = 1000
WALK_ON_LIMIT = 64 * WALK_ROWS  # stories walked at most before the RUM scan takes over
FEW_MATCHES = 2000  # estimated matches in the edition up to which one GIN query reads them all
PROBE_ROWS = 5000  # at most this many matches read through GIN for words rare only together
# Per row walked, per GIN posting read, per date-index entry, per row fetched from a bitmap.
COST_WALK, COST_GIN, COST_BTREE, COST_HEAP = 1.0, 0.15, 0.03, 1.0
BITMAP_WORK_MEM = "16MB"  # exact (not lossy) bitmaps for common words
# With the RUM index (see ``ensure_rum_index``): a query whose words are too rare for the walk
# through the newest stories to find enough is answered by one ordered RUM scan (its cost follows
# the matches it sorts inside the index, no table rows); the others walk first and use the RUM
# scan when the walk finds too few.
RUM_INDEX = "storysearch_rum"
# The same RUM index over the last RECENT_DAYS only (a partial index, its cutoff a constant in
# its definition): the newest matches of common words read a tenth of the postings there, and
# the whole index only when the recent stories hold too few. Rebuilt with a new cutoff once it
# is RECENT_SLACK_DAYS older than wanted (``ensure_recent_rum_index``, from the scheduler).
RECENT_RUM_INDEX = "storysearch_rum_recent"
RECENT_DAYS = 365
RECENT_SLACK_DAYS = 60
RECENT_TOGETHER = 10  # several words: try the recent index when its rarest word has 10 x need there
# Microseconds per posting the RUM scan reads (every word's list) and per match it sorts.
COST_RUM_POSTING, COST_RUM_MATCH = 0.03, 0.2
RUM_WORK_MEM = "32MB"  # the RUM scan sorts its matches in memory
# RUM's order: the distance (seconds, a float) to a fixed future moment, smallest first. Finite
# ('infinity' makes every distance equal) and near enough for microseconds to stay apart.
NEWEST_FIRST = "published_at <=| '2200-01-01 00:00:00+00'::timestamptz"
TSV_STATISTICS = 1000  # lexemes in the most-common-elements statistics: 10 x this
_SPANS = {}  # locale id -> ((newest, oldest first publication), valid until)
_ROWS = {}  # locale id -> (stories in the edition, valid until)
_LEXEME_STATS = {}  # locale id -> ((lexeme frequencies, rare share, stories) or None, valid until)
_RUM = {}  # connection alias -> (whether the RUM index exists, valid until)
_RECENT = {}  # (alias, locale id) -> ((cutoff, stories newer than it) or None, valid until)
STATS_SECONDS = 600
SIMPLE_LEXEME = re.compile(r"[^\W_]+")  # a lemma the 'simple' parser keeps as one lexeme
SPAN_SECONDS = 10

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


RUM_DEFINITION = (
    f"CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON {TABLE} USING rum (tsv rum_tsvector_addon_ops, "
    "published_at) WITH (attach = 'published_at', to = 'tsv')"
)


def ensure_rum_index(using=None):
    """PostgreSQL: the RUM index (matches of a query in date order, from the index alone), when
    the ``rum`` extension is installed on the server (Debian: postgresql-NN-rum) and this role
    may create it. Returns whether the index exists. Without it searches use the GIN index and
    the date slices (slower for rare words and word pairs at a million stories)."""
    conn = connection if using is None else using
    if conn.vendor != "postgresql":
        return False
    _RUM.clear()
    with conn.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [RUM_INDEX])
        if cursor.fetchone()[0]:
            return True
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return False
        try:
            with transaction.atomic(using=conn.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        except DatabaseError:  # not allowed to: an administrator creates it, then this again
            return False
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute(RUM_DEFINITION)
    ensure_recent_rum_index(conn)
    return True


def recent_rum_cutoff(using=None):
    """The cutoff of the recent RUM index (an aware datetime), or None without that index."""
    conn = connection if using is None else using
    if conn.vendor != "postgresql":
        return None
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT split_part(pg_get_expr(i.indpred, i.indrelid), chr(39), 2)::timestamptz "
            "FROM pg_index AS i WHERE i.indexrelid = to_regclass(%s)",
            [RECENT_RUM_INDEX],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def ensure_recent_rum_index(using=None, now=None, cutoff=None):
    """PostgreSQL with the RUM index: the partial RUM index of the stories published after
    ``cutoff`` (default: midnight UTC ``RECENT_DAYS`` before ``now``), built when missing or when
    its cutoff is more than ``RECENT_SLACK_DAYS`` older than that (or ``cutoff`` is given).
    Returns the cutoff in use, or None. Building it blocks writes to the story index for as long
    as it takes (about 8 s at a million stories): the scheduler does it every two months."""
    conn = connection if using is None else using
    if conn.vendor != "postgresql":
        return None
    with conn.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [RUM_INDEX])
        if not cursor.fetchone()[0]:
            return None
    current = recent_rum_cutoff(conn)
    if cutoff is None:
        now = now or datetime.now(tz=UTC)
        wanted = (now - timedelta(days=RECENT_DAYS)).replace(hour=0, minute=0, second=0, microsecond=0)
        if current is not None and current >= wanted - timedelta(days=RECENT_SLACK_DAYS):
            return current
        cutoff = wanted
    elif current == cutoff:
        return current
    _RECENT.clear()
    definition = RUM_DEFINITION.replace(RUM_INDEX, RECENT_RUM_INDEX, 1)
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute(f"DROP INDEX IF EXISTS {RECENT_RUM_INDEX}")
        # The cutoff is written into the definition: the planner uses a partial index only for
        # queries whose conditions imply its predicate (``_rum`` repeats it as a value).
        cursor.execute(f"{definition} WHERE published_at > '{cutoff.isoformat()}'::timestamptz")
    return cutoff


def _plan_rows(cursor):
    """The planner's row estimate from the current result of an ``EXPLAIN (FORMAT JSON)``."""
    plan = cursor.fetchone()[0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]


def _remembered(store, key, seconds, compute, keep=lambda value: True):
    """``compute()``, kept in ``store[key]`` for ``seconds`` in this process (when ``keep`` says)."""
    now = time.monotonic()
    hit = store.get(key)
    if hit is not None and hit[1] > now:
        return hit[0]
    value = compute()
    if keep(value):
        store[key] = (value, now + seconds)
    return value


def rum_cost(alone, matches, need=None, recent=0.0):
    """Microseconds of one ordered RUM scan: every word's postings read, the matches sorted.

    ``recent``: the share of the edition's stories in the recent RUM index. When those likely
    hold the ``need`` newest of the ``matches``, the scan reads that index: its share of the
    postings (``PostgresIndex._rum`` tries it first on the same rule, and for several words
    also where words that go together could fill it)."""
    if recent and need is not None and matches * recent >= need:
        return rum_cost([estimate * recent for estimate in alone], matches * recent)
    return sum(alone) * COST_RUM_POSTING + matches * COST_RUM_MATCH


def likely_matches(alone, rows):
    """The planner's estimate of the stories holding every word: as if independent."""
    likely = rows
    for estimate in alone:
        likely *= estimate / rows
    return max(likely, 0.5)


def rum_first(alone, need, rows, recent=0.0):
    """With the RUM index: skip the walk through the newest stories?

    When the RUM scan costs less than walking until ``need`` match, both at the planner's
    estimate of the query's matches (for several words it takes them as independent: words
    that go together match more, and a walk would find them sooner than estimated, but the RUM
    scan's cost is bounded by the words' postings, so a wrong guess this way costs little).
    Where walking may win, the walk through the newest stories measures the density, and the
    choice is made again after it.
    """
    likely = likely_matches(alone, rows)
    return rum_cost(alone, likely, need, recent) < need * rows / likely * COST_WALK


def ensure_partitions(using=None):
    index = backend(using)
    return index.ensure_partitions() if isinstance(index, PostgresIndex) else []


def backend(using=None):
    conn = connection if using is None else using
    if conn.vendor == "postgresql":
        return PostgresIndex(conn)
    if conn.vendor == "sqlite":
        return SqliteIndex(conn)
    raise NotImplementedError(f"The story search index supports PostgreSQL and SQLite, not {conn.vendor}.")


# --- PostgreSQL -----------------------------------------------------------------------------


class PostgresIndex:
    """The table is partitioned by edition (LIST on locale_id, one partition per locale and a
    default one): each edition's words get their own statistics and GIN index, so a word common
    in one edition is not mistaken for a common word in another."""

    def __init__(self, conn):
        self.conn = conn

    def ensure_partitions(self):
        """A partition for every locale (rows of a new locale that went to the default partition
        move into it)."""
        with self.conn.cursor() as cursor:
            cursor.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [TABLE])
            if cursor.fetchone() != ("p",):  # not (yet) partitioned: migrations still to run
                return []
            cursor.execute(
                "SELECT l.id FROM wagtailcore_locale AS l WHERE NOT EXISTS ("
                "SELECT 1 FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid "
                "WHERE i.inhparent = %s::regclass AND c.relname = %s || l.id)",
                [TABLE, f"{TABLE}_"],
            )
            missing = [row[0] for row in cursor.fetchall()]
            for locale_id in missing:
                name = f"{TABLE}_{locale_id:d}"
                cursor.execute(f"CREATE TABLE {name} (LIKE {TABLE} INCLUDING DEFAULTS)")
                cursor.execute(f"ALTER TABLE {name} ALTER COLUMN tsv SET STATISTICS {TSV_STATISTICS}")
                cursor.execute(
                    f"WITH moved AS (DELETE FROM {TABLE}_default WHERE locale_id = %s RETURNING *) "  # noqa: S608
                    f"INSERT INTO {name} SELECT * FROM moved",
                    [locale_id],
                )
                cursor.execute(
                    f"ALTER TABLE {TABLE} ATTACH PARTITION {name} FOR VALUES IN ({int(locale_id)})"
                )
        return missing

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
                ON CONFLICT (page_id, locale_id) DO UPDATE SET
                    published_at = EXCLUDED.published_at, tsv = EXCLUDED.tsv
                """,  # noqa: S608
                columns,
            )

    def delete(self, page_ids):
        with self.conn.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE page_id = ANY(%s)", [list(page_ids)])  # noqa: S608

    def ids_with_any(self, locale_id, lexemes):
        """Page ids of the edition's rows holding any of these lexemes, read without the indexes:
        RUM 1.3's bitmap scan fails ("tuple offset out of range: 0") on a lexeme whose postings
        VACUUM has emptied, which is what rewriting stale lemmas does (postgrespro/rum#183,
        fixed upstream, not in Debian's 1.3.13). About 4 s for 600,000 rows; a maintenance query."""
        if not lexemes:
            return []
        with transaction.atomic(using=self.conn.alias), self.conn.cursor() as cursor:
            cursor.execute("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = off")
            cursor.execute(
                f"SELECT page_id FROM {TABLE} WHERE locale_id = %s AND tsv @@ ("  # noqa: S608
                "SELECT string_agg('(' || plainto_tsquery('simple'::regconfig, x)::text || ')', ' | ') "
                "FROM unnest(%s::text[]) AS x)::tsquery ORDER BY page_id",
                [locale_id, sorted(lexemes)],
            )
            return [row[0] for row in cursor.fetchall()]

    def reindex_rum(self):
        """Rebuild every partition's RUM indexes without blocking writes (see ids_with_any: after
        many lexemes lose all their rows, the old index can fail bitmap scans). Returns their names."""
        with self.conn.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename LIKE %s AND indexdef LIKE %s "
                "ORDER BY indexname",
                [f"{TABLE}\\_%", "% USING rum %"],
            )
            names = [row[0] for row in cursor.fetchall()]
            for name in names:
                cursor.execute(f"REINDEX INDEX CONCURRENTLY {self.conn.ops.quote_name(name)}")
        return names

    def find(self, locale_id, lemmas, order, offset, limit, window=None):
        """The page ids of one page of results, in order."""
        window = RELEVANCE_WINDOW if window is None else window
        rank = order != "new"
        need = window if rank else offset + limit
        if need <= offset:
            return []
        text = " ".join(lemmas)
        found = self.newest_matches(locale_id, text, need, rank)
        if rank:
            found.sort(key=lambda r: (-r[2], -r[1].timestamp(), -r[0]))
        return [r[0] for r in found[offset : offset + limit]]

    def newest_matches(self, locale_id, text, need, rank):
        """The ``need`` newest matches [(page_id, published_at, rank or 0)], newest first.

        0. Few matches in the edition by the planner's estimate: all at once through the GIN
           index (rare words). With several words the smallest single-word estimate counts (the
           planner's estimate for all of them assumes independent words: "road repairs" would
           look rare).
        1. Walk the edition's newest ``WALK_ROWS`` stories one by one (stops as soon as ``need``
           match): common words end here.
        2. Rare together though each is common (by the planner and by the walk): every match
           through the GIN index, at most ``PROBE_ROWS`` of them; more means step 3.
        3. Go back in time in slices growing fourfold, each read the cheaper way for the density
           of matches seen so far: walking the date index (dense) or a bitmap of the GIN and date
           indexes (sparse), so the cost follows the matches, never a walk through years of
           stories that do not match (a word common only long ago, a year number).
        """
        query = QUERY_SQL.format(text="%(text)s")
        rank_sql = f"ts_rank(tsv, {query})" if rank else "0::real"
        params = {"locale": locale_id, "text": text, "walk": WALK_ROWS, "need": need}
        words = text.split()
        with self.conn.cursor() as cursor:
            alone = self._estimates(cursor, locale_id, words)
            rows = max(self.rows(locale_id), 1)
            together = likely_matches(alone, rows)  # the planner's way: independent words
            rum = self.has_rum_index()
            recent = self.recent_share(locale_id) if rum else 0.0
            if rum and rum_first(alone, need, rows, recent):
                return self._rum(cursor, rank_sql, query, params, together, alone)
            if not rum and min(alone) <= FEW_MATCHES:
                return self._bitmap(
                    cursor,
                    f"{rank_sql}",
                    query,
                    params,
                    "ORDER BY published_at DESC, page_id DESC LIMIT %(need)s",
                )
            found = self._walk(cursor, rank_sql, query, params, None, WALK_ROWS, need)
            if len(found) >= need:
                return found
            mark_at = max(1, WALK_ROWS // 10)  # the older slices' pace (without RUM) starts here
            edges = self._edges(cursor, locale_id, None, (WALK_ROWS,) if rum else (WALK_ROWS, mark_at))
            boundary = edges[WALK_ROWS]
            if boundary is None:  # the edition has fewer stories than the walk: all were tested
                return found
            if rum:
                return self._walk_on_or_rum(cursor, rank_sql, query, params, alone, found, boundary)
            postings = sum(alone)  # what a GIN bitmap of the query reads
            density = (len(found) + 0.5) / WALK_ROWS
            mark = edges[mark_at][1]
            predicted = density * self.rows(locale_id)
            if (
                together <= PROBE_ROWS
                and predicted <= PROBE_ROWS
                and postings * COST_GIN + predicted * COST_HEAP < (need - len(found)) / density * COST_WALK
            ):
                cursor.execute(
                    f"SET LOCAL enable_indexscan = off; SET LOCAL work_mem = '{BITMAP_WORK_MEM}'; "  # noqa: S608
                    "SELECT page_id, published_at, count(*) OVER () FROM ("
                    f"SELECT page_id, published_at FROM {TABLE} "
                    f"WHERE locale_id = %(locale)s AND tsv @@ {query} LIMIT %(probe)s) AS every "
                    "ORDER BY published_at DESC, page_id DESC LIMIT %(need)s; "
                    "SET LOCAL enable_indexscan TO DEFAULT; SET LOCAL work_mem TO DEFAULT",
                    {**params, "probe": PROBE_ROWS},
                )
                while cursor.description is None:
                    cursor.nextset()
                every = cursor.fetchall()
                if not every or every[0][2] < PROBE_ROWS:  # all of them were read
                    ranks = {}
                    if rank and every:
                        cursor.execute(
                            f"SELECT page_id, {rank_sql} FROM {TABLE} "  # noqa: S608
                            "WHERE locale_id = %(locale)s AND page_id = ANY(%(ids)s)",
                            {**params, "ids": [row[0] for row in every]},
                        )
                        ranks = dict(cursor.fetchall())
                    return [(pk, when, ranks.get(pk, 0.0)) for pk, when, _total in every]
        # Stories a day, from the walked ones below the newest tenth (a story published after a
        # long pause would make the newest ones look rare).
        days = max((mark - boundary[1]).total_seconds() / 86400 if mark else 0, 1 / 24)
        per_day = max(WALK_ROWS - max(1, WALK_ROWS // 10), 1) / days
        older = self._older_matches(
            locale_id, text, need - len(found), rank_sql, len(found), boundary, postings, per_day
        )
        return found + older

    def _estimates(self, cursor, locale_id, words):
        """Stories of the edition holding each word, as the planner estimates them: from the
        most-common-elements statistics of the edition's partition (cached), else EXPLAIN."""
        stats = self.lexeme_stats(locale_id)
        out = []
        unknown = []
        for word in words:
            if stats is not None and SIMPLE_LEXEME.fullmatch(word):
                frequencies, rare, rows = stats
                out.append(frequencies.get(word, rare) * rows)
            else:
                unknown.append(word)
        if unknown:
            names = {f"t{i}": value for i, value in enumerate(unknown)}
            cursor.execute(
                "; ".join(
                    f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} WHERE locale_id = %(locale)s "  # noqa: S608
                    f"AND tsv @@ {QUERY_SQL.format(text=f'%({name})s')}"
                    for name in names
                ),
                {"locale": locale_id, **names},
            )
            while True:
                out.append(_plan_rows(cursor))
                if not cursor.nextset():
                    break
        return out

    def lexeme_stats(self, locale_id):
        """({lexeme: share of stories}, share assumed for the others, stories) of the edition's
        partition, from pg_stats (what the planner uses), cached for ``STATS_SECONDS``; None
        without statistics."""

        def read():
            with self.conn.cursor() as cursor:
                cursor.execute(
                    "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
                    "FROM pg_stats AS s JOIN pg_class AS c ON c.relname = s.tablename "
                    "WHERE s.tablename = %s AND s.attname = 'tsv'",
                    [f"{TABLE}_{locale_id:d}"],
                )
                row = cursor.fetchone()
            if not (row and row[0] and row[2] > 0):
                return None
            elems, freqs, rows = row
            frequencies = dict(zip(elems, freqs, strict=False))  # freqs ends with min, max, nulls
            # As PostgreSQL's tsmatchsel: a lexeme missing from the list is rarer than its rarest.
            return (frequencies, min(freqs[: len(elems)]) / 2, rows)

        return _remembered(_LEXEME_STATS, locale_id, STATS_SECONDS, read)

    def has_rum_index(self):
        """Whether the RUM index exists (cached for ``STATS_SECONDS`` per process)."""

        def exists():
            with self.conn.cursor() as cursor:
                cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [RUM_INDEX])
                return cursor.fetchone()[0]

        return _remembered(_RUM, self.conn.alias, STATS_SECONDS, exists)

    def _walk_on_or_rum(self, cursor, rank_sql, query, params, alone, found, boundary):
        """After the first walk found too few: walk on through the next stories, at the density
        measured so far, as long as what is left to find costs less that way than one RUM scan
        (rare together, or common only long ago: the RUM index is in no walk's plan)."""
        need = params["need"]
        walked, hits = WALK_ROWS, len(found)
        while walked < WALK_ON_LIMIT:
            left = need - len(found)
            density = (hits + 0.5) / walked
            expected = left / density  # stories to walk until the missing matches are found
            likely = density * self.rows(params["locale"])
            if expected * COST_WALK >= rum_cost(alone, likely, need, self.recent_share(params["locale"])):
                break
            step = min(int(expected * 1.5) + 1, WALK_ON_LIMIT - walked)
            more = self._walk(cursor, rank_sql, query, params, boundary, step, left)
            found = found + more
            if len(found) >= need:
                return found
            boundary = self._edges(cursor, params["locale"], boundary, (step,))[step]
            if boundary is None:  # every story of the edition was tested
                return found
            walked, hits = walked + step, hits + len(more)
        likely = (hits + 0.5) / walked * self.rows(params["locale"])
        return self._rum(cursor, rank_sql, query, params, likely, alone)

    def _walk(self, cursor, rank_sql, query, params, edge, rows, left):
        """[(page_id, published_at, rank)] of the first ``left`` matches among the next ``rows``
        stories (after ``edge``, a (page id, date), when given), tested one by one down the date
        index; the scan stops at the last match wanted. The rank is computed for matches only."""
        after = "AND (published_at, page_id) < (%(edge)s, %(edge_id)s)" if edge else ""
        cursor.execute(
            f"""
            SELECT page_id, published_at, {rank_sql} FROM (
                SELECT page_id, published_at, tsv, tsv @@ {query} AS hit FROM {TABLE}
                WHERE locale_id = %(locale)s {after}
                ORDER BY published_at DESC, page_id DESC LIMIT %(rows)s
            ) AS newest
            WHERE hit LIMIT %(left)s""",  # noqa: S608
            {**params, "edge": edge and edge[1], "edge_id": edge and edge[0], "rows": rows, "left": left},
        )
        return cursor.fetchall()

    def _edges(self, cursor, locale_id, edge, positions):
        """{position: (page_id, published_at) or None} of the stories at these positions (1 is the
        first) down the date index, after ``edge`` when given: from the index alone, so a walk's
        boundary costs nothing when the walk found enough."""
        after = "AND (published_at, page_id) < (%(edge)s, %(edge_id)s)" if edge else ""
        cursor.execute(
            " UNION ALL ".join(
                f"(SELECT {int(at)}, page_id, published_at FROM {TABLE} WHERE locale_id = %(locale)s "  # noqa: S608
                f"{after} ORDER BY published_at DESC, page_id DESC OFFSET {int(at) - 1} LIMIT 1)"
                for at in positions
            ),
            {"locale": locale_id, "edge": edge and edge[1], "edge_id": edge and edge[0]},
        )
        found = {at: (pk, when) for at, pk, when in cursor.fetchall()}
        return {at: found.get(at) for at in positions}

    def _rum(self, cursor, rank_sql, query, params, likely, alone):
        """The newest ``need`` matches by one ordered scan of the RUM index: of the recent one
        first when the recent stories likely hold them (of the ``likely`` matches in the
        edition, their share), and of the whole index when they do not."""
        need = params["need"]
        recent = self.recent(params["locale"])
        share = self.recent_share(params["locale"])
        # Words that go together ("ремонт доріг") match far more than independent ones would:
        # where even the rarest word's recent stories could hold them, the recent index is tried.
        together = len(alone) > 1 and min(alone) * share >= need * RECENT_TOGETHER
        if recent is not None and (likely * share >= need or together):
            found = self._rum_scan(cursor, rank_sql, query, {**params, "cutoff": recent[0]})
            if len(found) >= need:  # the newest of all: every newer story is in that index
                return found
        return self._rum_scan(cursor, rank_sql, query, params)

    def _rum_scan(self, cursor, rank_sql, query, params):
        """One ordered RUM scan (of the recent index when ``params`` has a cutoff). It orders by
        date only, so the stories published in the same second as the last one it keeps are read
        too (same statement) and the tie is broken by page id, as everywhere else."""
        recent = "AND published_at > %(cutoff)s" if "cutoff" in params else ""
        cursor.execute(
            f"SET LOCAL work_mem = '{RUM_WORK_MEM}'; "  # noqa: S608
            # Ranked outside the LIMIT: only the rows kept (a bitmap scan and a sort, the plan
            # for few estimated matches, would rank every match).
            f"WITH newest AS MATERIALIZED (SELECT page_id, published_at, tsv "
            f"FROM {TABLE} WHERE locale_id = %(locale)s AND tsv @@ {query} {recent} "
            f"ORDER BY {NEWEST_FIRST} LIMIT %(need)s) "
            f"SELECT page_id, published_at, {rank_sql} FROM newest UNION ALL "
            f"SELECT page_id, published_at, {rank_sql} FROM {TABLE} "
            "WHERE locale_id = %(locale)s AND (SELECT count(*) FROM newest) = %(need)s "
            "AND published_at = (SELECT min(published_at) FROM newest) "
            f"AND page_id NOT IN (SELECT page_id FROM newest) AND tsv @@ {query}; "
            "SET LOCAL work_mem TO DEFAULT",
            params,
        )
        while cursor.description is None:
            cursor.nextset()
        found = cursor.fetchall()
        while cursor.nextset():
            pass
        found.sort(key=lambda row: (row[1], row[0]), reverse=True)
        return found[: params["need"]]

    def recent(self, locale_id):
        """(cutoff, stories of the edition published after it) of the recent RUM index, or None
        without it; cached for ``STATS_SECONDS`` per process."""

        def read():
            cutoff = recent_rum_cutoff(self.conn)
            if cutoff is None:
                return None
            with self.conn.cursor() as cursor:
                cursor.execute(
                    f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} WHERE locale_id = %s AND published_at > %s",  # noqa: S608
                    [locale_id, cutoff],
                )
                return cutoff, _plan_rows(cursor)

        return _remembered(_RECENT, (self.conn.alias, locale_id), STATS_SECONDS, read)

    def recent_share(self, locale_id):
        """The share of the edition's stories in the recent RUM index (0 without it)."""
        recent = self.recent(locale_id)
        return min(1.0, recent[1] / max(self.rows(locale_id), 1)) if recent else 0.0

    def _bitmap(self, cursor, rank_sql, query, params, tail):
        """Matches of the whole edition through the GIN index (index scans off for the statement:
        several statements in one message run as one transaction, so SET LOCAL ends with it, and
        is put back explicitly for a caller's open transaction)."""
        cursor.execute(
            f"SET LOCAL enable_indexscan = off; SET LOCAL work_mem = '{BITMAP_WORK_MEM}'; "  # noqa: S608
            f"SELECT page_id, published_at, {rank_sql} FROM ("
            f"SELECT page_id, published_at, tsv FROM {TABLE} "
            f"WHERE locale_id = %(locale)s AND tsv @@ {query} {tail}) AS kept "
            "ORDER BY published_at DESC, page_id DESC; "
            "SET LOCAL enable_indexscan TO DEFAULT; SET LOCAL work_mem TO DEFAULT",
            params,
        )
        while cursor.description is None:
            cursor.nextset()
        return cursor.fetchall()

    def _older_matches(self, locale_id, text, need, rank_sql, hits, boundary, postings, per_day):
        _newest, oldest = self.span(locale_id)
        bound_id, upper = boundary
        seen_rows = WALK_ROWS
        query = QUERY_SQL.format(text="%(text)s")
        # The rank is computed on the rows kept only (outside the LIMIT).
        sql = (
            f"SELECT page_id, published_at, {rank_sql} FROM ("  # noqa: S608
            f"SELECT page_id, published_at, tsv FROM {TABLE} "
            f"WHERE locale_id = %(locale)s AND tsv @@ {query} AND published_at <= %(upper)s{{lower}} "
            "AND NOT (published_at = %(edge)s AND page_id >= %(edge_id)s) "
            "ORDER BY published_at DESC, page_id DESC LIMIT %(need)s) AS kept "
            "ORDER BY published_at DESC, page_id DESC"
        )
        found = []
        slice_rows = WALK_ROWS
        with self.conn.cursor() as cursor:
            while len(found) < need:
                slice_rows *= 4
                lower = upper - timedelta(days=slice_rows / per_day)
                last = lower <= oldest
                density = (hits + 0.5) / seen_rows
                left = need - len(found)
                walk = min(slice_rows, left / density) * COST_WALK
                bitmap = postings * COST_GIN + slice_rows * COST_BTREE + density * slice_rows * COST_HEAP
                # The plan is chosen by switching the other kind of scan off for this statement:
                # several statements in one message run as one transaction, so SET LOCAL ends
                # with it (and is put back explicitly for a caller's open transaction).
                off = "enable_bitmapscan" if walk <= bitmap else "enable_indexscan"
                cursor.execute(
                    f"SET LOCAL {off} = off; SET LOCAL work_mem = '{BITMAP_WORK_MEM}'; "
                    + sql.format(lower="" if last else " AND published_at > %(lower)s")
                    + f"; SET LOCAL {off} TO DEFAULT; SET LOCAL work_mem TO DEFAULT",
                    {
                        "locale": locale_id,
                        "text": text,
                        "upper": upper,
                        "lower": lower,
                        "edge": boundary[1],
                        "edge_id": bound_id,
                        "need": left,
                    },
                )
                while cursor.description is None:  # the SETs before the query
                    cursor.nextset()
                rows = cursor.fetchall()
                found.extend(rows)
                hits += len(rows)
                seen_rows += slice_rows
                if last:
                    break
                upper = lower
        return found

    def rows(self, locale_id):
        """Stories in the edition (the planner's count of its partition), cached like ``span``."""

        def count():
            with self.conn.cursor() as cursor:
                cursor.execute(
                    f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} WHERE locale_id = %s",  # noqa: S608
                    [locale_id],
                )
                return _plan_rows(cursor)

        return _remembered(_ROWS, locale_id, SPAN_SECONDS, count)

    def span(self, locale_id):
        """(newest, oldest) first publication in the edition, cached for ``SPAN_SECONDS`` per process
        (it only shapes the slices: a story older than a stale ``oldest`` waits that long)."""

        def bounds():
            with self.conn.cursor() as cursor:
                cursor.execute(
                    f"SELECT max(published_at), min(published_at) FROM {TABLE} WHERE locale_id = %s",  # noqa: S608
                    [locale_id],
                )
                return cursor.fetchone()

        return _remembered(_SPANS, locale_id, SPAN_SECONDS, bounds, keep=lambda value: value[0] is not None)

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
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                    "AND (indexdef LIKE %s OR indexdef LIKE %s)",
                    [TABLE, "% USING gin %", "% USING rum %"],
                )
                # A partitioned table's index reads "ON ONLY" (the parent alone); built again
                # without it, it covers every partition.
                self.dropped = [(name, sql.replace(" ON ONLY ", " ON ")) for name, sql in cursor.fetchall()]
                for name, _definition in self.dropped:
                    cursor.execute(f'DROP INDEX "{name}"')
        tsv = TSV_SQL.format(title="title", lead="lead", body="body")
        conflict = (
            " ON CONFLICT (page_id, locale_id) DO UPDATE SET "
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

    def ids_with_any(self, locale_id, lexemes):
        """Page ids of the edition's rows holding any of these lexemes."""
        expression = self.match_expression(sorted(lexemes), "OR")
        if not expression:
            return []
        with self.conn.cursor() as cursor:
            cursor.execute(
                f"SELECT e.page_id FROM {FTS_TABLE} JOIN {TABLE} AS e ON e.page_id = {FTS_TABLE}.rowid "  # noqa: S608
                f"WHERE {FTS_TABLE} MATCH %s AND e.locale_id = %s ORDER BY e.page_id",
                [expression, locale_id],
            )
            return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def match_expression(lemmas, operator="AND"):
        """FTS5 query: each lemma a quoted string (a phrase of its tokens), all of them required
        (or any of them, with "OR")."""
        terms = [lemma for lemma in lemmas if re.search(r"[^\W_]", lemma)]
        return f" {operator} ".join('"' + lemma.replace('"', '""') + '"' for lemma in terms)

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
            return [row[0] for row in cursor.fetchall()]

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


def reindex_stale_lemmas(batch=1000, progress=None):
    """Re-lemmatise the stories whose rows hold a lemma that the place-name list
    (vistka/reader/place_names.py) now replaces, a batch per transaction, searches going on.
    Returns the number of stories rewritten."""
    from wagtail.models import Locale

    from vistka.reader.place_names import replaced_lemmas

    index = backend()
    done = 0
    for locale in Locale.objects.order_by("pk"):
        ids = index.ids_with_any(locale.pk, replaced_lemmas(locale.language_code))
        for start in range(0, len(ids), batch):
            with transaction.atomic():
                sync_stories(ids[start : start + batch])
            done += len(ids[start : start + batch])
            if progress:
                progress(done)
    return done


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
