"""manage.py run_wordpress_imports [--forever]: run the imports uploaded in the newsroom.

The import page starts it (one-shot) for each upload; with WORDPRESS_IMPORT_RUNNER = "worker" run
it with --forever under the supervisor instead. It is not part of the scheduler on purpose: an
import of a large archive takes minutes, and scheduled publishing must not wait behind it.
"""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from vistka.wordpress.jobs import run_waiting_jobs


class Command(BaseCommand):
    help = "Run the WordPress imports uploaded in the newsroom that are waiting, one at a time."

    def add_arguments(self, parser):
        parser.add_argument("--forever", action="store_true", help="keep checking for new uploads")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between checks")

    def handle(self, *args, forever, interval, **options):
        stopping = []
        if forever:
            signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        while not stopping:
            close_old_connections()
            try:
                run_waiting_jobs()
            except DatabaseError as error:  # keep a long-running worker alive through an outage
                self.stderr.write(f"run_wordpress_imports: {error}")
            if not forever:
                break
            until = time.monotonic() + interval
            while not stopping and time.monotonic() < until:
                time.sleep(min(0.2, interval))
