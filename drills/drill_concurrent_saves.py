"""N staff save the edit form of one story at the same moment, over HTTP: zero lost edits.

The app as `make stack` runs it (granian, 2 workers) on a private PostgreSQL cluster
(drills/postgres.py). Each of N = 2, 5, 10 clients is signed in with a real session (its own
account; TWO_FACTOR_REQUIRED_GROUPS empty), loads the story's edit form, and all post it with
their own title at once. Every save must either become a revision or be refused with its content
kept (a RefusedSave holding that title); a save that became a revision although another one was
made from the same base revision is lost (it silently replaced the other's work).

The cluster is migrated once into var/drills/ (migrating takes most of a minute) and copied for
every run; the copy is rebuilt whenever the migrations change.
"""

import concurrent.futures
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

from bench.procs import Processes, free_port
from bench.servers import REPO, quiet, start_app
from drills.postgres import PrivatePostgres

TITLE = "concurrent saves: N = 2, 5, 10 staff posting one story's edit form at once, zero lost edits"
QUICK = True
ROUNDS = (2, 5, 10)
PASSWORD = "drill-racer-password"  # noqa: S105 (accounts of a throwaway cluster)
TEMPLATES = REPO / "var" / "drills"

SETUP = f"""
import json
from wagtail.test.utils.form_data import nested_form_data
from vistka.newsroom import roles
from vistka.newsroom.tests.helpers import body_form_data, make_staff, stream_to_blocks
from vistka.stories.factories import ArticlePageFactory
story = ArticlePageFactory(draft=True, title="The story everyone edits")
for i in range({max(ROUNDS)}):
    user = make_staff(f"racer-{{i}}", (roles.REPORTERS, "uk"))
    user.set_password({PASSWORD!r})
    user.save()
body = stream_to_blocks(story.get_latest_revision_as_object().body)
print("SETUP" + json.dumps({{"story": story.pk, "body": nested_form_data({{"body": body_form_data(body)}})}}))
"""

OUTCOME = """
import json, sys
from wagtail.models import Revision
from vistka.concurrency.models import RefusedSave
story, titles = json.loads(sys.stdin.read())
titles = set(titles)
contents = Revision.page_revisions.filter(object_id=str(story)).values_list("content", flat=True)
saved = {content.get("title") for content in contents}
refused = {r.content.get("title") for r in RefusedSave.objects.filter(page_id=story) if r.content}
print("OUTCOME" + json.dumps({"saved": sorted(saved & titles), "refused": sorted(refused & titles)}))
"""


def app_env(tmp, database_url):
    env = quiet(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="vistka.settings",
        SECRET_KEY="concurrent-saves-drill",  # noqa: S106 (a throwaway cluster)
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
        VAR_DIR=str(Path(tmp) / "var"),
        PURGE_DELIVERY_THREAD="0",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        TWO_FACTOR_REQUIRED_GROUPS="",
        FAST_PASSWORD_HASHER="1",  # noqa: S106 (a switch, not a password)
        PYTHONPATH=str(REPO),
    )
    return env


