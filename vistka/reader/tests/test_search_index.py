"""The story search index (vistka/search): kept in step with publishing, editing, unpublishing,
deleting, view restrictions and bulk updates; both orders; the capped relevance ranking; rebuild.
Runs on SQLite (FTS5) and PostgreSQL (tsvector + GIN)."""

import importlib
import os

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from wagtail.models import PageViewRestriction

from vistka.reader.search import search_stories
from vistka.reader.tests.builders import at, paragraph, story
from vistka.search import index
from vistka.search.models import StoryIndexEntry
from vistka.stories.factories import locale
from vistka.stories.models import ArticlePage, StoryArchivePage

pytestmark = pytest.mark.django_db


def found(query, edition="uk", order="relevance", offset=0):
    return [s.title for s, _snippet in search_stories(locale(edition).pk, edition, query, order, offset).hits]


def row(page):
    return index.backend().stored(page.pk)


def indexed(page):
    return StoryIndexEntry.objects.filter(page_id=page.pk).exists()


# --- kept in sync -------------------------------------------------------------------------


def test_publishing_writes_the_row_with_edition_and_first_publication():
    page = story(title="Кавуни подешевшали", published_at=at(days=-3))

    entry = StoryIndexEntry.objects.get(page_id=page.pk)
    assert entry.locale_id == locale("uk").pk
    assert entry.published_at == page.first_published_at == at(days=-3)
    assert found("кавун") == ["Кавуни подешевшали"]


def test_a_draft_is_not_indexed_until_published():
    page = story(title="Чернетка про гарбузи", draft=True)
    assert not indexed(page)
    assert found("гарбузи") == []

    page.save_revision().publish()

    assert indexed(page)
    assert found("гарбуз") == ["Чернетка про гарбузи"]


def test_editing_and_republishing_rewrites_the_row():
    page = story(title="Гарбузи вродили", lead="Урожай у Полтаві.", published_at=at())
    before = row(page)

    page = ArticlePage.objects.get(pk=page.pk)
    page.title = "Кабачки вродили"
    page.lead = "Урожай у Черкасах."
    page.save_revision().publish()

    assert row(page) != before
    assert found("гарбузи") == []
    assert found("Полтава") == []
    assert found("кабачки") == ["Кабачки вродили"]
    assert found("Черкаси") == ["Кабачки вродили"]
    assert StoryIndexEntry.objects.get(page_id=page.pk).published_at == at()  # first publication stays


def test_a_draft_change_of_a_live_story_leaves_the_row_alone():
    page = story(title="Баклажани на ринку", published_at=at())
    before = row(page)

    page.title = "Таємні баклажани кабачки"
    page.body = [paragraph("<p>Зовсім інший текст про патисони.</p>")]
    page.save_revision()

    assert row(page) == before
    assert found("патисони") == []
    assert found("баклажани") == ["Баклажани на ринку"]


def test_unpublishing_removes_the_row_and_republishing_brings_it_back():
    page = story(title="Помідори дозріли", published_at=at())
    page.unpublish()

    assert not indexed(page)
    assert found("помідори") == []

    page = ArticlePage.objects.get(pk=page.pk)
    page.save_revision().publish()
    assert found("помідори") == ["Помідори дозріли"]


def test_deleting_removes_the_row():
    page = story(title="Огірки засолили", published_at=at())
    pk = page.pk
    page.delete()

    assert not StoryIndexEntry.objects.filter(page_id=pk).exists()
    assert found("огірки") == []


def test_deleting_the_whole_archive_of_an_edition_removes_its_rows():
    page = story(edition="en", title="Pumpkins everywhere", published_at=at())
    StoryArchivePage.objects.get(locale=locale("en")).delete()

    assert not StoryIndexEntry.objects.filter(page_id=page.pk).exists()
    assert not StoryIndexEntry.objects.filter(locale_id=locale("en").pk).exists()


def test_a_view_restriction_on_the_story_or_above_it_takes_stories_out_and_back():
    page = story(title="Закриті буряки", published_at=at())
    other = story(title="Відкриті буряки", published_at=at(minutes=1))

    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert not indexed(page)
    assert indexed(other)
    assert found("буряки") == ["Відкриті буряки"]

    restriction.delete()
    assert indexed(page)

    archive = StoryArchivePage.objects.get(locale=locale("uk"))
    above = PageViewRestriction.objects.create(page=archive, restriction_type=PageViewRestriction.LOGIN)
    assert not indexed(page)
    assert not indexed(other)
    assert found("буряки") == []

    above.delete()
    assert indexed(page)
    assert indexed(other)
    assert sorted(found("буряки")) == ["Відкриті буряки", "Закриті буряки"]


