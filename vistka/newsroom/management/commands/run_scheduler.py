"""The scheduler worker: publishes and unpublishes scheduled stories at their time.

Runs Wagtail's `publish_scheduled` every SCHEDULER_INTERVAL seconds, so no external cron
is needed. `make demo` starts it beside the web server.
"""

import signal
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections


def run_once():
    call_command("publish_scheduled", verbosity=0)


class Command(BaseCommand):
    help = "Publish scheduled stories when they are due (a long-running worker)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=settings.SCHEDULER_INTERVAL)
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")

    def handle(self, *args, interval, once, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        self.stdout.write(f"scheduler: checking every {interval:g} s")
        while not stopping:
            close_old_connections()
            try:
                run_once()
            except DatabaseError as error:  # keep the worker alive through a database outage
                self.stderr.write(f"scheduler: {error}")
            if once:
                break
            time.sleep(interval)
