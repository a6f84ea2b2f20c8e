"""`manage.py purge_status`: how far behind purges are (per Varnish, and the log)."""

import json as json_module

from django.core.management.base import BaseCommand

from vistka.delivery.purge_status import status


class Command(BaseCommand):
    help = "Show the purge backlog and lag per Varnish (unacknowledged events, oldest age)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the status as JSON.")

    def handle(self, *args, **options):
        found = status()
        if options["json"]:
            self.stdout.write(json_module.dumps(found, indent=2, default=str))
            return
        self.stdout.write(f"purge log: last event {found['last_event']}")
        if not found["targets"]:
            self.stdout.write("no Varnish configured (VARNISH_PURGE_URLS)")
        for target in found["targets"]:
            line = (
                f"{target['url']}: acknowledged {target['acknowledged']}, backlog {target['backlog']}, "
                f"oldest unacknowledged {target['oldest_age_seconds']:.1f} s"
            )
            if target["failures"]:
                line += f", {target['failures']} failed tries ({target['last_error']})"
            if target["purge_everything"]:
                line += ", to be purged of everything"
            self.stdout.write(line)
        self.stdout.write(f"lag {found['lag_seconds']:.1f} s, backlog {found['backlog']}")
