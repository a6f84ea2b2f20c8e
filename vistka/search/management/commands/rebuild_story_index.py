"""Rewrite the reader's story search index from the stories (all of them, in one transaction).

    manage.py rebuild_story_index [--index-only | --stale-lemmas]

On PostgreSQL it first creates the RUM index when the ``rum`` extension is installed and the
index is missing; ``--index-only`` does only that (after installing postgresql-NN-rum).

``--stale-lemmas`` rewrites only the stories whose rows hold a lemma that the place-name list
(vistka/reader/place_names.py) now replaces ("кий" for "Київ"), a batch per transaction, while
searches go on: run it after that list changes.

Searches wait for the rebuild on PostgreSQL (the table is emptied and its GIN index rebuilt at
the end, in one transaction). About half an hour per million stories on the 2-core reference
machine (100,000 in 164 s), nearly all of it reading the bodies and lemmatising in Python.
"""

import sys
import time

from django.core.management.base import BaseCommand
from django.db import connection
from tqdm import tqdm

from vistka.search.index import backend, ensure_rum_index, rebuild, reindex_stale_lemmas
from vistka.search.models import StoryIndexEntry


class Command(BaseCommand):
    help = "Rewrite the reader's story search index from the visible stories."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--index-only", action="store_true", help="Only create the RUM index when it is missing."
        )
        parser.add_argument(
            "--stale-lemmas",
            action="store_true",
            help="Only rewrite the stories holding a lemma the place-name list now replaces.",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        if connection.vendor == "postgresql":
            if ensure_rum_index():
                self.stdout.write("RUM index: present.")
            else:
                self.stdout.write(
                    self.style.WARNING(
                        "RUM index: missing (install the rum extension, e.g. Debian's postgresql-NN-rum, "
                        "and run this again); searches use the GIN index meanwhile."
                    )
                )
        if options["index_only"]:
            return
        with tqdm(unit="story", file=sys.stderr, disable=options["no_progress"]) as bar:
            done = [0]

            def progress(count):
                bar.update(count - done[0])
                done[0] = count

            if options["stale_lemmas"]:
                count = reindex_stale_lemmas(batch=options["batch"], progress=progress)
            else:
                count = rebuild(batch=options["batch"], log=self.stdout.write, progress=progress)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:  # hint bits and visibility map now, not on first searches
                cursor.execute(f"VACUUM (ANALYZE) {StoryIndexEntry._meta.db_table}")
            if options["stale_lemmas"] and count:
                # The replaced lemmas lost all their rows: fresh RUM indexes (see ids_with_any).
                for name in backend().reindex_rum():
                    self.stdout.write(f"Rebuilt {name}.")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {count:,} stories in {time.monotonic() - started:.1f} s.")
        )
