"""Cache shield: requests that used to step around the caches, against the plain hit, in one run.

The app (granian, two workers, a copy of a small factory-built SQLite site: drills.data builds it
once and keeps it under var/drills/sites) alone and behind Varnish, loaded with wrk for a few
seconds per variant: the plain hit; `Cookie: sessionid=<random>`; a forged `vistka_staff`;
`?q=<random>` on a story; Host variants (port, case, trailing dot); and a flood of one-off URLs
(each a new 404, more than the app's store holds; 100,000 per door in the full run) during which a
hot page is polled and must stay a hit. Through Varnish a forged `vistka_staff` passes only at the staff rate
(VARNISH_STAFF_PASS_*), then is served from Varnish's cache like any reader's request. Origin
renders are counted from the app's access log (vistka.observability logs every request that
reached Django). PASS: every variant at least MIN_RATIO of the plain hit, renders per variant at
most RENDER_BUDGET, the flood overflowing the store, the hot page a hit throughout the flood, at
both doors.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from bench import servers
from bench.procs import Processes, free_port, get
from bench.run import build_env
from drills import data

TITLE = "one header, one parameter or one Host must not step around the caches; hot pages survive a flood"
QUICK = True
LOAD_SENSITIVE = True  # speed ratios and latencies: informational in the quick set (drills/run.py)
MIN_RATIO = 0.5
# Per variant and door: each of the two app processes keeps its own store, and Host variants
# normalise to at most three keys (127.0.0.1, 127.0.0.1:<port>, localhost).
RENDER_BUDGET = 8
APP_WORKERS = 2  # granian workers, each with its own store
STORE_ENTRIES = 100  # the app's store in the drill: small, so even a quick flood (a few hundred) overflows it
FLOOD_URLS = 100_000  # the full drill's flood, per door
FLOOD_MAX_SECONDS = 1200  # a bound on a slow machine; falling short of FLOOD_URLS fails the check
FLOOD_CHUNK_SECONDS = 30

LUA = """
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local mode, path, hosts = "%(mode)s", "%(path)s", {%(hosts)s}
local counter = 0
-- Fresh random values for every request, eight hex digits per call: the client's own CPU (on
-- the same two cores) must not be what a variant measures.
local function hex(n)
  local t = {}
  for i = 1, math.ceil(n / 8) do t[i] = string.format("%%08x", math.random(0, 2147483647)) end
  return table.concat(t):sub(1, n)
