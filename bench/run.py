"""`make bench`: Vistka's delivery measured against nginx serving the same bytes, in one run.

Builds its own data, starts nginx (the hot article as a static file, plain and gzip_static), the
app alone, the app with FAST_PATH=0 and Varnish in front of the app, runs alternating rounds of
bounded loopback load with wrk, measures cold renders, uncached search pages (16 at a time) and
publish -> visible, prints a table and a last line `BENCH varnish_ratio=... app_ratio=...
app_gzip_ratio=... cold_article_ratio=... publish_visible_s=... search_page_p95_ms=...`. Exits 0
whatever the figures; non-zero only when the harness fails.

Environment: BENCH_QUICK=1 (2 rounds x 2 s, 20 stories per edition), BENCH_ROUNDS, BENCH_SECONDS,
BENCH_STORIES, BENCH_DATABASE_URL (use that database, e.g. PostgreSQL with a million stories;
it is migrated and gets one published story; its pictures are read from BENCH_MEDIA_ROOT, default
var/media), BENCH_PUBLISH_TIMEOUT (s, default 30),
BENCH_KEEP=1 (keep the temporary directory and its logs), BENCH_DATA=factories (build the
data with vistka.stories.factories even when the demo loader exists).
"""

import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote

from bench import load, servers
from bench.procs import Processes, free_port, get

REPO = servers.REPO
MAIN = re.compile(rb"<main\b.*?</main>", re.S)  # the page's own content, without the rail
LATEST = re.compile(rb'<section class="latest".*?</section>', re.S)  # the latest-news column
WARM_UP_SECONDS = 2
TARGETS = [  # name, server, gzip
    ("nginx static", "nginx", False),
    ("nginx gzip_static", "nginx", True),
    ("app", "app", False),
    ("app gzip", "app", True),
    ("varnish", "varnish", False),
    ("varnish gzip", "varnish", True),
    ("app uncached (FAST_PATH=0)", "cold", False),
]


def say(*parts):
    print(*parts, flush=True)  # noqa: T201


def setting(name, quick_default, default):
    quick = os.environ.get("BENCH_QUICK", "").lower() in {"1", "true", "yes", "on"}
    return type(default)(os.environ.get(name) or (quick_default if quick else default))


def build_env(tmp, ports):
    static_root = os.environ.get("STATIC_ROOT") or str(REPO / "var" / "static")
    env = servers.quiet(os.environ)
    env.pop("FAST_PATH", None)
    env.update(
        DJANGO_SETTINGS_MODULE="vistka.settings",
        SECRET_KEY=secrets.token_urlsafe(40),
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        SECURE_SSL_REDIRECT="0",  # loopback http, as bin/stack: TLS belongs to the proxy in front
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        BASE_URL=f"http://127.0.0.1:{ports['varnish']}",
        VAR_DIR=tmp,
        STATIC_ROOT=static_root,
        PYTHONPATH=str(REPO),
    )
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
        # That database's pictures live where it was filled (renditions are made from them).
        env["MEDIA_ROOT"] = os.environ.get("BENCH_MEDIA_ROOT") or str(REPO / "var" / "media")
    return env


def build_assets(static_root):
    """Message catalogues, and collected static files when missing or older than the sources (the
    pages link the manifest's hashed names). Done here: bin/build-assets stops on a fresh clone."""
    from django.core.management import call_command

    from vistka.core.compile_messages import compile_all

    compile_all()
    manifest = Path(static_root) / "staticfiles.json"
    sources = (REPO / "vistka" / "static").rglob("*")
    newest = max((f.stat().st_mtime for f in sources if f.is_file()), default=0)
    if not manifest.exists() or manifest.stat().st_mtime < newest:
        say(f"== collectstatic into {static_root}")
        call_command("collectstatic", interactive=False, verbosity=0)


