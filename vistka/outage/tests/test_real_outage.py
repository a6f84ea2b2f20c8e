"""The database stopped for real: a private PostgreSQL cluster (vistka.outage.testing), the app
under granian (one worker, one thread: one kept connection), and Debian's Chromium for the newsroom.
Before: Django's 500 page during the outage, the edit form's content lost, and the first request
after the database returned failed on the dead kept connection."""

import re
import shutil
import tempfile
import time

import psycopg
import pytest
from playwright.sync_api import expect

from vistka.core.tests.servers import Granian
from vistka.delivery.tests.harness import fetch
from vistka.outage.testing import (
    ADMIN,
    ADMIN_PASSWORD,
    DRAFT_TITLE,
    app_environment,
    collect_static,
    prepared_cluster,
)

STORY_LINK = re.compile(r'href="(/en/news/\d{4}/\d{2}/\d{2}/\d+/)"')


@pytest.fixture(scope="module")
def outage_site(tmp_path_factory):
    directory = tempfile.mkdtemp(prefix="vistka-outage-")  # the postgres user must reach it
    cluster = prepared_cluster(directory)
    static = collect_static(cluster.url)
    env = app_environment(cluster.url, FAST_PATH="0", STATIC_ROOT=str(static))
    app = Granian(tmp_path_factory.mktemp("outage-app"), env=env)
    try:
        app.start()
        yield cluster, f"http://127.0.0.1:{app.port}"
    finally:
        app.stop()
        cluster.stop("immediate")
        shutil.rmtree(directory, ignore_errors=True)


def restart(cluster):
    cluster.start()
    cluster.wait_ready()
    return time.monotonic()


def english_stories(base):
    home = fetch(base, "/en/")
    assert home.status == 200, home.status
    stories = sorted(set(STORY_LINK.findall(home.text)))
    assert len(stories) >= 4
    return stories


def test_a_page_never_seen_gets_a_clear_503_and_the_app_recovers_at_once(outage_site):
    cluster, base = outage_site
    stories = english_stories(base)
    cluster.stop("fast")
    try:
        answer = fetch(base, stories[0])
        assert answer.status == 503, answer.status
        assert answer.header("Retry-After") == "5"
        assert answer.header("Cache-Control") == "public, max-age=5, s-maxage=5"
        assert '<html lang="en">' in answer.text and "The site is briefly unavailable" in answer.text
        assert fetch(base, "/ru/").status == 503
        api = fetch(base, "/api/v1/articles?edition=en")
        assert api.status == 503 and b'"database_unavailable"' in api.body
    finally:
        back = restart(cluster)
    first = fetch(base, stories[1])
    assert first.status == 200, f"the first request after the database returned: {first.status}"
    assert time.monotonic() - back < 3


def test_a_kept_connection_that_died_with_the_database_is_not_reused(outage_site):
    cluster, base = outage_site
    stories = english_stories(base)  # the app's one thread now keeps a connection
    cluster.stop("fast")
    restart(cluster)  # the app sent nothing meanwhile: its connection is dead but not known to be
    answer = fetch(base, stories[2])
    assert answer.status == 200, answer.status


def _draft_id(cluster):
    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as db:
        return db.execute("SELECT id FROM wagtailcore_page WHERE title = %s", [DRAFT_TITLE]).fetchone()[0]


def _latest_title(cluster, page_id):
    with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as db:
        query = "SELECT content->>'title' FROM wagtailcore_revision WHERE object_id = %s ORDER BY id DESC"
        row = db.execute(query, [str(page_id)]).fetchone()
    return row[0] if row else None


@pytest.mark.browser
def test_a_story_saved_while_the_database_is_down_is_kept_and_saved_once_it_is_back(outage_site, browser):
    cluster, base = outage_site
    page_id = _draft_id(cluster)
    # The browser asks for English; the admin speaks Ukrainian to a user who chose no language, and
    # the outage page speaks what the admin spoke.
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    try:
        page.goto(f"{base}/admin/login/")
        page.fill("input[name=username]", ADMIN)
        page.fill("input[name=password]", ADMIN_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/admin/$"))
        page.goto(f"{base}/admin/pages/{page_id}/edit/")
        expect(page.locator("#id_title")).to_be_visible(timeout=60_000)
        title = "Written while the database was down"
        page.fill("#id_title", title)
        cluster.stop("fast")
        try:
            with page.expect_navigation() as navigation:
                page.get_by_role("button", name="Зберегти чернетку").click()
            assert navigation.value.status == 503
            assert "Нічого не збережено." in page.inner_text("#outage-not-saved")
            assert page.get_attribute("html", "lang") == "uk"
            kept = page.locator("#outage-save-again input[name=title]").get_attribute("value")
            assert kept == title
            assert page.evaluate("getComputedStyle(document.body).maxWidth") == "704px"  # its style applies
            assert _latest_title_unreachable(cluster)
        finally:
            restart(cluster)
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="Зберегти ще раз").click()
        assert navigation.value.status == 200
        assert _latest_title(cluster, page_id) == title
        assert not violations, violations
    finally:
        context.close()


def _latest_title_unreachable(cluster):
    """The database is really down while the 503 is shown."""
    try:
        psycopg.connect(cluster.url.replace("postgres://", "postgresql://"), connect_timeout=2).close()
    except psycopg.OperationalError:
        return True
    return False
