"""The database stopped under load (issue 14 item 2): a private PostgreSQL cluster with a small
newsroom, the app (granian, two workers) alone and behind Varnish, CACHE_TTL=20 so pages expire
during the outage, a few stories edited (purged) just before it. Counted while the database is down:
5xx for pages seen before the outage (must be 0, app alone and through Varnish), the answer for
pages never seen (a 503 with Retry-After in the edition's language), the newsroom's answer to a page
and to a save (503, not stored, the form carried back); then the recovery time once it is back."""

import http.client
import os
import re
import shutil
import tempfile
import threading
import time
from collections import Counter
from urllib.parse import urlencode

from bench.procs import Processes, free_port, get
from bench.servers import start_app, start_varnish
from drills.report import say

TITLE = (
    "database stopped under load: stale pages served, clear 503 elsewhere, newsroom keeps the form, recovery"
)
QUICK = True

TTL = 20
SEEN_PER_EDITION = 15  # each front page and 14 of its stories: 45 pages seen before the outage
UNSEEN_PER_EDITION = 3
PURGED = 6
WARM_ROUNDS = 10  # the kernel hands each request to either app worker: both must have seen the page
HOMES = {"uk": "/", "ru": "/ru/", "en": "/en/"}
STORY = re.compile(r'href="((?:/ru|/en)?/news/\d{4}/\d{2}/\d{2}/\d+/)"')
EDITED_MARK = " (edited before the outage)"


def post(port, path, headers, body, timeout=15):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def language_of(path):
    return "ru" if path.startswith("/ru/") else "en" if path.startswith("/en/") else "uk"


def pages(app_port):
    """Seen and never-seen pages from the three front pages: 45 and 9."""
    seen, unseen = [], []
    for home in HOMES.values():
        status, _, body = get(app_port, home)
        if status != 200:
            raise RuntimeError(f"{home} answered {status}")
        stories = sorted(set(STORY.findall(body.decode())))
        if len(stories) < SEEN_PER_EDITION - 1 + UNSEEN_PER_EDITION:
            raise RuntimeError(f"only {len(stories)} stories on {home}")
        seen += [home, *stories[: SEEN_PER_EDITION - 1]]
        unseen += stories[SEEN_PER_EDITION - 1 : SEEN_PER_EDITION - 1 + UNSEEN_PER_EDITION]
    return seen, unseen


class Staff:
    """A signed-in newsroom browser, by hand: cookies, the CSRF token."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def _headers(self, extra=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        headers.update(extra or {})
        return headers

    def _keep(self, headers):
        for value in headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def get(self, path):
        status, headers, body = get(self.port, path, self._headers())
        self._keep(headers)
        return status, headers, body

    def post(self, path, fields):
        extra = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://127.0.0.1:{self.port}",
        }
        extra["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        status, headers, body = post(self.port, path, self._headers(extra), urlencode(fields))
        self._keep(headers)
        return status, headers, body

    def sign_in(self, username, password):
        self.get("/admin/login/")
        status, _, _ = self.post(
            "/admin/login/",
            {"csrfmiddlewaretoken": self.cookies["csrftoken"], "username": username, "password": password},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"sign-in failed: {status}")


class Load:
    """Threads cycling through the seen pages on a port until stopped; every answer counted."""

    def __init__(self, port, paths, threads=2):
        self.port, self.paths = port, paths
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.outage = None  # (start, end) monotonic
        self.during = Counter()
        self.total = Counter()
        self.failed_paths = Counter()  # seen pages answered 5xx (or nothing) during the outage
        self.threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(threads)]

    def _run(self, offset):
        i = offset
        while not self.stopping.is_set():
            path = self.paths[i % len(self.paths)]
            i += 1
            try:
                status = get(self.port, path, timeout=30)[0]
            except OSError:
                status = "error"
            now = time.monotonic()
            with self.lock:
                self.total[status] += 1
                if (
                    self.outage
                    and self.outage[0] <= now
                    and (self.outage[1] is None or now <= self.outage[1])
                ):
                    self.during[status] += 1
                    if status == "error" or status >= 500:
                        self.failed_paths[path] += 1

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(40)

    def bad(self):
        return sum(n for status, n in self.during.items() if status == "error" or status >= 500)


EDIT_SCRIPT = """
from vistka.stories.models import ArticlePage
for code, number in {stories!r}:
    page = ArticlePage.objects.get(story_number=number, locale__language_code=code)
    page.title = page.title + {mark!r}
    page.save_revision().publish()
"""


def edit_stories(env, paths):
    """Publish a change to each story through Django (its purges: the app's log and Varnish)."""
    import subprocess
    import sys

    from vistka.outage.testing import REPO

    stories = [(language_of(path), int(path.rstrip("/").rsplit("/", 1)[1])) for path in paths]
    script = EDIT_SCRIPT.format(stories=stories, mark=EDITED_MARK)
    done = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"editing stories failed: {done.stderr[-2000:]}")


def check_unseen(report, target, port, unseen):
    """Pages never seen: a 503 with Retry-After, in the edition's language."""
    clear = 0
    for path in unseen:
        status, headers, body = get(port, path)
        lang = language_of(path)
        if status == 503 and headers.get("Retry-After") and f'lang="{lang}"' in body.decode(errors="replace"):
            clear += 1
    report.figure(f"{target}: never-seen pages answered a clear 503", clear, f"of {len(unseen)}")
    report.check(
        clear == len(unseen), f"{target}: every never-seen page gets a 503 with Retry-After in its language"
    )


