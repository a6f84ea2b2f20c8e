"""manage.py import_wordpress EXPORT.xml [more.xml ...] --uploads DIR [--edition] [--map] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from vistka.wordpress.importer import ImportFailed, run_import
from vistka.wordpress.mapping import MappingError, load_mapping
from vistka.wordpress.wxr import WXRError


class Progress:
    """A progress bar per pass on stderr (tqdm): records read, then posts imported."""

    LABELS = {"reading": "Reading the export", "importing": "Importing posts"}

    def __init__(self, stream, enabled):
        self.stream = stream
        self.enabled = enabled
        self.bar = None

    def __call__(self, stage, total):
        self.close()
        self.bar = tqdm(
            total=total,
            desc=self.LABELS.get(stage, stage),
            unit=" items" if total is None else " posts",
            file=self.stream,
            disable=not self.enabled,
            mininterval=0.5,
        )
        return self.bar.update

    def close(self):
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = "Import WordPress exports (WXR) with their uploads folder: stories, people, images, old addresses."

    def add_arguments(self, parser):
        parser.add_argument("exports", nargs="+", help="WordPress export files (Tools → Export)")
        parser.add_argument("--uploads", help="the wp-content/uploads folder of the site")
        parser.add_argument("--edition", help="edition of a single-language site: uk, ru or en")
        parser.add_argument(
            "--map", dest="mapping", help="mapping file (TOML), see vistka/wordpress/README.md"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="import and report, then roll everything back"
        )
        parser.add_argument("--no-progress", action="store_true", help="no counter on stderr")

    def handle(self, *args, **options):
        try:
            mapping = load_mapping(options["mapping"]).with_edition(options["edition"])
        except MappingError as error:
            raise CommandError(str(error)) from None
        # tqdm redraws its line with \r: it writes to the stream itself, not line by line.
        progress = Progress(getattr(self.stderr, "_out", self.stderr), not options["no_progress"])
        try:
            report = run_import(
                options["exports"],
                uploads=options["uploads"],
                mapping=mapping,
                dry_run=options["dry_run"],
                progress=progress,
            )
        except (WXRError, ImportFailed) as error:
            raise CommandError(f"{error}. Nothing was imported.") from None
        except OSError as error:
            raise CommandError(f"{error.filename}: {error.strerror}. Nothing was imported.") from None
        finally:
            progress.close()
        for line in report.lines():
            self.stdout.write(line)
        verdict = "Dry run: nothing was written." if options["dry_run"] else "Import finished."
        self.stdout.write(f"{verdict} {report.summary()}.")
        if options["uploads"] is None:
            self.stderr.write("No --uploads given: images were not imported.")
