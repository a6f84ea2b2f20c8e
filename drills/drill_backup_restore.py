"""Backup -> the database dropped and the media deleted -> restore, on a private PostgreSQL cluster
with the demo newsroom's real pictures; the reader pages served by granian before and after are
compared byte for byte (apart from Date and request ids).

    python -m drills.run backup_restore
The in-Django steps run in child processes (`python -m drills.drill_backup_restore prepare`), so the
drill runner's own process never configures Django.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.procs import Processes, free_port, get
from bench.servers import REPO, start_app

TITLE = "manage.py backup / restore round trip on PostgreSQL: same pages, rows and files"
QUICK = True
STORIES_PER_EDITION = 6
VOLATILE = {"date", "x-request-id", "server-timing"}


def say(*parts):
    print(*parts, flush=True)  # noqa: T201


def manage(env, *argv, timeout=300):
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "manage.py", *argv],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {argv[0]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout, time.monotonic() - started


def pages_of(procs, env, paths, name):
    """{path: (status, headers without volatile ones, body)} from a fresh granian on `env`."""
    port = free_port()
    app = start_app(procs, name, port, env)
    try:
        found = {}
        for path in paths:
            status, headers, body = get(port, path)
            kept = sorted((k.lower(), v) for k, v in headers.items() if k.lower() not in VOLATILE)
            found[path] = (status, kept, body)
        return found
    finally:
        app.terminate()
        app.wait(15)


def folder_size(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def run(report, quick):
    from bench.run import build_env
    from drills.postgres import PrivatePostgres

    tmp = tempfile.mkdtemp(prefix="vistka-drill-backup-")
    procs = Processes(tmp)
    cluster = PrivatePostgres(tmp)
    try:
        cluster.init().start()
        cluster.wait_ready()
        psql = ["psql", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-d", "postgres", "-c"]
        cluster._run(*psql, "CREATE DATABASE vistka")
        env = build_env(tmp, {"varnish": free_port()})
        env.update(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{cluster.port}/vistka",
            MEDIA_ROOT=os.path.join(tmp, "media"),
        )
        started = time.monotonic()
        out = prepare_in_child(env)
        paths = json.loads(out.strip().splitlines()[-1])
        report.figure("site prepared (migrate, demo newsroom)", time.monotonic() - started, "s")
        before = pages_of(procs, env, paths, "app-before")
        report.check(
            all(v[0] == 200 for v in before.values()), f"{len(paths)} reader pages answer 200 before"
        )

        out, seconds = manage(env, "backup", "--to", os.path.join(tmp, "backups"))
        say("    " + out.strip().replace("\n", "\n    "))
        (archive,) = [p for p in Path(tmp, "backups").iterdir() if p.name.startswith("vistka-backup-")]
        manifest = json.loads((archive / "manifest.json").read_text())
        report.figure("backup", seconds, "s")
        report.figure("archive size", round(folder_size(archive) / 1e6, 2), "MB")
        report.figure("rows", manifest["rows"])
        report.figure("tables", len(manifest["tables"]))
        report.figure("media files", len(manifest["media"]["files"]))
        report.check(oct(archive.stat().st_mode & 0o777) == "0o700", "the archive folder is 0700")

        cluster._run(*psql, "DROP DATABASE vistka WITH (FORCE)")
        cluster._run(*psql, "CREATE DATABASE vistka")
        shutil.rmtree(env["MEDIA_ROOT"])
        out, seconds = manage(env, "restore", str(archive))
        say("    " + out.strip().replace("\n", "\n    "))
        report.figure("restore (verify, load, check)", seconds, "s")

        after = pages_of(procs, env, paths, "app-after")
        differing = [p for p in paths if after[p] != before[p]]
        report.figure("pages compared", len(paths))
        report.check(not differing, f"pages byte-identical after the restore (differing: {differing})")
        try:
            manage(env, "restore", str(archive))
            refused = False
        except RuntimeError as error:
            refused = "not empty" in str(error)
        report.check(refused, "a second restore over the restored site without --yes is refused")
    finally:
        procs.stop_all()
        cluster.stop("immediate")
        if not os.environ.get("DRILLS_KEEP"):
            shutil.rmtree(tmp, ignore_errors=True)


def prepare_in_child(env):
    result = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "-m", "drills.drill_backup_restore", "prepare"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"preparing the site failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def prepare():
    """In a child process: migrate, stories with real uploaded JPEG pictures (bench.site's factory
    data: quicker than the demo newsroom); prints the reader paths as JSON."""
    import django

    django.setup()
    from bench import site
    from bench.run import build_assets

    build_assets(os.environ["STATIC_ROOT"])
    site.prepare(STORIES_PER_EDITION)
    urls = site.pick_pages()["urls"]
    paths = ["/", "/en/", "/ru/", urls["article"], urls["section"], urls["tag"], urls["author"]]
    paths += [
        urls["archive day"],
        "/rss/",
        "/en/atom/",
        "/ru/json/",
        f"{urls['section']}rss/",
        "/sitemap.xml",
    ]
    say(json.dumps([p for p in paths if p]))


if __name__ == "__main__" and sys.argv[1:] == ["prepare"]:
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
    os.environ["BENCH_DATA"] = "factories"
    prepare()
