"""Fill the database with a large, realistic, entirely fictional story archive.

    manage.py generate_archive --stories 1000000 [--seed 1] [--years 10] [--batch 5000]

N published stories (pages) over the last --years years: about 60 % Ukrainian, 25 % Russian,
15 % English, with about 30 % of the Ukrainian stories translated (the translation shares the
story number and translation_key). Rows are written in bulk (COPY on PostgreSQL) straight into
Wagtail's tables and the reader's story search index, inside one transaction: an interrupted run
leaves nothing behind. Wagtail's own search index (the admin's page search) only with
--wagtail-index yes.

Each run ADDS N stories (new pages, new story numbers); the records (sections, tags, authors,
sources, pictures) are created once and reused. The text of a run depends only on --seed,
--stories, --years and --until, so two runs with the same values write the same stories again
under new numbers: use another seed for different stories. Pass --until for output that does
not depend on the day it is run.

Pages get no revisions (latest_revision is empty), as if published before revisions were kept:
they are served, searched and listed normally and open in the admin editor; the first save
there creates the first revision. The reference index (admin "usage" counts) is not filled;
``manage.py rebuild_references_index`` does that if needed.
"""

import resource
import sys
import time
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from vistka.archive.checks import verify
from vistka.archive.generator import ArchivePlan, StoryMaker
from vistka.archive.records import build_catalogue
from vistka.archive.writer import ArchiveLimitError, ArchiveWriter, SearchIndexThread
from vistka.search.models import StoryIndexEntry

BIG_RUN = 20_000  # from here: search index on a second connection, GIN indexes rebuilt


def until_time(value):
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else timezone.make_aware(moment)


def label_texts():
    """The labels of labelled paragraphs as the search index holds them: in the active language,
    as Wagtail's indexer would render them now."""
    from vistka.stories.blocks import LABEL_CHOICES

    return {key: str(label) for key, label in LABEL_CHOICES}


def generate(
    stories,
    seed=1,
    years=10,
    batch=5000,
    until=None,
    images=20,
    defer_indexes="auto",
    parallel="auto",
    wagtail_index=False,
    progress=True,
    log=None,
):
    """Add ``stories`` pages. Returns (plan, catalogue, writer, page ids by edition, seconds)."""
    log = log or (lambda message: None)
    started = time.monotonic()
    until = until or timezone.now().replace(minute=0, second=0, microsecond=0)
    pg = connection.vendor == "postgresql"
    big = stories >= BIG_RUN
    # Records first, in their own transaction: a parallel index writer must not wait for locks
    # the main transaction would hold on the search index table.
    with transaction.atomic():
        catalogue = build_catalogue(seed, image_count=images, log=log)
    plan = ArchivePlan(seed, stories, years, until)
    writer = None
    try:
        with transaction.atomic():
            writer = ArchiveWriter(
                catalogue.locale_ids,
                batch,
                parallel_index=pg and (parallel == "yes" or (parallel == "auto" and big)),
                defer_gin=pg and (defer_indexes == "yes" or (defer_indexes == "auto" and big)),
                wagtail_index=wagtail_index,
                log=log,
            )
            writer.check_capacity(plan.pages_per_edition())
            writer.plan_ids(stories, len(plan))
            writer.start_index()
            maker = StoryMaker(plan, catalogue, writer.page_ids, writer.story_numbers, label_texts())
            page_ids = {code: [] for code in catalogue.locale_ids}
            pending = []
            with tqdm(
                total=stories, unit="story", file=sys.stderr, disable=not progress, smoothing=0.1
            ) as bar:
                for pages in maker:
                    pending.extend(pages)
                    if len(pending) >= batch:
                        _flush(writer, pending, page_ids, bar)
                        pending = []
                if pending:
                    _flush(writer, pending, page_ids, bar)
            log("Finishing: tree counters, statistics, search indexes…")
            writer.finish()
    except BaseException:
        if writer is not None and isinstance(writer.index, SearchIndexThread):
            writer.index.abort()
        raise
    writer.stats.cpu = writer.stats.backend_cpu()
    if isinstance(writer.index, SearchIndexThread):
        writer.index.commit()
    if pg and big and not connection.in_atomic_block:
        # Hint bits and the visibility map for the million new index rows now, not on the first
        # searches (VACUUM cannot run inside the transaction).
        vacuum_started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {StoryIndexEntry._meta.db_table}")
        writer.stats.time("vacuum story index", time.monotonic() - vacuum_started)
    return plan, catalogue, writer, page_ids, time.monotonic() - started


def _flush(writer, pages, page_ids, bar):
    writer.write(pages)
    for page in pages:
        page_ids[page.code].append(page.page_id)
    bar.update(len(pages))


