"""The recent-stories RUM index (PostgreSQL with rum) and how a page of hits is read: bodies only
where the lead holds no query word, on PostgreSQL one prepared statement."""

import os
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vistka.newsroom.management.commands import run_scheduler
from vistka.reader import search
from vistka.reader.tests.builders import at, paragraph, story
from vistka.search import index
from vistka.stories.factories import locale

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'")


@pytest.fixture
def rum():
    if not index.PostgresIndex(connection).has_rum_index():
        if os.environ.get("VISTKA_EXPECT_RUM"):
            pytest.fail("the rum extension is expected (VISTKA_EXPECT_RUM) but its index is missing")
        pytest.skip("PostgreSQL without the rum extension (Debian: postgresql-NN-rum)")


def index_oid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)::oid", [index.RECENT_RUM_INDEX])
        return cursor.fetchone()[0]


@postgres_only
def test_the_recent_index_covers_the_last_year_and_moves_every_two_months(rum):
    now = datetime(2026, 11, 25, 7, 30, tzinfo=UTC)
    with connection.cursor() as cursor:  # one a committed test's scheduler pass may have left
        cursor.execute(f"DROP INDEX IF EXISTS {index.RECENT_RUM_INDEX}")
    first = index.ensure_recent_rum_index(now=now)
    assert first == datetime(2025, 11, 25, tzinfo=UTC) and index.recent_rum_cutoff() == first
    oid = index_oid()
    assert index.ensure_recent_rum_index(now=now + timedelta(days=60)) == first  # within the slack
    assert index_oid() == oid  # not rebuilt
    moved = index.ensure_recent_rum_index(now=now + timedelta(days=61))
    assert moved == datetime(2026, 1, 25, tzinfo=UTC) == index.recent_rum_cutoff()
    assert index_oid() != oid


@pytest.fixture
def zorepad(rum):
    """Five stories with the word since the cutoff, three from before it."""
    index.ensure_recent_rum_index(cutoff=at(days=-10))
    recent = [story(title=f"Зорепад {i}", published_at=at(days=-i)) for i in range(5)]
    old = [story(title=f"Зорепад давній {i}", published_at=at(days=-300 - i)) for i in range(3)]
    return recent, old


def rum_scans(captured):
    return [q["sql"] for q in captured if "<=|" in q["sql"]]


def find(monkeypatch, limit):
    monkeypatch.setattr(index, "rum_first", lambda *args: True)  # a big edition's rare word
    monkeypatch.setattr(index.PostgresIndex, "recent_share", lambda self, locale_id: 1.0)
    monkeypatch.setattr(index, "likely_matches", lambda alone, rows: 10**6)  # words that go together
    monkeypatch.setattr(index, "_RECENT", {})
    with CaptureQueriesContext(connection) as captured:
        ids = index.backend().find(locale("uk").pk, ["зорепад"], "new", 0, limit)
    return ids, rum_scans(captured)


@postgres_only
def test_the_newest_matches_come_from_the_recent_index_when_it_holds_them(zorepad, monkeypatch):
    recent, _old = zorepad
    ids, scans = find(monkeypatch, 3)
    assert ids == [page.pk for page in recent[:3]]
    assert len(scans) == 1 and "published_at >" in scans[0]
    with connection.cursor() as cursor:  # the partial index can serve it
        cursor.execute(
            "SELECT c.relname FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass",
            [index.RECENT_RUM_INDEX],
        )
        names = {row[0] for row in cursor.fetchall()}
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + scans[0].split("; ")[1])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert any(name in plan for name in names), plan


@postgres_only
def test_too_few_recent_matches_fall_back_to_the_whole_index(zorepad, monkeypatch):
    recent, old = zorepad
    ids, scans = find(monkeypatch, 7)
    assert ids == [page.pk for page in recent + old[:2]]
    assert len(scans) == 2 and "published_at >" in scans[0] and "published_at >" not in scans[1]


def test_rum_cost_counts_the_recent_index_only_where_it_likely_holds_the_matches():
    alone = [60_000, 40_000]
    assert index.rum_cost(alone, 4_000, 100, 0.1) == index.rum_cost([6_000, 4_000], 400)
    assert index.rum_cost(alone, 500, 100, 0.1) == index.rum_cost(alone, 500)  # 50 recent < 100
    assert index.rum_cost(alone, 4_000) == index.rum_cost(alone, 4_000, 100, 0.0)


