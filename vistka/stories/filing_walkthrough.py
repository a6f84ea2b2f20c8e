"""Filing a news item through the real admin, counting what it costs the reporter.

Used by vistka/stories/tests/test_filing_budget.py (the budget: at most 8 clicks and 30 seconds
for a headline, section, lead, source, details, one tag and an existing image). To watch it, run
that test with FILING_SLOW_MO set (milliseconds between steps) and look at the screenshots it
leaves in test-artifacts/; with a display, FILING_HEADED=1 opens a visible Chromium.

Counting: a click is a mouse click (a menu item, a button, a suggestion, a thumbnail); a field is
a text box typed into (the click that puts the cursor there belongs to the field).
"""

import time
from dataclasses import dataclass, field


@dataclass
class Cost:
    clicks: int = 0
    fields: int = 0
    steps: list = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0

    def click(self, locator, what):
        locator.click()
        self.clicks += 1
        self.steps.append(f"click  {what}")

    def type(self, locator, text, what):
        locator.click()
        locator.press_sequentially(text) if len(text) < 12 else locator.fill(text)
        self.fields += 1
        self.steps.append(f"field  {what}: {text}")

    def stop(self):
        self.seconds = time.monotonic() - self.started
        return self

    def report(self):
        lines = [*self.steps, f"clicks={self.clicks} fields={self.fields} seconds={self.seconds:.1f}"]
        return "\n".join(lines)


@dataclass
class NewsItem:
    headline: str
    section: str  # typed, then picked from the suggestions
    section_typed: str
    lead: str
    source: str
    details: str
    tag: str
    tag_typed: str
    image_title: str


def track_saves(page):
    """Counts the page's background requests in flight (Wagtail's autosave, its editing-session
    pings, the preview)."""
    pending = {"n": 0}
    background = ("fetch", "xhr")

    def started(request):
        if request.resource_type in background:
            pending["n"] += 1

    def ended(request):
        if request.resource_type in background:
            pending["n"] -= 1

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    return pending


def settle(page, pending, quiet_ms=700, timeout_ms=15000):
    """Waits until the page has been quiet for `quiet_ms` (the autosave of the last change gone out
    and come back), as a person would before pressing the button: on SQLite, the test database,
    a write while another request reads is refused ("table is locked")."""
    waited = quiet = 0
    while quiet < quiet_ms and waited < timeout_ms:
        page.wait_for_timeout(100)
        waited += 100
        quiet = quiet + 100 if pending["n"] <= 0 else 0


def file_news_item(page, base_url, item, screenshot=None):
    """Files `item` from the admin's dashboard as a logged-in reporter; returns the Cost."""
    from playwright.sync_api import expect

    page.goto(f"{base_url}/admin/")
    pending = track_saves(page)
    cost = Cost()
    cost.click(page.locator("a[href='/newsroom/new-news-item/']").first, "New news item (menu)")
    page.wait_for_selector("#id_title")
    cost.type(page.locator("#id_title"), item.headline, "headline")
    cost.type(page.locator("#id_section"), item.section_typed, "section")
    cost.click(page.get_by_role("option", name=item.section, exact=True), "section suggestion")
    cost.type(page.locator("#id_lead"), item.lead, "lead")

    cost.click(
        page.locator("#id_lead_image-chooser .unchosen [data-chooser-action-choose]"), "choose lead image"
    )
    modal = page.locator(".modal-dialog")
    cost.click(
        modal.locator("[data-chooser-modal-choice]", has_text=item.image_title).first, "image thumbnail"
    )
    expect(modal).to_have_count(0)

    body = page.locator("[data-streamfield-stream-container]").first
    cost.click(body.locator(".unchosen [data-chooser-action-choose]").first, "choose source")
    cost.type(page.locator(".modal-dialog input[name='q']"), item.source, "source search")
    results = page.locator(".modal-dialog [data-chooser-modal-choice]", has_text=item.source)
    expect(results).to_have_count(1)
    cost.click(results.first, "source result")
    expect(page.locator(".modal-dialog")).to_have_count(0)

    cost.type(body.locator("[contenteditable='true']").first, item.details, "details")
    cost.type(page.locator("#id_story_tags-0-tag"), item.tag_typed, "tag")
    cost.click(page.get_by_role("option", name=item.tag, exact=True), "tag suggestion")
    if screenshot:
        screenshot()
    settle(page, pending)
    cost.click(page.locator("footer button[name='action-submit']"), "Submit for review")
    page.wait_for_load_state()
    expect(page.locator(".messages .success, .messages [class*='success']").first).to_be_visible()
    return cost.stop()