class Command(BaseCommand):
    help = (
        "Add N realistic, fictional published stories (uk/ru/en, translations, authors, tags, "
        "sections, sources, pictures, search index) in bulk. Each run adds N more."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, required=True, help="Pages to add (all editions).")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same stories.")
        parser.add_argument(
            "--years", type=int, default=10, help="Spread over the last N years (default 10)."
        )
        parser.add_argument("--batch", type=int, default=5000, help="Pages per bulk write (default 5000).")
        parser.add_argument(
            "--until",
            type=until_time,
            default=None,
            help="Newest publication time (ISO 8601; default: now, to the hour).",
        )
        parser.add_argument("--images", type=int, default=20, help="Pictures in the pool (default 20).")
        parser.add_argument(
            "--defer-search-indexes",
            choices=("auto", "yes", "no"),
            default="auto",
            help=(
                "PostgreSQL: drop the search tables' GIN indexes during the load and rebuild them at "
                f"the end (auto: from {BIG_RUN:,} stories). Searches wait for the load meanwhile."
            ),
        )
        parser.add_argument(
            "--parallel",
            choices=("auto", "yes", "no"),
            default="auto",
            help=(
                "PostgreSQL: write the search index on a second connection, in its own transaction "
                f"committed right after the stories' (auto: from {BIG_RUN:,} stories)."
            ),
        )
        parser.add_argument(
            "--wagtail-index",
            choices=("no", "yes"),
            default="no",
            help=(
                "Also write Wagtail's search index rows (the admin's page search; reader search uses "
                "the story index). Default no: a generated archive is load-test data, and those rows "
                "double the run's search-index work."
            ),
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
        parser.add_argument("--no-verify", action="store_true", help="Skip the checks after loading.")

    def handle(self, *args, **options):
        stories = options["stories"]
        if stories < 1 or options["years"] < 1 or options["batch"] < 1 or options["images"] < 0:
            raise CommandError("--stories, --years and --batch must be positive.")
        if connection.vendor not in ("postgresql", "sqlite"):
            raise CommandError("generate_archive writes to PostgreSQL or SQLite only.")
        out = self.stdout
        try:
            plan, catalogue, writer, page_ids, seconds = generate(
                stories,
                seed=options["seed"],
                years=options["years"],
                batch=options["batch"],
                until=options["until"],
                images=options["images"],
                defer_indexes=options["defer_search_indexes"],
                parallel=options["parallel"],
                wagtail_index=options["wagtail_index"] == "yes",
                progress=not options["no_progress"],
                log=out.write,
            )
        except ArchiveLimitError as error:
            raise CommandError(str(error)) from error
        stats = writer.stats
        out.write(
            self.style.SUCCESS(f"Added {stories:,} stories in {seconds:.1f} s ({stories / seconds:,.0f}/s).")
        )
        out.write(f"  stories (story numbers): {len(plan):,}; translated: {stories - len(plan):,} pages")
        out.write("  pages per edition: " + ", ".join(f"{c} {n:,}" for c, n in stats.pages.items()))
        out.write(
            f"  author links {stats.authors:,}, tag links {stats.tags:,}, "
            f"live entries {stats.live_entries:,}, corrections {stats.corrections:,}, "
            f"story search index rows {stats.index_entries:,}, "
            f"Wagtail search index rows {stats.wagtail_index_entries:,}"
        )
        created = ", ".join(f"{name} {count}" for name, count in catalogue.created.items())
        out.write(f"  records created (0 = reused): {created}")
        out.write("  time: " + ", ".join(f"{name} {s:.1f} s" for name, s in stats.seconds.items()))
        own = resource.getrusage(resource.RUSAGE_SELF)
        cpu = {"python": own.ru_utime + own.ru_stime}
        cpu.update((f"PostgreSQL {name}", seconds) for name, seconds in stats.cpu.items())
        out.write("  CPU: " + ", ".join(f"{name} {s:.1f} s" for name, s in cpu.items()))
        if options["no_verify"]:
            return
        started = time.monotonic()
        report = verify(catalogue.locale_ids, page_ids, seed=options["seed"])
        out.write(f"Checks ({time.monotonic() - started:.1f} s):")
        out.write("  visible stories: " + ", ".join(f"{c} {n:,}" for c, n in report.visible.items()))
        out.write(f"  page tree: {'; '.join(report.tree_problems) or 'ok'}")
        out.write(f"  story numbers: largest {report.sequence[0]:,}, sequence at {report.sequence[1]:,}")
        for _code, url, status, ms in report.served:
            out.write(f"  GET {url} -> {status} ({ms:.0f} ms)")
        for code, query, hits, ms in report.searched:
            out.write(f"  search [{code}] {query!r}: {hits} hits on the first page ({ms:.0f} ms)")
        if not report.ok:
            raise CommandError("A check failed; see above.")
        out.write(self.style.SUCCESS("All checks passed."))
