"""Everything `make demo` does to the database, in one process (start-up is the slow part)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load the demo newsroom when the database has none, and create the demo accounts."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo_newsroom", stdout=self.stdout, stderr=self.stderr)
        call_command("create_demo_accounts", stdout=self.stdout)
