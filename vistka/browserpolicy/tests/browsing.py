"""Collecting what a page's policies block, in Chromium: `securitypolicyviolation` events (recorded
by a script Playwright adds before any of the page's own), and console messages about a policy."""

import json

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push({
    directive: event.effectiveDirective, blocked: event.blockedURI, source: event.sourceFile,
    line: event.lineNumber, sample: event.sample, page: location.pathname,
  });
}, true);
"""
POLICY_WORDS = (
    "Content Security Policy",
    "Content-Security-Policy",
    "Permissions-Policy",
    "Permissions policy",
)


class Watcher:
    def __init__(self, context):
        self.console = []
        self.seen = []
        context.add_init_script(WATCH)
        context.on("console", self._console)
        context.on("page", lambda page: page.on("console", self._console))

    def _console(self, message):
        if any(word in message.text for word in POLICY_WORDS):
            self.console.append(message.text)

    def collect(self, page):
        """Violations the page recorded so far (call before leaving it)."""
        try:
            found = page.evaluate("window.__violations || []")
        except Exception:  # noqa: BLE001 (a page navigating away: its events were collected before)
            found = []
        for violation in found:
            if violation not in self.seen:
                self.seen.append(violation)
        return found

    def report(self):
        return json.dumps({"events": self.seen, "console": self.console}, ensure_ascii=False, indent=1)

    @property
    def clean(self):
        return not self.seen and not self.console
