"""Fixtures shared by the whole suite."""

import os
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--proxy-server=127.0.0.1:9",  # nothing outside this machine; loopback bypasses the proxy
]


@pytest.fixture(scope="session")
def _playwright_chromium():
    """Playwright and the Chromium it drives, for the whole session (see `browser`)."""
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    with sync_playwright() as playwright:
        held = {"playwright": playwright, "browser": None}
        try:
            yield held
        finally:
            # A Chromium that is already gone is not closed: Playwright would wait for it forever
            # (seen at the end of a full run: every test had passed, the session never ended).
            if held["browser"] is not None and held["browser"].is_connected():
                held["browser"].close()


@pytest.fixture
def browser(_playwright_chromium):
    """Debian's Chromium driven by Playwright (never a downloaded browser), one for the session;
    started again if it has gone away (in full runs a session's Chromium was once found gone)."""
    held = _playwright_chromium
    if held["browser"] is None or not held["browser"].is_connected():
        held["browser"] = held["playwright"].chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS
        )
    return held["browser"]


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def empty_fast_path_store():
    """Each test starts with an empty in-process store of pages and fragments: a test database is
    flushed or rolled back without the purges a real change sends."""
    from vistka.delivery import fastpath

    fastpath.STORE.reset()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language. A request made through the test client runs on the
    test's own thread and leaves its edition's language active there, so without this a test's
    lazily translated strings (a story kind's label, say) depended on which test ran before it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
