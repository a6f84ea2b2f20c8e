"""Hard purges: a story unpublished (for legal reasons, say), deleted, or put behind a view
restriction must never be served again, not even stale while the app fails. Its purge is hard:
the fast path drops its pages (here and in processes that follow the log) and Varnish gets
`xkey-purge`, immediately after the commit and from the deliverer alike. An ordinary publish stays
soft, so the old copy still stands in while the database is down."""

import gzip
import time

import pytest
from wagtail.models import PageViewRestriction

from vistka.delivery import fastpath, purge_delivery, purge_log
from vistka.delivery.models import PurgeEvent
from vistka.delivery.tests.harness import fetch, pages_table_gone, settle_purges, wait_for
from vistka.delivery.tests.newsroom import last_event_id, publish_story, reread
from vistka.delivery.tests.test_restrictions import restrict

GZIP = {"Accept-Encoding": "gzip"}
TITLE = "Court bars the report on the port tender"


def unpublish(story):
    story.unpublish()


def delete(story):
    story.delete()


def password_protect(story):
    restrict(story, PageViewRestriction.PASSWORD)


def warmed(base, path):
    """The page cached at `base` (a second request is a hit)."""
    first = fetch(base, path)
    assert first.status == 200 and TITLE in first.text, (base, path, first.status)
    assert wait_for(lambda: fetch(base, path).x_cache == "HIT", timeout=3)[0], (base, path)
    return first


def shows_the_story(answer):
    body = gzip.decompress(answer.body) if answer.header("Content-Encoding") == "gzip" else answer.body
    return answer.status == 200 and TITLE.encode() in body


def answers_while_the_database_fails(bases, paths):
    """Every page at every base, plain and gzip, a few times, with the pages table gone."""
    found = []
    with pages_table_gone():
        for _ in range(3):
            for base in bases:
                for path in paths:
                    found += [(base, path, fetch(base, path)), (base, path, fetch(base, path, headers=GZIP))]
            time.sleep(0.3)
    return found


@pytest.mark.parametrize("change", [unpublish, delete, password_protect], ids=lambda f: f.__name__)
def test_a_story_taken_down_is_never_served_again_when_the_database_then_fails(varnish, app, change):
    story = publish_story(title=TITLE)
    settle_purges()
    paths = [story.url, "/"]
    for base in (app.url, varnish.url):
        for path in paths:
            warmed(base, path)
    before = last_event_id()
    change(reread(story))
    assert PurgeEvent.objects.filter(id__gt=before, hard=True).exists(), "the change was not purged hard"
    served = [
        (base, path, answer.x_cache)
        for base, path, answer in answers_while_the_database_fails([app.url, varnish.url], paths)
        if shows_the_story(answer)
    ]
    assert served == [], "the story taken down was served again"


def test_an_ordinary_publish_stays_soft_and_its_old_copy_stands_in_while_the_database_fails(varnish, app):
    story = publish_story(title=TITLE)
    settle_purges()
    for base in (app.url, varnish.url):
        warmed(base, story.url)
    before = last_event_id()
    page = reread(story)
    page.save_revision().publish()
    assert list(PurgeEvent.objects.filter(id__gt=before).values_list("hard", flat=True)) == [False]
    answers = answers_while_the_database_fails([app.url, varnish.url], [story.url])
    assert all(shows_the_story(answer) for _base, _path, answer in answers), [
        (base, answer.status, answer.x_cache) for base, _path, answer in answers
    ]


def test_a_hard_purge_logged_by_a_process_that_died_reaches_varnish_hard(varnish, app, settings):
    """Nobody sent the immediate PURGE (the process died after the commit): the deliverer sends
    `xkey-purge`, even merged with a soft event in one pass."""
    story = publish_story(title=TITLE)
    settle_purges()
    purge_delivery.deliver_pending()
    warmed(varnish.url, story.url)
    PurgeEvent.objects.create(keys=f"st-{story.story_number} home-uk", hard=True)
    PurgeEvent.objects.create(keys=f"st-{story.story_number} latest-uk")
    purge_delivery.deliver_pending()
    assert purge_delivery.status()["backlog"] == 0
    served = [
        answer.x_cache
        for _base, _path, answer in answers_while_the_database_fails([varnish.url], [story.url])
        if shows_the_story(answer)
    ]
    assert served == [], "Varnish kept the page of a hard purge"


def entry(keys):
    later = time.monotonic() + 300
    return fastpath.Entry("200 OK", [], b"<p>page</p>", set(keys), later, False, stale_for=86400)


def follow(store):
    store.next_poll = 0.0
    purge_log.follow(store)


@pytest.mark.django_db
def test_a_process_following_the_log_drops_the_pages_of_a_hard_event_and_keeps_soft_ones_stale():
    store = fastpath.Store()
    follow(store)  # the cursor starts at the end of the log
    store.put("example.com/taken-down/?", entry({"st-1"}))
    store.put("example.com/edited/?", entry({"st-2"}))
    PurgeEvent.objects.create(keys="st-1", hard=True)
    PurgeEvent.objects.create(keys="st-2")
    follow(store)
    assert store.lookup("example.com/taken-down/?") is None, "a hard event's page was kept"
    edited = store.lookup("example.com/edited/?")
    assert edited is not None and edited.expires < time.monotonic(), "a soft event's page is kept stale"