def test_bulk_updates_without_signals_are_followed_by_the_database_trigger():
    page = story(title="Морква в ціні", published_at=at())

    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=at(days=-10))
    assert StoryIndexEntry.objects.get(page_id=page.pk).published_at == at(days=-10)

    ArticlePage.objects.filter(pk=page.pk).update(live=False)
    assert not indexed(page)


def test_a_stale_row_never_shows_a_story_that_is_not_visible():
    """Visibility is checked again on the hits: a restriction written without signals leaves the
    row in place, and the story is still not shown."""
    page = story(title="Цибуля подорожчала", published_at=at())
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)]
    )

    assert indexed(page)
    assert found("цибуля") == []


# --- orders and the capped ranking ---------------------------------------------------------


@pytest.fixture
def ranked():
    """Five stories with the word "квасоля": in the title (oldest), lead, body (newest three)."""
    return [
        story(title="Квасоля б'є рекорди", published_at=at(days=-5)),
        story(title="Ціни на базарі", lead="Квасоля знову дорожча.", published_at=at(days=-4)),
        story(
            title="Новини ринку один",
            body=[paragraph("<p>Торгували й квасолею.</p>")],
            published_at=at(days=-3),
        ),
        story(
            title="Новини ринку два",
            body=[paragraph("<p>Говорили про квасолю.</p>")],
            published_at=at(days=-2),
        ),
        story(
            title="Новини ринку три",
            body=[paragraph("<p>Квасолі вистачило всім.</p>")],
            published_at=at(days=-1),
        ),
    ]


def test_relevance_puts_title_above_lead_above_body_then_newest(ranked):
    assert found("квасоля") == [
        "Квасоля б'є рекорди",
        "Ціни на базарі",
        "Новини ринку три",
        "Новини ринку два",
        "Новини ринку один",
    ]


def test_newest_first_ignores_relevance(ranked):
    assert found("квасоля", order="new") == [
        "Новини ринку три",
        "Новини ринку два",
        "Новини ринку один",
        "Ціни на базарі",
        "Квасоля б'є рекорди",
    ]
    assert found("квасоля", order="new", offset=3) == ["Ціни на базарі", "Квасоля б'є рекорди"]


def test_relevance_ranks_only_the_newest_matches(ranked, monkeypatch):
    monkeypatch.setattr(index, "RELEVANCE_WINDOW", 4)

    assert found("квасоля") == [
        "Ціни на базарі",
        "Новини ринку три",
        "Новини ринку два",
        "Новини ринку один",
    ]
    assert found("квасоля", offset=2) == ["Новини ринку два", "Новини ринку один"]
    assert len(found("квасоля", order="new")) == 5  # newest first is not capped


def test_several_words_must_all_match(ranked):
    assert found("квасоля рекорди") == ["Квасоля б'є рекорди"]
    assert found("квасоля базар") == ["Ціни на базарі"]
    assert found("квасоля абракадабра") == []


def test_snippets_come_from_the_lead_or_the_body_and_fall_back_to_the_lead(ranked):
    results = search_stories(locale("uk").pk, "uk", "квасоля", "relevance")
    snippets = {s.title: str(snippet) for s, snippet in results.hits}

    assert snippets["Ціни на базарі"] == "<mark>Квасоля</mark> знову дорожча."
    assert snippets["Новини ринку два"] == "Говорили про <mark>квасолю.</mark>"  # whitespace-split words
    assert snippets["Квасоля б'є рекорди"] == ranked[0].lead  # title only: the lead as it is


def test_words_of_another_edition_are_not_found(ranked):
    assert found("квасоля", edition="ru") == []
    assert found("квасоля", edition="en") == []


# --- rebuild and the data migration --------------------------------------------------------


