"""Deletes merged or dismissed refused saves older than REFUSED_SAVE_RETENTION_DAYS (the scheduler
does it daily; this is for a cron job or by hand)."""

from django.core.management.base import BaseCommand

from vistka.concurrency.retention import purge_resolved, retention_days


class Command(BaseCommand):
    help = "Delete refused saves that were merged or dismissed more than N days ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Default: REFUSED_SAVE_RETENTION_DAYS.")

    def handle(self, *args, days, **options):
        days = retention_days() if days is None else days
        self.stdout.write(f"deleted {purge_resolved(days)} refused saves resolved more than {days} days ago")
