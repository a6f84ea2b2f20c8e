"""Bounded loopback load with wrk, and parsing of its --latency report."""

import re
import shutil
import statistics
import subprocess

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}
LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", re.M)
RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")


def parse(output):
    """req/s, p50 and p99 (ms) and error count from wrk's output."""
    rps = RPS.search(output)
    latencies = {pct: float(value) * UNITS[unit] for pct, value, unit in LATENCY.findall(output)}
    if rps is None or set(latencies) != {"50", "99"}:
        raise RuntimeError(f"cannot read wrk's report:\n{output}")
    errors = sum(int(n) for n in SOCKET_ERRORS.search(output).groups()) if SOCKET_ERRORS.search(output) else 0
    non_2xx = int(NON_2XX.search(output).group(1)) if NON_2XX.search(output) else 0
    return {
        "rps": float(rps.group(1)),
        "p50": latencies["50"],
        "p99": latencies["99"],
        "errors": errors + non_2xx,
    }


def wrk(url, seconds, gzip=False, connections=64, threads=2):
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("the bench only loads loopback targets")
    argv = [shutil.which("wrk") or "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    argv += ["--timeout", "30s"]  # slow (uncached) responses are counted, not dropped as timeouts
    if gzip:
        argv += ["-H", "Accept-Encoding: gzip"]
    done = subprocess.run([*argv, url], capture_output=True, text=True, timeout=seconds + 60, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse(done.stdout)


def medians(runs):
    return {key: statistics.median(run[key] for run in runs) for key in ("rps", "p50", "p99")} | {
        "errors": sum(run["errors"] for run in runs)
    }


SEARCH_LUA = """paths = {%(paths)s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("PAGES %%d %%.3f %%.3f %%.3f %%.3f %%d\\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.read + summary.errors.timeout + summary.errors.connect))
end
"""


def wrk_paths(port, paths, seconds, script_path, connections=16, threads=2):
    """Bounded loopback load cycling through `paths` (one request each, in turn, per connection
    thread): {"requests", "p50", "p95", "p99" (ms), "rps", "errors"}."""
    if not all(path.startswith("/") and '"' not in path and "\\" not in path for path in paths):
        raise ValueError("paths must be absolute and plain")
    with open(script_path, "w") as script:
        script.write(SEARCH_LUA % {"paths": ", ".join(f'"{path}"' for path in paths)})
    argv = [shutil.which("wrk") or "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s"]
    argv += ["--timeout", "30s", "-s", script_path, f"http://127.0.0.1:{port}"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60, check=False)  # noqa: S603
    found = re.search(r"^PAGES (\d+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)$", done.stdout, re.M)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    requests, p50, p95, p99, rps, errors = found.groups()
    return {
        "requests": int(requests),
        "p50": float(p50),
        "p95": float(p95),
        "p99": float(p99),
        "rps": float(rps),
        "errors": int(errors),
    }