def load_rounds(ports, article, rounds, seconds):
    # One unmeasured run per target first: every server's threads, pools and caches have met load
    # (Varnish's first measured round ran 10-20% below its later ones on some runs).
    for _name, server, gzip in TARGETS:
        path = "/" if server == "nginx" else article
        load.wrk(f"http://127.0.0.1:{ports[server]}{path}", WARM_UP_SECONDS, gzip=gzip)
        get(ports[server], path, timeout=120)
    runs = {name: [] for name, _, _ in TARGETS}
    for r in range(rounds):
        order = TARGETS[r % len(TARGETS) :] + TARGETS[: r % len(TARGETS)]
        for name, server, gzip in order:
            path = "/" if server == "nginx" else article
            runs[name].append(load.wrk(f"http://127.0.0.1:{ports[server]}{path}", seconds, gzip=gzip))
            get(ports[server], path, timeout=120)  # the server has drained its backlog
            time.sleep(0.3)
        say(
            f"  round {r + 1}/{rounds}: " + ", ".join(f"{n} {runs[n][-1]['rps']:,.0f}" for n, _, _ in TARGETS)
        )
    return {name: load.medians(found) for name, found in runs.items()}


def publish_visible(procs, env, ports, pages, timeout):
    """Seconds from the publish command until the headline shows on each page, per server."""
    watched = {  # page: (path, where the headline must show: <main>, the latest column, anywhere)
        "home": ("/", MAIN),
        "tag": (pages["urls"]["tag"], MAIN),
        "section": (pages["urls"]["section"], MAIN),
        "latest column": (pages["other"].url, LATEST),
        "feed": ("/rss/", None),
    }
    servers_by_name = {"varnish": ports["varnish"], "app": ports["app"]}
    title = f"Bench flash {secrets.token_hex(4)}"
    argv = [sys.executable, "-m", "bench.publish", "--title", title]
    argv += ["--section", str(pages["section"].pk), "--tag", str(pages["tag"].pk)]
    if pages["author"]:
        argv += ["--author", str(pages["author"].pk)]
    if pages["hot"].lead_image_id:
        argv += ["--image", str(pages["hot"].lead_image_id)]
    publish_env = {**env, "VARNISH_PURGE_URLS": f"http://127.0.0.1:{ports['varnish']}/"}
    publisher = procs.start("publish", argv, env=publish_env, cwd=REPO, pipes=True)
    if publisher.stdout.readline().strip() != "READY":
        raise RuntimeError(f"the publisher did not start:\n{procs.log_tail('publish')}")
    time.sleep(1)  # past the fast path's purge-log poll, should the warm-up draft have purged anything
    for port in servers_by_name.values():
        for path, _ in watched.values():
            servers.warm(port, path, want_hit=False)
            servers.warm(port, path, want_hit=False)
    wanted = [(s, p) for s in servers_by_name for p in watched]
    stop = threading.Event()

    last = {}

    def watch(server, page):
        """Poll one page of one server every 50 ms; seconds until the headline shows, or None."""
        while not stop.is_set() and time.monotonic() - start < timeout:
            path, region = watched[page]
            status, headers, body = get(servers_by_name[server], path)
            if region is not None:
                found = region.search(body)
                body = found.group(0) if found else b""
            if status == 200 and title.encode() in body:
                return time.monotonic() - start
            last[server, page] = f"{status}, X-Cache {headers.get('X-Cache')}, Age {headers.get('Age')}"
            time.sleep(0.05)
        return None

    publisher.stdin.write("go\n")
    publisher.stdin.flush()
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(wanted)) as pool:
        futures = {key: pool.submit(watch, *key) for key in wanted}
        while not all(f.done() for f in futures.values()):
            if publisher.poll() not in (None, 0):
                stop.set()
            time.sleep(0.05)
    seen = {key: future.result() for key, future in futures.items()}
    for key in wanted:
        if seen[key] is None:
            say(f"   {key[0]} {watched[key[1]][0]}: no headline after {timeout:.0f} s ({last.get(key)})")
    out, _ = publisher.communicate(timeout=60)
    if publisher.returncode != 0 or not out.startswith("PUBLISHED"):
        raise RuntimeError(f"the publisher failed:\n{out}\n{procs.log_tail('publish')}")
    publish_s = float(out.split()[1])
    return seen, watched, publish_s


def search_paths():
    """/search/ of each edition for the archive bench's common, two-word and rare queries, both
    orders: every request in a run of a few seconds is a different page from the one before."""
    from urllib.parse import quote

    from vistka.archive.management.commands.archive_bench import WORDS
    from vistka.editions.languages import get_edition

    paths = []
    for kind in ("common", "pairs", "rare"):
        for code, words in WORDS[kind].items():
            for word in words:
                for order in ("relevance", "new"):
                    paths.append(f"{get_edition(code).prefix}search/?q={quote(word)}&order={order}")
    return paths


