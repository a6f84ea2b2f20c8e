"""`manage.py backup [--to DIR] [--keep N] [--keep-days D]`: one verified archive of the database
and the media, then the oldest archives beyond the retention removed."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vistka.backups.archive import ArchiveError
from vistka.backups.database import DatabaseError
from vistka.backups.operations import make_backup


class Command(BaseCommand):
    help = "Back up the database and the media into one verified archive (see README: Backups)."

    def add_arguments(self, parser):
        parser.add_argument("--to", default=str(settings.BACKUP_DIR), help="folder of archives")
        parser.add_argument("--keep", type=int, default=settings.BACKUP_KEEP, help="archives kept (0: all)")
        parser.add_argument(
            "--keep-days",
            type=int,
            default=settings.BACKUP_KEEP_DAYS,
            help="days kept (0: any)",
        )

    def handle(self, *args, **options):
        if options["keep"] < 0 or options["keep_days"] < 0:
            raise CommandError("--keep and --keep-days are 0 or more")
        try:
            path, manifest, removed = make_backup(
                options["to"], options["keep"], options["keep_days"], say=self.stdout.write
            )
        except (ArchiveError, DatabaseError, OSError) as error:
            raise CommandError(f"backup failed, nothing was kept: {error}") from error
        for old in removed:
            self.stdout.write(f"removed old archive {old.name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"backup verified: {path} ({manifest['rows']:,} rows,"
                f" {len(manifest['media']['files']):,} files)"
            )
        )
