"""`make drills`: resilience drills against real Varnish, PostgreSQL and granian on loopback.

Each drill is a module `drills/drill_<name>.py` with

    TITLE = "what it shows, in a line"
    QUICK = True            # part of the quick set CI runs (DRILLS_QUICK=1)
    LOAD_SENSITIVE = True   # optional: its checks are speed ratios/latencies; in the quick set
                            # (CI, a shared machine) its FAIL is reported but does not fail the run
    def run(report, quick): # starts what it needs, stops it by PID, records figures and checks

Every drill is bounded (it stops itself), loads only 127.0.0.1, and stops only what it started
(a database outage uses a private PostgreSQL cluster, drills/postgres.py, never the machine's
own). It prints its figures and PASS/FAIL; the run exits 1 if any drill failed.

    python -m drills.run [--quick] [--list] [name ...]
Environment: DRILLS_QUICK=1 (the quick set, shorter loads), DRILLS=name,name (only these),
DRILLS_KEEP=1 (keep each drill's temporary directory and logs).
"""

import argparse
import importlib
import os
import pkgutil
import sys
import traceback
from pathlib import Path

from drills.report import Report, say

HERE = Path(__file__).resolve().parent


def discover():
    found = {}
    for module in pkgutil.iter_modules([str(HERE)]):
        if module.name.startswith("drill_"):
            found[module.name.removeprefix("drill_")] = importlib.import_module(f"drills.{module.name}")
    return dict(sorted(found.items()))


def truthy(value):
    return (value or "").lower() in {"1", "true", "yes", "on"}


def main(argv=None):
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("names", nargs="*")
    parser.add_argument("--quick", action="store_true", default=truthy(os.environ.get("DRILLS_QUICK")))
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(argv)
    drills = discover()
    names = args.names or [n for n in (os.environ.get("DRILLS") or "").split(",") if n]
    unknown = [n for n in names if n not in drills]
    if unknown:
        parser.error(f"no such drill: {', '.join(unknown)} (known: {', '.join(drills)})")
    if args.list:
        for name, module in drills.items():
            say(f"{name:24} {'quick' if module.QUICK else 'full '} {module.TITLE}")
        return 0
    chosen = names or [n for n, m in drills.items() if m.QUICK or not args.quick]
    reports = []
    for name in chosen:
        say(f"== drill {name}: {drills[name].TITLE}")
        report = Report(name)
        try:
            drills[name].run(report, args.quick)
        except Exception:  # noqa: BLE001 (a broken drill is a failed drill; the others still run)
            traceback.print_exc()
            report.failures.append("the drill itself failed (traceback above)")
        say(f"== drill {name}: {'PASS' if report.passed else 'FAIL'} in {report.seconds:.0f} s")
        reports.append(report)
    say("")
    for report in reports:
        figures = "; ".join(
            f"{label} {f'{value:.2f}' if isinstance(value, float) else value}{unit and ' ' + unit}"
            for label, value, unit in report.figures
        )
        say(f"{'PASS' if report.passed else 'FAIL'} {report.name}: {figures}")
        for failure in report.failures:
            say(f"     failed: {failure}")
    informational = {name for name in chosen if args.quick and getattr(drills[name], "LOAD_SENSITIVE", False)}
    for report in reports:
        if not report.passed and report.name in informational:
            say(f"     ({report.name}: speed checks, informational in the quick set on a shared machine)")
    failed = [r.name for r in reports if not r.passed and r.name not in informational]
    which = f" ({', '.join(failed)})" if failed else ""
    say(f"DRILLS passed={len(reports) - len(failed)} failed={len(failed)}{which}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