def check_newsroom(report, staff, edit_path):
    status, headers, body = staff.get("/admin/pages/")
    text = body.decode(errors="replace")
    report.figure("newsroom page during the outage: status", status, headers.get("Cache-Control") or "")
    report.check(
        status == 503 and headers.get("Retry-After") and headers.get("Cache-Control") == "no-store",
        "newsroom: a page answers 503, Retry-After, no-store",
    )
    title = "Saved while the database was down <3"
    fields = {"csrfmiddlewaretoken": staff.cookies.get("csrftoken", ""), "title": title, "action-publish": ""}
    status, headers, body = staff.post(edit_path, fields)
    text = body.decode(errors="replace")
    carried = 'name="title" value="Saved while the database was down &lt;3"' in text
    report.figure(
        "newsroom save during the outage: status", status, "form carried back" if carried else "form lost"
    )
    report.check(
        status == 503 and carried,
        "newsroom: a save answers 503 'nothing was saved' with the form to send again",
    )


def wait_until(check, timeout):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if check():
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.05)
    return None


def run(report, quick):
    from vistka.outage.testing import ADMIN, ADMIN_PASSWORD, app_environment, prepared_cluster

    outage_seconds = TTL + 5 if quick else TTL + 20
    tmp = tempfile.mkdtemp(prefix="drill-outage-")
    os.chmod(tmp, 0o755)  # noqa: S103 (varnishd's unprivileged users read the VCL from here)
    pg_dir = os.path.join(tmp, "pg")
    os.mkdir(pg_dir)  # handed to the postgres user
    procs = Processes(tmp)
    cluster = None
    try:
        started = time.monotonic()
        cluster = prepared_cluster(pg_dir)
        report.figure("private cluster ready", time.monotonic() - started, "s")
        app_port, varnish_port = free_port(), free_port()
        env = app_environment(
            cluster.url, CACHE_TTL=str(TTL), VARNISH_PURGE_URLS=f"http://127.0.0.1:{varnish_port}"
        )
        start_app(procs, "app", app_port, env)
        start_varnish(procs, tmp, varnish_port, app_port, env)
        seen, unseen = pages(app_port)
        staff = Staff(app_port)
        staff.sign_in(ADMIN, ADMIN_PASSWORD)
        story_id = re.search(r"/admin/pages/(\d+)/", staff.get("/admin/pages/")[2].decode())
        edit_path = f"/admin/pages/{story_id.group(1) if story_id else 3}/edit/"
        for _round in range(WARM_ROUNDS):  # each app worker (own memory) and Varnish hold every seen page
            for path in seen:
                get(app_port, path)
                get(varnish_port, path)
        report.figure("pages seen before the outage", len(seen))
        purged = [p for p in seen if p not in HOMES.values()][:: max(1, (len(seen) - 3) // PURGED)][:PURGED]
        # Under load, but nothing asks for the edited stories between their purge and the outage:
        # their only copies are the purged ones.
        others = [path for path in seen if path not in purged]
        loads = {
            "app alone": Load(app_port, others).start(),
            "through Varnish": Load(varnish_port, others).start(),
        }
        edit_stories(env, purged)
        time.sleep(1.5)  # the app processes poll the purge log twice a second
        outage_start = time.monotonic()
        for load in loads.values():
            load.outage = (outage_start, None)
        cluster.stop("fast")
        for load in loads.values():
            load.paths = seen
        time.sleep(3)
        check_unseen(report, "app alone", app_port, unseen)
        check_unseen(report, "through Varnish", varnish_port, unseen)
        check_newsroom(report, staff, edit_path)
        time.sleep(max(0.0, outage_seconds - (time.monotonic() - outage_start)))
        cluster.start()
        back = time.monotonic()
        for load in loads.values():
            load.outage = (outage_start, back)
        report.figure("outage length", back - outage_start, "s")
        recovered = wait_until(lambda: get(app_port, unseen[0])[0] == 200, 30)
        newsroom_back = wait_until(lambda: staff.get("/admin/pages/")[0] == 200, 30)
        edited = EDITED_MARK.strip()
        fresh = wait_until(lambda: all(edited in get(varnish_port, p)[2].decode() for p in purged), 30)
        fresh = time.monotonic() - back if fresh is not None else -1.0
        report.figure("edited stories fresh through Varnish, after the database is back", fresh, "s")
        for load in loads.values():
            load.stop()
        for target, load in loads.items():
            for status, n in sorted(load.during.items(), key=str):
                report.figure(f"{target}: seen pages answered {status} during the outage", n)
            report.figure(f"{target}: 5xx for seen pages during the outage", load.bad())
            failed = set(load.failed_paths)
            report.figure(f"{target}: seen pages with a 5xx", len(failed), f"of {len(seen)}")
            if failed:
                say(f"  {report.name}: {target}: 5xx on " + ", ".join(sorted(failed)[:12]))
            report.figure(
                f"{target}: purged just before the outage, with a 5xx",
                len(failed & set(purged)),
                f"of {len(purged)}",
            )
            report.check(
                load.bad() == 0,
                f"{target}: no 5xx for pages seen before the outage (purged and expired included)",
            )
        report.figure(
            "recovery: first never-seen page served after the database is back", recovered or -1.0, "s"
        )
        report.figure("recovery: newsroom answers again after", newsroom_back or -1.0, "s")
        report.check(
            recovered is not None and recovered < 5,
            "the app serves uncached pages within 5 s of the database's return",
        )
        report.check(
            newsroom_back is not None and newsroom_back < 5,
            "the newsroom answers within 5 s of the database's return",
        )
    finally:
        procs.stop_all()
        if cluster is not None:
            cluster.stop("immediate")
        shutil.rmtree(tmp, ignore_errors=True)
