"""Fixtures of the delivery tests: the app on a real port, a real Varnish in front of it, and the
purge log. Helpers live in harness.py (servers, HTTP) and newsroom.py (stories)."""

import pytest
from django.core.cache import caches
from wagtail.models import Site

from vistka.delivery import fastpath
from vistka.delivery.tests.harness import AppServer, Varnish, free_port


def reset_fast_path():
    fastpath.STORE.reset()


def clear_record_caches():
    """Cached records (sections menu, edition settings, site root paths) outlive a database flush,
    which sends no signals."""
    for cache in caches.all(initialized_only=True):
        cache.clear()
    Site.clear_site_root_paths_cache()


@pytest.fixture(scope="session")
def app_port():
    """One port per test process: Varnish's backend is the app on this port, whichever test runs it."""
    return free_port()


@pytest.fixture(scope="session")
def varnish_process(app_port):
    """varnishd for the whole test process (it starts in under a second but is never needed twice)."""
    varnish = Varnish(backend_port=app_port).start()
    yield varnish
    varnish.stop()


@pytest.fixture
def fast_path_store():
    """The fast path's in-process store, empty at the start and end of each test."""
    reset_fast_path()
    yield fastpath.STORE
    reset_fast_path()


@pytest.fixture
def app(transactional_db, app_port, fast_path_store):
    """The app (fast path around Django) on 127.0.0.1:app_port, on the test database."""
    clear_record_caches()
    server = AppServer(app_port).start()
    yield server
    server.stop()
    clear_record_caches()


@pytest.fixture
def varnish(app, varnish_process, settings):
    """Varnish in front of the running app, with an empty cache; publishing purges it."""
    settings.VARNISH_PURGE_URLS = [f"{varnish_process.url}/"]
    varnish_process.ban_everything()
    varnish_process.wait_healthy()
    return varnish_process


@pytest.fixture
def timings(request):
    """Record measured seconds ({label: seconds}) on the test's report; printed after the run."""

    def record(title, values):
        request.node.user_properties.append(("delivery timing", (title, values)))

    return record


def pytest_terminal_summary(terminalreporter):
    lines = []
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for name, value in getattr(report, "user_properties", ()):
                if name == "delivery timing" and report.when == "call":
                    title, values = value
                    shown = ", ".join(
                        f"{k} {v:.3f}s" if isinstance(v, float) else f"{k} {v}" for k, v in values.items()
                    )
                    lines.append(f"{title}: {shown}")
    if lines:
        terminalreporter.section("delivery timings")
        for line in lines:
            terminalreporter.write_line(line)
