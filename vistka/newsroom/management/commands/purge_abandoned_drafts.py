"""Deletes abandoned empty drafts untouched for ABANDONED_DRAFT_HOURS (the scheduler does it
hourly; this is for a cron job or by hand). See vistka.newsroom.drafts."""

from django.core.management.base import BaseCommand

from vistka.newsroom.drafts import abandoned_hours, purge_abandoned


class Command(BaseCommand):
    help = "Delete never-published stories without real content untouched for N hours."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=None, help="Default: ABANDONED_DRAFT_HOURS.")

    def handle(self, *args, hours, **options):
        hours = abandoned_hours() if hours is None else hours
        self.stdout.write(
            f"deleted {purge_abandoned(hours=hours)} abandoned empty drafts older than {hours:g} h"
        )