end
request = function()
  counter = counter + 1
  local headers = {}
  local target = path
  if mode == "sessionid" then
    headers["Cookie"] = "sessionid=" .. hex(32)
  elseif mode == "forged" then
    headers["Cookie"] = "sessionid=" .. hex(32) .. "; vistka_staff=" .. hex(40) .. ":" .. hex(20)
  elseif mode == "query" then
    target = path .. "?q=" .. hex(12)
  elseif mode == "host" then
    headers["Host"] = hosts[(counter %% #hosts) + 1]
  elseif mode == "flood" then
    target = "/flood-" .. hex(16) .. "-" .. counter .. "/"
  end
  return wrk.format("GET", target, headers)
end
done = function(summary, latency, requests)
  io.write(string.format("SHIELD %%d %%.3f %%d\\n", summary.requests,
    summary.requests / (summary.duration / 1e6),
    summary.errors.read + summary.errors.timeout + summary.errors.connect))
end
"""


def run_wrk(tmp, port, mode, path, seconds, hosts=(), connections=32):
    script = os.path.join(tmp, f"shield-{mode}.lua")
    with open(script, "w") as handle:
        handle.write(LUA % {"mode": mode, "path": path, "hosts": ", ".join(f'"{h}"' for h in hosts)})
    argv = [shutil.which("wrk") or "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
    done = subprocess.run(  # noqa: S603 (fixed argv, loopback only)
        [*argv, "-s", script, f"http://127.0.0.1:{port}"],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=False,
    )
    line = [row for row in done.stdout.splitlines() if row.startswith("SHIELD ")]
    if done.returncode != 0 or not line:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    requests, rps, errors = line[0].split()[1:]
    return {"requests": int(requests), "rps": float(rps), "errors": int(errors)}


class AccessLog:
    """Requests that reached Django, counted from the app's JSON access log (vistka.access)."""

    def __init__(self, path):
        self.path = path
        self.offset = 0

    def renders(self):
        """Lines logged since the last call."""
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            chunk = handle.read()
        self.offset += len(chunk)
        count = 0
        for line in chunk.splitlines():
            if b"vistka.access" not in line:
                continue
            try:
                path = json.loads(line).get("path", "")
            except ValueError:
                path = ""
            if not path.startswith("/_health"):  # Varnish's probes
                count += 1
        return count


class HotWatcher(threading.Thread):
    """Polls the hot page while the flood runs; counts what X-Cache said."""

    def __init__(self, port, path):
        super().__init__(daemon=True)
        self.port, self.path = port, path
        self.states = []
        self.fresh_for = 0  # the page's s-maxage
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                status, headers, _body = get(self.port, self.path, timeout=10)
                self.states.append(headers.get("X-Cache", "") if status == 200 else f"status {status}")
                found = re.search(r"s-maxage=(\d+)", headers.get("Cache-Control", ""))
                self.fresh_for = self.fresh_for or (int(found.group(1)) if found else 0)
            except OSError as error:
                self.states.append(f"error {error}")
            time.sleep(0.05)


def seed(stories):
    """Run once by drills.data in a configured Django: a small factory-built uk edition (sections,
    tags, authors, pictures); returns the URLs of the page kinds the bench measures."""
    from bench import site

    site.build_with_factories(stories)
    return site.pick_pages()["urls"]


SEED = "drills.drill_cache_shield:seed"
SEED_SOURCES = ("bench/site.py", "vistka/stories/factories.py")


def prepare_assets(env):
    """Message catalogues and collected static files (the pages link the manifest's names), in a
    child process: this one may host other drills and never configures Django."""
    code = (
        "import os, django; django.setup(); from bench.run import build_assets; "
        "build_assets(os.environ['STATIC_ROOT'])"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, cwd=servers.REPO, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        raise RuntimeError(f"asset preparation failed:\n{done.stderr[-3000:]}")


def measure(report, tmp, door, port, app_log, article, seconds, flood_seconds, flood_urls=None):
    """Every variant through one door (the app alone, or Varnish); figures and checks."""
    hosts = [f"127.0.0.1:{port}", "127.0.0.1", "127.0.0.1.", "LOCALHOST:80", "Localhost.", "127.0.0.1:1234"]
    variants = [
        ("plain hit", "plain"),  # the reference, measured before and after each variant
        ("Cookie: sessionid=<random>", "sessionid"),
        ("forged vistka_staff", "forged"),
        ("?q=<random> on a story", "query"),
        ("Host variants", "host"),
    ]
    get(port, article)
    get(port, article)  # filled in both workers, most likely
    app_log.renders()
    # Each variant between two plain-hit runs, against their mean: the shared machine's load drifts.
    plain_before = run_wrk(tmp, port, "plain", article, seconds)
    for label, mode in variants[1:]:
        app_log.renders()
        result = run_wrk(tmp, port, mode, article, seconds, hosts=hosts)
        renders = app_log.renders()
        plain_after = run_wrk(tmp, port, "plain", article, seconds)
        plain = (plain_before["rps"] + plain_after["rps"]) / 2
        plain_before = plain_after
        ratio = result["rps"] / (plain or 1.0)
        report.figure(f"{door}: plain hit req/s (around {label})", round(plain, 1))
        report.figure(f"{door}: {label} req/s", round(result["rps"], 1))
        report.figure(f"{door}: {label} ratio to plain hit", round(ratio, 2), "x")
        report.figure(f"{door}: {label} origin renders", renders, f"of {result['requests']} requests")
        report.check(ratio >= MIN_RATIO, f"{door}: {label} at {ratio:.2f}x the plain hit (>= {MIN_RATIO}x)")
        report.check(renders <= RENDER_BUDGET, f"{door}: {label}: {renders} renders (<= {RENDER_BUDGET})")
        report.check(result["errors"] == 0, f"{door}: {label}: {result['errors']} socket errors")

    watcher = HotWatcher(port, article)
    watcher.start()
    sent, started = 0, time.monotonic()
    while True:  # chunks of wrk until enough one-off URLs went out (quick: one short chunk)
        chunk = flood_seconds if flood_urls is None else FLOOD_CHUNK_SECONDS
        sent += run_wrk(tmp, port, "flood", article, chunk, connections=16)["requests"]
        took = time.monotonic() - started
        if flood_urls is None or sent >= flood_urls or took + chunk > flood_seconds:
            break
    watcher.stop.set()
    watcher.join(15)
    renders = app_log.renders()
    hits = sum(1 for state in watcher.states if state == "HIT")
    report.figure(f"{door}: one-off URLs in the flood", sent, f"in {took:.0f} s")
    if flood_urls is not None:
        report.check(sent >= flood_urls, f"{door}: {sent:,} one-off URLs sent (>= {flood_urls:,})")
    report.figure(f"{door}: flood origin renders", renders, f"(the app's store holds {STORE_ENTRIES})")
    report.check(renders > STORE_ENTRIES, f"{door}: the flood overflowed the app's store ({renders} renders)")
    report.figure(f"{door}: hot page polls during the flood", len(watcher.states))
    report.figure(f"{door}: of which HIT", hits)
    # A hot page is refilled when its freshness (s-maxage) runs out, once per worker: those misses
    # are not evictions. More than that, and the flood pushed it out.
    refills = APP_WORKERS * (int(took // watcher.fresh_for) + 1) if watcher.fresh_for else 0
    report.figure(f"{door}: refills allowed by its s-maxage of {watcher.fresh_for} s", refills)
    misses = len(watcher.states) - hits
    report.check(
        watcher.states and misses <= refills and all(state in ("HIT", "MISS") for state in watcher.states),
        f"{door}: the hot page was never evicted by the flood "
        f"({hits}/{len(watcher.states)} hits, {misses} misses <= {refills} expiry refills)",
    )
    after = get(port, article)[1].get("X-Cache")
    report.check(after == "HIT", f"{door}: the hot page is a hit after the flood ({after})")


def run(report, quick):
    for tool in ("wrk", "varnishd"):
        if not shutil.which(tool):
            raise RuntimeError(f"{tool} is missing")
    seconds = 2 if quick else 5
    # One-off 404s render at a few hundred a second at best: the quick flood is a few hundred URLs
    # against a store of STORE_ENTRIES; the full one sends FLOOD_URLS (the figure).
    flood_seconds = 5 if quick else FLOOD_MAX_SECONDS
    flood_urls = None if quick else FLOOD_URLS
    tmp = tempfile.mkdtemp(prefix="vistka-drill-shield-")
    os.chmod(tmp, 0o755)  # noqa: S103 (varnish's workers run as other users)
    procs = Processes(tmp)
    try:
        ports = {name: free_port() for name in ("app", "varnish")}
        env = build_env(tmp, ports)
        env.update(
            LOG_FORMAT="json",
            ACCESS_LOG="django",
            FAST_PATH_MAX_ENTRIES=str(STORE_ENTRIES),
            DATABASE_CONN_MAX_AGE="60",
        )
        started = time.monotonic()
        stories = 10 if quick else 30
        made = data.site("cache-shield", SEED, stories, destination=tmp, sources=SEED_SOURCES)
        env.update(made.env)
        prepare_assets(env)
        article = made.result["article"]
        report.figure("data ready", round(time.monotonic() - started, 1), "s")
        servers.start_app(procs, "app", ports["app"], {**env, "FAST_PATH": "1"})
        servers.start_varnish(procs, tmp, ports["varnish"], ports["app"], env)
        servers.warm(ports["app"], article)
        servers.warm(ports["varnish"], article)
        app_log = AccessLog(os.path.join(tmp, "app.log"))
        for door in ("app", "varnish"):
            measure(report, tmp, door, ports[door], app_log, article, seconds, flood_seconds, flood_urls)
    finally:
        procs.stop_all()
        if os.environ.get("DRILLS_KEEP"):
            print(f"kept {tmp}", flush=True)  # noqa: T201
        else:
            shutil.rmtree(tmp, ignore_errors=True)
