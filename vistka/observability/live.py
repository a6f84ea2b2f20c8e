"""Gauges read when /_metrics is scraped: readiness of each check, purge lag and backlog,
scheduler lateness, and Varnish's own hit and miss counters (varnishstat, when VARNISHSTAT_NAME
names the Varnish instance on this machine)."""

import json
import shutil
import subprocess

from django.conf import settings
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from vistka.observability import readiness

VARNISH_COUNTERS = {
    "MAIN.cache_hit": ("vistka_varnish_cache_hits", "Varnish: requests served from its cache."),
    "MAIN.cache_hitmiss": ("vistka_varnish_cache_hitmisses", "Varnish: hit-for-miss objects (fetched)."),
    "MAIN.cache_hitpass": ("vistka_varnish_cache_hitpasses", "Varnish: hit-for-pass objects (passed)."),
    "MAIN.cache_miss": ("vistka_varnish_cache_misses", "Varnish: requests fetched from the app."),
}
VARNISHSTAT_TIMEOUT = 2.0


def varnish_counters(name):
    """{counter: value} from `varnishstat -j` for the instance `name`; {} when it cannot be read."""
    varnishstat = shutil.which("varnishstat")
    if not name or not varnishstat:
        return {}
    argv = [varnishstat, "-n", name, "-j"]
    for field in VARNISH_COUNTERS:
        argv += ["-f", field]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=VARNISHSTAT_TIMEOUT, check=True)  # noqa: S603
        data = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return {}
    counters = data.get("counters", data)  # Varnish 6.5+ nests them under "counters"
    return {
        field: int(counters[field]["value"])
        for field in VARNISH_COUNTERS
        if isinstance(counters.get(field), dict) and "value" in counters[field]
    }


class LiveCollector:
    def collect(self):
        checks = readiness.cached_check()
        ready = GaugeMetricFamily("vistka_ready", "1 when the check passes, by check.", labels=["check"])
        for name, result in checks.items():
            ready.add_metric([name], 1.0 if result.get("ok") else 0.0)
        yield ready
        purge = checks["purge"]
        if "lag_seconds" in purge:
            lag, backlog = purge["lag_seconds"], purge["backlog"]
            yield GaugeMetricFamily("vistka_purge_lag_seconds", "Age of the oldest undelivered purge.", lag)
            yield GaugeMetricFamily("vistka_purge_backlog", "Purges not yet delivered everywhere.", backlog)
        scheduler = checks["scheduler"]
        if "lateness_seconds" in scheduler:
            yield GaugeMetricFamily(
                "vistka_scheduler_lateness_seconds",
                "How far past its time the most overdue scheduled publish or unpublish is.",
                scheduler["lateness_seconds"],
            )
            yield GaugeMetricFamily(
                "vistka_scheduler_late_items",
                "Scheduled items overdue by more than SCHEDULER_LATE_AFTER.",
                scheduler["late_items"],
            )
        for field, value in varnish_counters(settings.VARNISHSTAT_NAME).items():
            name, documentation = VARNISH_COUNTERS[field]
            yield CounterMetricFamily(name, documentation, value)