def search_pages(tmp, port, seconds):
    """Search pages rendered by the app without its fast path (2 processes, as `bin/stack`), 16
    at a time: what readers get when their queries miss every cache."""
    paths = search_paths()
    script = os.path.join(tmp, "search.lua")
    load.wrk_paths(port, paths, 2, script)  # each process's connection, statistics and caches
    found = load.wrk_paths(port, paths, seconds, script)
    found["paths"] = len(paths)
    return found


def verdict(ok):
    return "PASS" if ok else "FAIL"


def ratio_text(value):
    return f"{value:.4f}" if value < 0.1 else f"{value:.3f}"


def report(results, cold, visible, watched, publish_s, info, search):
    say("")
    say(f"Data: {info['source']}; hot article {info['article']}")
    say(f"  app and nginx: {info['identity']:,} bytes, gzip {info['gzip']:,} bytes")
    say(f"  Varnish (ESI assembled): {info['varnish'][0]:,} bytes, gzip {info['varnish'][1]:,} bytes")
    rounds = f"medians of {info['rounds']} alternating rounds x {info['seconds']} s"
    rounds += f", after a {WARM_UP_SECONDS} s warm-up run each"
    say(f"wrk -t2 -c64 --timeout 30s on loopback, {rounds}")
    say(f"{'target':28} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'ratio':>8}  budget")
    static, gzip_static = results["nginx static"]["rps"], results["nginx gzip_static"]["rps"]
    article_queries = cold["article"]["queries"]
    budgets = {
        "varnish": lambda r, m: (r >= 0.9 and m["p99"] <= 10, ">=0.9 x static, p99 <=10 ms"),
        "app": lambda r, m: (r >= 0.25, ">=0.25 x static"),
        "app gzip": lambda r, m: (r >= 0.25, ">=0.25 x gzip_static"),
        "app uncached (FAST_PATH=0)": lambda r, m: (
            r >= 0.004 and article_queries <= 12,
            f">=0.004 x static, <=12 queries ({article_queries})",
        ),
    }
    ratios = {}
    for name, _, gzip in TARGETS:
        m = results[name]
        ratios[name] = m["rps"] / (gzip_static if gzip else static)
        budget = ""
        if name in budgets:
            ok, text = budgets[name](ratios[name], m)
            budget = f"{verdict(ok)} {text}"
        elif gzip:
            budget = "(vs gzip_static)"
        say(
            f"{name:28} {m['rps']:>10,.0f} {m['p50']:>8.2f} {m['p99']:>8.2f} {m['errors']:>7} "
            f"{ratio_text(ratios[name]):>8}  {budget}"
        )
    say("")
    say("Cold renders (Django, caches 'default', 'renditions' and the fast-path store emptied; median of 5)")
    say(f"{'page':12} {'queries':>7} {'ms':>8} {'KB':>6}  budget   url")
    from bench.site import PAGE_BUDGETS

    for name, m in cold.items():
        limit = PAGE_BUDGETS[name]
        budget = f"{verdict(m['queries'] <= limit)} <={limit}" if limit else "-"
        url = unquote(m["url"])
        say(f"{name:12} {m['queries']:>7} {m['ms']:>8.1f} {m['bytes'] / 1024:>6.1f}  {budget:8} {url}")
    say("")
    say(
        f"Search pages without the fast path (2 app processes, wrk -t2 -c16, {search['paths']} different "
        "queries in turn, every request a cache miss):"
    )
    say(
        f"  {search['requests']:,} pages, {search['rps']:,.0f} pages/s, p50 {search['p50']:.1f} ms, "
        f"p95 {search['p95']:.1f} ms, p99 {search['p99']:.1f} ms, errors {search['errors']}  "
        f"{verdict(search['p95'] <= 100 and not search['errors'])} p95 <=100 ms (a budget at 1M stories)"
    )
    say("")
    say(f"Publish -> visible, s (the publish itself took {publish_s:.2f} s; each page polled every 50 ms)")
    say("  headline in <main> of home, tag and section; in the latest column of another article; in the feed")
    say(f"{'page':14} {'varnish s':>10} {'app s':>10}")
    for page in watched:
        cells = [visible[server, page] for server in ("varnish", "app")]
        say(f"{page:14} " + " ".join(f"{c:>10.2f}" if c is not None else f"{'never':>10}" for c in cells))
    slowest = float("inf") if None in visible.values() else max(visible.values())
    say(f"{'slowest':14} {slowest:>10.2f}  {verdict(slowest <= 2)} <=2 s, through Varnish and without it")
    say("")
    say(
        f"BENCH varnish_ratio={ratios['varnish']:.3f} app_ratio={ratios['app']:.3f} "
        f"app_gzip_ratio={ratios['app gzip']:.3f} "
        f"cold_article_ratio={ratios['app uncached (FAST_PATH=0)']:.4f} publish_visible_s={slowest:.2f} "
        f"search_page_p95_ms={search['p95']:.1f}"
    )