def test_the_scheduler_checks_the_recent_index_once_an_hour(monkeypatch):
    calls = []
    monkeypatch.setattr(run_scheduler, "ensure_recent_rum_index", lambda: calls.append(1))
    monkeypatch.setattr(run_scheduler, "_recent_index_checked", [])
    run_scheduler.run_once()
    run_scheduler.run_once()
    assert calls == [1]
    run_scheduler._recent_index_checked[:] = [run_scheduler._recent_index_checked[0] - 3601]
    run_scheduler.run_once()
    assert calls == [1, 1]


# --- reading a page of hits ----------------------------------------------------------------


def test_bodies_are_read_only_for_hits_whose_lead_lacks_the_word(monkeypatch):
    in_lead = story(title="Перше", lead="Гарбузовий фестиваль відкрили.", published_at=at(minutes=2))
    in_body = story(
        title="Друге",
        lead="Місто готується до свята.",
        body=[paragraph("<p>Програма: гарбузовий фестиваль і ярмарок.</p>")],
        published_at=at(minutes=1),
    )
    asked = []
    read = search.stored_bodies
    monkeypatch.setattr(search, "stored_bodies", lambda ids: asked.append(list(ids)) or read(ids))

    results = search.search_stories(locale("uk").pk, "uk", "гарбузовий", "new")
    assert [s.pk for s, _snippet in results.hits] == [in_lead.pk, in_body.pk]
    assert asked == [[in_body.pk]]
    assert "<mark>" in str(results.hits[1][1]) and "ярмарок" in str(results.hits[1][1])
    asked.clear()
    search.search_stories(locale("uk").pk, "uk", "фестиваль відкрили", "new")
    assert asked == [[]]  # no body read (and no query for none)


@postgres_only
def test_on_postgresql_hits_are_one_prepared_statement_with_a_generic_plan():
    for i in range(4):
        story(title=f"Патисон {i}", published_at=at(minutes=i))
    for _ in range(4):
        assert len(search.search_stories(locale("uk").pk, "uk", "патисон", "new").hits) == 4
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%JOIN "wagtailcore_page"%page_ptr_id = ANY%'],
        )
        rows = cursor.fetchall()
    assert rows and rows[0][0] >= 1 and rows[0][1] == 0


@postgres_only
def test_words_that_go_together_try_the_recent_index_though_rare_as_if_independent(rum, monkeypatch):
    index.ensure_recent_rum_index(cutoff=at(days=-10))
    pages = [story(title=f"Зорепад серпневий {i}", published_at=at(days=-i)) for i in range(4)]
    monkeypatch.setattr(index, "rum_first", lambda *args: True)
    monkeypatch.setattr(index, "_RECENT", {})
    monkeypatch.setattr(index.PostgresIndex, "rows", lambda self, locale_id: 10**6)
    monkeypatch.setattr(index.PostgresIndex, "recent_share", lambda self, locale_id: 0.05)
    # Two words of 2,000 stories each: 4 matches as if independent, 0.2 of them recent, too few
    # for 3; but each word has 100 recent stories, room for them all if they go together. One
    # word of 20 stories: 1 recent, and nothing suggests more.
    monkeypatch.setattr(
        index.PostgresIndex,
        "_estimates",
        lambda self, cursor, locale_id, words: [2_000] * len(words) if len(words) > 1 else [20],
    )
    with CaptureQueriesContext(connection) as captured:
        ids = index.backend().find(locale("uk").pk, ["зорепад", "серпневий"], "new", 0, 3)
    assert ids == [page.pk for page in pages[:3]]
    scans = rum_scans(captured)
    assert len(scans) == 1 and "published_at >" in scans[0]
    with CaptureQueriesContext(connection) as captured:  # one word: its estimate is trusted
        index.backend().find(locale("uk").pk, ["зорепад"], "new", 0, 3)
    assert [("published_at >" in sql) for sql in rum_scans(captured)] == [False]