def manage(env, *argv, stdin=None, timeout=600):
    result = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "manage.py", *argv],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {argv[0]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return result.stdout


def migrations_digest():
    digest = hashlib.sha256()
    for path in sorted(REPO.glob("vistka/*/migrations/*.py")):
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def template_cluster():
    """A stopped cluster, migrated and holding the story and the accounts, and its setup output."""
    template = TEMPLATES / f"concurrent-saves-{migrations_digest()}"
    if (template / "setup.json").exists():
        return template, json.loads((template / "setup.json").read_text())
    shutil.rmtree(template, ignore_errors=True)
    for stale in TEMPLATES.glob("concurrent-saves-*"):
        shutil.rmtree(stale, ignore_errors=True)
    template.mkdir(parents=True)
    with PrivatePostgres(str(template)) as cluster:
        cluster.wait_ready()
        env = app_env(template, cluster.url)
        manage(env, "migrate", "--no-input")
        out = manage(env, "shell", "-c", SETUP)
        cluster.stop()
    setup = json.loads(out.split("SETUP", 1)[1].strip())
    (template / "setup.json").write_text(json.dumps(setup))
    return template, setup


class FormFields(HTMLParser):
    """The fields of the page edit form as a browser would post them (no file inputs, no buttons)."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.textarea, self.select = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "page-edit-form":
            self.in_form = True
        if not self.in_form or "__prefix__" in (attrs.get("name") or ""):
            return
        name = attrs.get("name")
        kind = (attrs.get("type") or "text").lower()
        if tag == "input" and name and kind not in {"submit", "button", "file", "image", "reset"}:
            if kind not in {"checkbox", "radio"} or "checked" in attrs:
                self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.in_form:
            self.in_form = False


def signed_in_session(base, username):
    import requests

    session = requests.Session()
    session.get(f"{base}/admin/login/", timeout=30)
    answer = session.post(
        f"{base}/admin/login/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{base}/admin/login/"},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"{username} could not sign in: {answer.status_code}")
    return session


def edit_form(session, base, story, body):
    page = session.get(f"{base}/admin/pages/{story}/edit/", timeout=60)
    if page.status_code != 200:
        raise RuntimeError(f"edit form answered {page.status_code}")
    parser = FormFields()
    parser.feed(page.text)
    fields = [(k, v) for k, v in parser.fields if k not in body]  # the body is rendered by JavaScript
    return fields + list(body.items())


def race(base, sessions, story, body, titles):
    """Each session loads the form, then all post their own title at the same moment."""
    barrier = threading.Barrier(len(sessions))

    def save(session, title):
        fields = [(k, title if k == "title" else v) for k, v in edit_form(session, base, story, body)]
        barrier.wait(60)
        answer = session.post(
            f"{base}/admin/pages/{story}/edit/",
            data=fields,
            headers={"Referer": f"{base}/admin/pages/{story}/edit/"},
            allow_redirects=False,
            timeout=120,
        )
        return title, answer.status_code

    with concurrent.futures.ThreadPoolExecutor(len(sessions)) as pool:
        return dict(pool.map(save, sessions, titles))


def run(report, quick):
    template, setup = template_cluster()
    tmp = tempfile.mkdtemp(prefix="vistka-drill-concurrent-saves-")
    procs = Processes(tmp)
    cluster = PrivatePostgres(tmp)
    try:
        shutil.copytree(template / "pgdata", cluster.directory, symlinks=True)
        os.makedirs(cluster.socket_dir)
        if cluster.user is not None:
            owner = ["chown", "-R", "postgres:postgres", cluster.directory, cluster.socket_dir]
            subprocess.run(owner, check=True)  # noqa: S603, S607 (fixed argv)
        cluster.start()
        cluster.wait_ready()
        env = app_env(tmp, cluster.url)
        port = free_port()
        start_app(procs, "app", port, env, workers=2)
        base = f"http://127.0.0.1:{port}"
        sessions = [signed_in_session(base, f"racer-{i}") for i in range(max(ROUNDS))]
        story, body = setup["story"], setup["body"]
        rounds = []
        for n in ROUNDS:
            titles = [f"Round {n}, racer {i}" for i in range(n)]
            started = time.monotonic()
            statuses = race(base, sessions[:n], story, body, titles)
            rounds.append((n, titles, statuses, time.monotonic() - started))
        all_titles = [title for _n, titles, _s, _t in rounds for title in titles]
        out = manage(env, "shell", "-c", OUTCOME, stdin=json.dumps([story, all_titles]))
        outcome = json.loads(out.split("OUTCOME", 1)[1].strip())
        saved, refused = set(outcome["saved"]), set(outcome["refused"])
        for n, titles, statuses, seconds in rounds:
            made = [t for t in titles if t in saved]
            kept = [t for t in titles if t in refused and t not in saved]
            lost = max(len(made) - 1, 0) + len([t for t in titles if t not in saved and t not in refused])
            report.figure(f"N={n} saved", len(made))
            report.figure(f"N={n} refused with content kept", len(kept))
            report.figure(f"N={n} lost", lost)
            report.figure(f"N={n} round time", seconds, "s")
            report.check(lost == 0, f"N={n}: no save lost ({lost} lost)")
            report.check(len(made) + len(kept) == n, f"N={n}: every save accounted for")
            bad = {t: s for t, s in statuses.items() if s != (302 if t in saved else 200)}
            report.check(not bad, f"N={n}: saved answered 302, refused 200 (the form again): {bad or 'yes'}")
    finally:
        procs.stop_all()
        if os.path.exists(cluster.directory):
            cluster.stop("immediate")
        if not os.environ.get("DRILLS_KEEP"):
            shutil.rmtree(tmp, ignore_errors=True)