def bench(tmp, procs):
    rounds = max(1, setting("BENCH_ROUNDS", 2, 5))
    seconds = max(1, setting("BENCH_SECONDS", 2, 5))
    stories = max(10, setting("BENCH_STORIES", 20, 60))
    timeout = setting("BENCH_PUBLISH_TIMEOUT", 30.0, 30.0)
    for tool in ("nginx", "wrk", "varnishd"):
        if not shutil.which(tool):
            raise RuntimeError(f"{tool} is missing: apt-get install nginx-light wrk varnish varnish-modules")
    ports = {name: free_port() for name in ("nginx", "app", "cold", "varnish")}
    env = build_env(tmp, ports)
    os.environ.clear()  # this process is Django too, on the same settings as the servers
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections

    from bench import site

    build_assets(env["STATIC_ROOT"])
    started = time.monotonic()
    say(f"== data ({'BENCH_DATABASE_URL' if 'DATABASE_URL' in env else 'SQLite in ' + tmp})")
    source = site.prepare(stories)
    pages = site.pick_pages()
    article = pages["urls"]["article"]
    say(f"   {source} ready in {time.monotonic() - started:.0f} s; hot article {article}")
    say("== cold renders")
    cold = site.cold_renders(pages["urls"])
    connections.close_all()

    say("== servers")
    servers.start_app(procs, "app", ports["app"], {**env, "FAST_PATH": "1"})
    servers.start_app(procs, "cold", ports["cold"], {**env, "FAST_PATH": "0"})
    servers.start_varnish(procs, tmp, ports["varnish"], ports["app"], env)
    identity, gzipped = servers.fetch_bytes(ports["app"], article)
    servers.start_nginx(procs, tmp, ports["nginx"], identity, gzipped)
    if (
        get(ports["nginx"], "/")[2] != identity
        or get(ports["nginx"], "/", {"Accept-Encoding": "gzip"})[2] != gzipped
    ):
        raise RuntimeError("nginx does not serve the app's bytes")
    servers.warm(ports["varnish"], article)
    servers.warm(ports["cold"], article, want_hit=False)
    varnish_sizes = []
    for gzip in (False, True):
        headers = {"Accept-Encoding": "gzip"} if gzip else {}
        for _ in range(3):
            status, found, body = get(ports["varnish"], article, headers)
        if status != 200 or found.get("X-Cache") != "HIT":
            raise RuntimeError(f"Varnish does not serve the article from cache: {status} {found}")
        varnish_sizes.append(len(body))

    say(f"== load: {rounds} rounds x {len(TARGETS)} targets x {seconds} s")
    results = load_rounds(ports, article, rounds, seconds)
    say("== search pages")
    search = search_pages(tmp, ports["cold"], seconds * 2)
    say("== publish -> visible")
    visible, watched, publish_s = publish_visible(procs, env, ports, pages, timeout)
    info = {
        "article": article,
        "identity": len(identity),
        "gzip": len(gzipped),
        "varnish": varnish_sizes,
        "rounds": rounds,
        "seconds": seconds,
        "source": source,
    }
    report(results, cold, visible, watched, publish_s, info, search)


def main():
    tmp = tempfile.mkdtemp(prefix="vistka-bench-")
    os.chmod(tmp, 0o755)  # noqa: S103 (nginx and varnish workers run as other users)
    procs = Processes(tmp)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)  # also when started with SIGINT ignored (in the background)
    code = 0
    try:
        bench(tmp, procs)
    except KeyboardInterrupt:
        say("interrupted")
        code = 130
    except Exception:  # noqa: BLE001 (report any harness failure, then clean up)
        traceback.print_exc()
        code = 1
    finally:
        procs.stop_all()
        if os.environ.get("BENCH_KEEP"):
            say(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
