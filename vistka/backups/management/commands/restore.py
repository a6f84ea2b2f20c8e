"""`manage.py restore <archive> [--yes]`: check the archive, then replace the database and the
media with it and check the result (see README: Backups)."""

from django.core.management.base import BaseCommand, CommandError

from vistka.backups.archive import ArchiveError
from vistka.backups.database import DatabaseError
from vistka.backups.operations import RestoreIncomplete, restore_backup, verify_archive


class Command(BaseCommand):
    help = "Restore a backup archive into an empty site, or replace everything with --yes."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="an archive folder written by manage.py backup")
        parser.add_argument(
            "--check",
            action="store_true",
            help="only verify the archive against its manifest; change nothing",
        )
        parser.add_argument(
            "--yes", action="store_true", help="replace the current database and media (they are deleted)"
        )

    def handle(self, *args, **options):
        if options["check"]:
            try:
                manifest = verify_archive(options["archive"])
            except (ArchiveError, DatabaseError, KeyError, ValueError) as error:
                raise CommandError(f"the archive failed verification: {error}") from error
            self.stdout.write(
                self.style.SUCCESS(
                    f"archive verified: {manifest['engine']}, {manifest['rows']:,} rows,"
                    f" {len(manifest['media']['files']):,} files, made {manifest['created_at']}"
                )
            )
            return
        try:
            manifest, pending = restore_backup(
                options["archive"], replace=options["yes"], say=self.stdout.write
            )
        except (ArchiveError, DatabaseError) as error:
            raise CommandError(f"restore refused or failed, nothing was changed: {error}") from error
        except RestoreIncomplete as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"restored and checked: {manifest['rows']:,} rows, {len(manifest['media']['files']):,} files"
                f" from {manifest['created_at']}"
            )
        )
        if pending:
            self.stdout.write(f"this Vistka has {len(pending)} newer migrations: run manage.py migrate")
        self.stdout.write("restart the app processes and purge the edge caches (Varnish) so old pages go")
