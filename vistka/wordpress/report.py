"""What an import did, counted per outcome and kind, with the first few examples of each."""

from collections import Counter, defaultdict

EXAMPLES = 5
OUTCOMES = ("created", "updated", "unchanged", "skipped", "reported")
OUTCOME_TITLES = {
    "created": "Created",
    "updated": "Updated",
    "unchanged": "Unchanged",
    "skipped": "Skipped",
    "reported": "Imported with a note",
}


class ImportReport:
    def __init__(self):
        self.counts = Counter()  # (outcome, what) -> n
        self.examples = defaultdict(list)  # (outcome, what) -> ["..."]

    def add(self, outcome, what, example="", count=1):
        key = (outcome, what)
        self.counts[key] += count
        if example and len(self.examples[key]) < EXAMPLES:
            self.examples[key].append(example)

    def count(self, outcome, what=None):
        return sum(n for (o, w), n in self.counts.items() if o == outcome and (what is None or w == what))

    def lines(self):
        """The report in the operator's words, one line per count and one per example."""
        out = []
        for outcome in OUTCOMES:
            entries = sorted((what, n) for (o, what), n in self.counts.items() if o == outcome)
            if not entries:
                continue
            out.append(f"{OUTCOME_TITLES[outcome]}:")
            for what, n in entries:
                out.append(f"  {what}: {n}")
                out.extend(f"    - {example}" for example in self.examples[(outcome, what)])
        return out or ["Nothing to import."]

    def summary(self):
        return ", ".join(f"{self.count(o)} {o}" for o in OUTCOMES[:4])
