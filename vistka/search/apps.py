from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The reader's story search index (see vistka/search/index.py)."""

    name = "vistka.search"
    label = "storysearch"
    verbose_name = "Story search index"

    def ready(self):
        from vistka.search import signals

        signals.connect(self)
