"""What a drill says: its figures, and the checks that make it PASS or FAIL."""

import time


def say(*parts):
    print(*parts, flush=True)  # noqa: T201


class Report:
    def __init__(self, name):
        self.name = name
        self.figures = []  # (label, value, unit)
        self.failures = []
        self.started = time.monotonic()

    def figure(self, label, value, unit=""):
        """A measured figure, printed at once and again in the summary."""
        self.figures.append((label, value, unit))
        shown = f"{value:,.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
        say(f"  {self.name}: {label} = {shown}{(' ' + unit) if unit else ''}")

    def check(self, ok, message):
        """A condition the drill requires; a false one fails the drill (it goes on running)."""
        say(f"  {self.name}: {'ok  ' if ok else 'FAIL'} {message}")
        if not ok:
            self.failures.append(message)
        return ok

    @property
    def passed(self):
        return not self.failures

    @property
    def seconds(self):
        return time.monotonic() - self.started
