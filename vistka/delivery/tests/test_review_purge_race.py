"""The cookie-shield tests under the purge-log race that made one of them flaky in full runs: a
Varnish health probe (any request) starts the fast path's log cursor before a test's setup and
polls again just before the setup's publish commits; the first page request then does not poll
(POLL_INTERVAL), the next one, after the page was filled, applies the setup's own purge and the
page is a MISS where the test expects a HIT. The tests settle the setup's purges first
(harness.settle_purges), so they hold even in this worst case, forced here."""

import time

from vistka.delivery import fastpath
from vistka.delivery.tests import test_shield_cookies


def test_the_shield_tests_hold_when_a_probe_started_the_cursor_before_their_setup(app, monkeypatch):
    fastpath.STORE.poll()  # the probe's request: the cursor starts before the setup
    publish = test_shield_cookies.publish_story

    def publish_as_a_probe_polls(**kwargs):
        story = publish(**kwargs)
        fastpath.STORE.next_poll = time.monotonic() + fastpath.POLL_INTERVAL  # polled just before
        return story

    monkeypatch.setattr(test_shield_cookies, "publish_story", publish_as_a_probe_polls)
    test_shield_cookies.test_random_and_reader_sessions_and_forged_markers_are_served_from_the_store(app)
