from django.db import models


class StoryIndexEntry(models.Model):
    """One row per publicly visible story: what reader search matches, filters and sorts on.

    The lemmatised text lives in vendor-specific columns the migrations add (PostgreSQL: ``tsv``, a
    weighted tsvector with a GIN index; SQLite: the FTS5 table ``storysearch_fts``); see
    ``vistka.search.index``. ``published_at`` mirrors the page's ``first_published_at`` (a database
    trigger keeps it, and drops the row when the page stops being live).
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        db_constraint=False,  # bulk loads write rows on a second connection; deletes cascade in Django
        related_name="+",
    )
    locale_id = models.IntegerField()
    published_at = models.DateTimeField()

    class Meta:
        db_table = "storysearch_entry"
        indexes = [
            models.Index(fields=["locale_id", "-published_at", "-page"], name="storysearch_newest"),
        ]

    def __str__(self):
        return f"story {self.page_id}"
