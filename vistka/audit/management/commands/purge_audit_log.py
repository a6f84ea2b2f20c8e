from django.conf import settings
from django.core.management.base import BaseCommand

from vistka.audit.retention import purge


class Command(BaseCommand):
    help = "Delete audit trail entries older than AUDIT_RETENTION_DAYS (the scheduler runs this daily)."

    def handle(self, *args, **options):
        deleted = purge()
        self.stdout.write(
            f"audit trail: {deleted} entries older than {settings.AUDIT_RETENTION_DAYS} days deleted"
        )