def test_rebuild_writes_the_same_rows_as_the_live_sync(ranked):
    hidden = story(title="Прихована квасоля", published_at=at())
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    before = {page.pk: row(page) for page in ranked}
    count = StoryIndexEntry.objects.count()

    call_command("rebuild_story_index", no_progress=True, stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert StoryIndexEntry.objects.count() == count == ArticlePage.objects.visible().count()
    assert {page.pk: row(page) for page in ranked} == before
    assert not indexed(hidden)
    assert len(found("квасоля")) == 5


def test_the_data_migration_fills_an_empty_index(ranked):
    before = {page.pk: row(page) for page in ranked}
    index.backend().truncate()
    assert found("квасоля") == []

    migration = importlib.import_module("vistka.search.migrations.0003_partition_by_edition")
    migration.fill_if_empty(apps, connection)

    assert {page.pk: row(page) for page in ranked} == before
    assert StoryIndexEntry.objects.count() == ArticlePage.objects.visible().count()


# --- the way back in time (PostgreSQL: walk, then slices read by walking or by bitmaps) ---------


@pytest.fixture
def spread():
    """Stories a word appears in, spread over two years; other stories newer than all of them."""
    dates = [at(days=-d) for d in (700, 400, 200, 90, 30, 8, 3)]
    pages = [story(title=f"Патисони {i}", published_at=when) for i, when in enumerate(dates)]
    for i in range(12):
        story(title=f"Свіжа новина {i}", published_at=at(hours=i))
    return pages


@pytest.fixture(params=["rum", "gin"])
def rum(request, monkeypatch):
    """PostgreSQL: each search test once with the RUM index and once as without it (GIN and date
    slices only). On SQLite both runs are the same (FTS5)."""
    if request.param == "gin":
        monkeypatch.setattr(index.PostgresIndex, "has_rum_index", lambda self: False)
    elif connection.vendor == "postgresql" and not index.PostgresIndex(connection).has_rum_index():
        if os.environ.get("VISTKA_EXPECT_RUM"):
            pytest.fail("the rum extension is expected (VISTKA_EXPECT_RUM) but its index is missing")
        pytest.skip("PostgreSQL without the rum extension (Debian: postgresql-NN-rum)")
    return request.param


@pytest.mark.parametrize(
    "costs",
    [
        None,
        {"COST_WALK": 0.0},
        {"COST_GIN": 0.0, "COST_BTREE": 0.0},
        {"FEW_MATCHES": 10**9},
        {"COST_RUM_POSTING": 10.0**9, "rum_first": lambda *args: False},  # RUM: walk, walk on, RUM
    ],
    ids=["chosen", "always-walk", "always-bitmap", "all-at-once", "walk-on"],
)
def test_the_newest_matches_are_found_back_in_time_whatever_the_plan(spread, monkeypatch, costs, rum):
    monkeypatch.setattr(index, "WALK_ROWS", 3)
    monkeypatch.setattr(index, "FEW_MATCHES", -1)  # the walk and the slices, not one GIN query
    monkeypatch.setattr(index, "_SPANS", {})
    for name, value in (costs or {}).items():
        monkeypatch.setattr(index, name, value)
    titles = [page.title for page in reversed(spread)]

    assert found("патисони", order="new") == titles
    assert found("патисони", order="new", offset=5) == titles[5:]
    assert sorted(found("патисони")) == sorted(titles)
    monkeypatch.setattr(index, "RELEVANCE_WINDOW", 2)
    walked_on = []  # what each walk after the first (one with an edge) found
    walk = index.PostgresIndex._walk

    def recording_walk(self, cursor, rank_sql, query, params, edge, rows, left):
        out = walk(self, cursor, rank_sql, query, params, edge, rows, left)
        if edge is not None:
            walked_on.append(out)
        return out

    monkeypatch.setattr(index.PostgresIndex, "_walk", recording_walk)
    assert sorted(found("патисони")) == sorted(titles[:2])
    if connection.vendor == "postgresql" and rum == "rum" and costs and "COST_RUM_POSTING" in costs:
        assert walked_on and walked_on[-1]  # the two newest, found by walking on


def test_stories_published_in_the_same_second_are_neither_lost_nor_repeated(monkeypatch, rum):
    monkeypatch.setattr(index, "WALK_ROWS", 2)
    monkeypatch.setattr(index, "FEW_MATCHES", -1)
    monkeypatch.setattr(index, "_SPANS", {})
    pages = [story(title=f"Кабачки {i}", published_at=at(days=-5)) for i in range(5)]
    newest_first = [page.title for page in sorted(pages, key=lambda p: p.pk, reverse=True)]

    titles = found("кабачки", order="new")
    assert sorted(titles) == sorted(page.title for page in pages)
    assert titles == newest_first
    # Fewer wanted than share that second: the same ones, by page id, whatever the index returns
    # first (RUM orders by date alone).
    monkeypatch.setattr(index, "RELEVANCE_WINDOW", 2)
    assert sorted(found("кабачки")) == sorted(newest_first[:2])


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.parametrize("rum", ["rum"], indirect=True)
def test_with_the_rum_index_a_rare_word_is_one_ordered_index_scan(rum, monkeypatch):
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(index, "WALK_ROWS", 2)  # the few stories here look like a big edition
    old = [story(title=f"Топінамбур {i}", published_at=at(days=-300 - i)) for i in range(3)]
    for i in range(5):
        story(title=f"Свіжа новина {i}", published_at=at(hours=i))
    with CaptureQueriesContext(connection) as captured:
        assert found("топінамбур", order="new") == [page.title for page in old]
    searches = [
        q["sql"] for q in captured if "FROM storysearch_entry" in q["sql"] and "EXPLAIN" not in q["sql"]
    ]
    assert len(searches) == 1 and "<=|" in searches[0]
    with connection.cursor() as cursor:  # the index can serve the order (for a handful of rows a
        # scan and a sort cost less: both off)
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + searches[0].split("; ")[1])  # the SELECT after SET LOCAL
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Order By: (published_at <=|" in plan


# --- visibility of the hits ------------------------------------------------------------------


def test_visible_hits_agree_with_the_visible_queryset():
    from vistka.reader.search import visible_hits

    shown = story(title="Видно", published_at=at())
    draft = story(title="Чернетка", draft=True)
    scheduled = story(title="Заплановано", scheduled=True)
    gone = story(title="Знято", published_at=at())
    gone.unpublish()
    private = story(title="Закрито", published_at=at())
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    other_edition = story(edition="ru", title="Видно по-русски", published_at=at())
    ids = [p.pk for p in (shown, draft, scheduled, gone, private, other_edition)]

    for code in ("uk", "ru"):
        expected = set(
            ArticlePage.objects.visible(locale(code).pk).filter(pk__in=ids).values_list("pk", flat=True)
        )
        assert set(visible_hits(locale(code).pk, ids)) == expected
    assert set(visible_hits(locale("uk").pk, ids)) == {shown.pk}

    archive = StoryArchivePage.objects.get(locale=locale("ru"))
    PageViewRestriction.objects.create(page=archive, restriction_type=PageViewRestriction.LOGIN)
    assert visible_hits(locale("ru").pk, ids) == {}
    assert not ArticlePage.objects.visible(locale("ru").pk).filter(pk__in=ids).exists()


def test_body_snippets_come_from_the_stored_text_without_loading_blocks(django_assert_max_num_queries):
    story(
        title="Новини дня",
        body=[paragraph("<p>Ціни на кавуни &amp; дині <b>зросли</b> удвічі.</p>")],
        published_at=at(),
    )
    uk = locale("uk").pk
    search_stories(uk, "uk", "дині", "new")  # the index's cached statistics
    # The search (an estimate where the index has no statistics yet), the hits, their bodies:
    # no query per source, image or story in the body.
    with django_assert_max_num_queries(4):
        results = search_stories(uk, "uk", "дині", "new")

    assert [str(snippet) for _story, snippet in results.hits] == [
        "Ціни на кавуни &amp; <mark>дині</mark> зросли удвічі."
    ]


# --- PostgreSQL: one partition per edition ---------------------------------------------------


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_each_edition_has_its_own_partition_and_a_new_edition_gets_one():
    from wagtail.models import Locale

    page = story(edition="ru", title="Раздел", published_at=at())
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM storysearch_entry WHERE page_id = %s", [page.pk])
        assert cursor.fetchone()[0] == f"storysearch_entry_{locale('ru').pk}"

    new = Locale.objects.create(language_code="de")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'storysearch_entry'::regclass"
        )
        partitions = {row[0] for row in cursor.fetchall()}
    assert f"storysearch_entry_{new.pk}" in partitions
    assert {f"storysearch_entry_{locale(code).pk}" for code in ("uk", "ru", "en")} <= partitions


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_estimates_come_from_the_editions_statistics(monkeypatch):
    monkeypatch.setattr(index, "_LEXEME_STATS", {})
    monkeypatch.setattr(index, "_ROWS", {})
    for i in range(30):
        story(title=f"Баклажани {i}", published_at=at(minutes=i))
    uk = locale("uk").pk
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE storysearch_entry_{uk}")
        alone = index.backend()._estimates(cursor, uk, ["баклажан", "абракадабра", "ex-post"])

    stats = index.backend().lexeme_stats(uk)
    assert stats is not None and "баклажан" in stats[0]
    assert 25 <= alone[0] <= 35  # every one of the ~30 stories
    assert alone[1] < 5  # not among the common lexemes
    assert alone[2] >= 0  # not one plain lexeme: asked of the planner
    assert len(found("баклажани", order="new")) == 20


def test_rum_first_follows_the_estimates():
    rows = 600_000  # an edition at a million stories
    assert index.rum_first([300], 21, rows)  # a rare word: one ordered RUM scan
    assert index.rum_first([15_000], 21, rows) is False  # common enough for the newest stories
    assert index.rum_first([57_000], 100, rows) is False  # relevance: 100 matches in ~1,000 rows
    assert index.rum_first([193_000, 100_000], 21, rows) is False  # two common words: walk first
    assert index.rum_first([193_000, 38_000], 100, rows) is False  # together in 2%: walk first
    assert index.rum_first([26_000, 44_000], 100, rows)  # together in ~0.3%: too few for a walk
    assert index.rum_first([193_000, 300], 21, rows)  # one of them too rare for any walk
