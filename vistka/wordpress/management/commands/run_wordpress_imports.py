"""manage.py run_wordpress_imports: run the imports waiting to start (started by the import page)."""

from django.core.management.base import BaseCommand

from vistka.wordpress.jobs import run_waiting_jobs


class Command(BaseCommand):
    help = "Run the WordPress imports uploaded in the newsroom that are waiting, one at a time."

    def handle(self, *args, **options):
        run_waiting_jobs()
