"""Backup -> the database dropped and the media deleted -> restore, on a private PostgreSQL cluster
and then on SQLite, with stories and real uploaded JPEG pictures (bench.site's factory data); the
reader pages served by granian before and after are compared byte for byte (apart from Date,
request ids, and the order of the policy header's directives). Prepared sites are kept in
var/drills/ (the first run migrates: a minute or two) and copied for every run.

    python -m drills.run backup_restore
The in-Django steps run in child processes (`python -m drills.drill_backup_restore prepare`), so the
drill runner's own process never configures Django.
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.procs import Processes, free_port, get
from bench.servers import REPO, start_app

TITLE = "manage.py backup / restore round trip on PostgreSQL and SQLite: same pages, rows and files"
QUICK = True
STORIES_PER_EDITION = 6
TEMPLATE = REPO / "var" / "drills" / "backup-restore-site"  # a prepared cluster and media, copied per run
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


def normalised(name, value):
    """A policy header's directives in a fixed order: their order differs between processes (it
    follows Python's per-process string hashing), their meaning does not."""
    if name.lower().startswith("content-security-policy"):
        return "; ".join(sorted(part.strip() for part in value.split(";") if part.strip()))
    return value


def pages_of(procs, env, paths, name):
    """{path: (status, headers without volatile ones, body)} from a fresh granian on `env`."""
    port = free_port()
    app = start_app(procs, name, port, env)
    try:
        found = {}
        for path in paths:
            status, headers, body = get(port, path)
            kept = sorted(
                (k.lower(), normalised(k, v)) for k, v in headers.items() if k.lower() not in VOLATILE
            )
            found[path] = (status, kept, body)
        return found
    finally:
        app.terminate()
        try:
            app.wait(60)  # a loaded machine (CI runs drills after the suites) can take a while
        except subprocess.TimeoutExpired:
            os.killpg(app.pid, signal.SIGKILL)  # its own session (bench.procs): only what it started
            app.wait(10)


def folder_size(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def give_to(user, path):
    """As root the private cluster runs as `postgres`: its copied files must be its own."""
    if user is None:
        return
    for folder, _, files in os.walk(path):
        os.chown(folder, user.pw_uid, user.pw_gid)
        for name in files:
            os.chown(os.path.join(folder, name), user.pw_uid, user.pw_gid)


def start_cluster(cluster, media_root):
    """Start the private cluster from the kept template (migrated, with the stories and pictures),
    or a new empty one (False: the template is to be made)."""
    if not (TEMPLATE / "pgdata" / "PG_VERSION").exists():
        cluster.init().start()
        cluster.wait_ready()
        cluster._run(*psql_argv(cluster), "CREATE DATABASE vistka")
        return False
    shutil.copytree(TEMPLATE / "pgdata", cluster.directory)
    shutil.copytree(TEMPLATE / "media", media_root)
    os.makedirs(cluster.socket_dir, exist_ok=True)
    for path in (cluster.directory, cluster.socket_dir):
        give_to(cluster.user, path)
    os.chmod(cluster.directory, 0o700)
    cluster.start()
    cluster.wait_ready()
    return True


def keep_template(cluster, media_root):
    """Keep the prepared cluster and media for the next runs (stopped cleanly while copied)."""
    cluster.stop("fast")
    partial = TEMPLATE.with_name(TEMPLATE.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(cluster.directory, partial / "pgdata")
    shutil.copytree(media_root, partial / "media")
    shutil.rmtree(TEMPLATE, ignore_errors=True)
    os.rename(partial, TEMPLATE)
    cluster.start()
    cluster.wait_ready()


def psql_argv(cluster):
    return ["psql", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "-d", "postgres", "-c"]


def describe_difference(before, after):
    status, headers, body = before
    status2, headers2, body2 = after
    changed = sorted(set(headers) ^ set(headers2))
    offset = next(
        (i for i, (a, b) in enumerate(zip(body, body2, strict=False)) if a != b), min(len(body), len(body2))
    )
    near = slice(max(0, offset - 60), offset + 60)
    return (
        f"status {status}->{status2}, headers {changed}, body {len(body)}->{len(body2)} bytes,"
        f" first difference at {offset}: {body[near]!r} / {body2[near]!r}"
    )


def run(report, quick):
    from bench.run import build_env
    from drills.postgres import PrivatePostgres

    tmp = tempfile.mkdtemp(prefix="vistka-drill-backup-")
    procs = Processes(tmp)
    cluster = PrivatePostgres(tmp)
    media_root = os.path.join(tmp, "media")
    try:
        from_template = start_cluster(cluster, media_root)
        env = build_env(tmp, {"varnish": free_port()})
        env.update(DATABASE_URL=f"postgres://postgres@127.0.0.1:{cluster.port}/vistka", MEDIA_ROOT=media_root)
        started = time.monotonic()
        paths = prepare_in_child(env)
        made = "migrated from the kept template" if from_template else "migrate and stories, template kept"
        report.figure(f"PostgreSQL site prepared ({made})", time.monotonic() - started, "s")
        if not from_template:
            keep_template(cluster, media_root)

        def drop_postgres():
            cluster._run(*psql_argv(cluster), "DROP DATABASE vistka WITH (FORCE)")
            cluster._run(*psql_argv(cluster), "CREATE DATABASE vistka")
            shutil.rmtree(media_root)

        round_trip(report, procs, env, paths, drop_postgres, "PostgreSQL", Path(tmp, "pg-backups"))
        sqlite_round_trip(report, procs, tmp)
    finally:
        procs.stop_all()
        cluster.stop("immediate")
        if not os.environ.get("DRILLS_KEEP"):
            shutil.rmtree(tmp, ignore_errors=True)


def sqlite_round_trip(report, procs, tmp):
    """The same on SQLite, with the login-flood drill's kept site (migrated once, factory stories)."""
    from bench.run import build_env
    from drills.drill_login_flood import fresh_site

    site = fresh_site()
    try:
        env = build_env(site, {"varnish": free_port()})  # the database and media live in `site`
        paths = prepare_in_child(env)

        def delete_sqlite():
            for path in Path(site).glob("vistka.sqlite3*"):
                path.unlink()
            shutil.rmtree(Path(site, "media"))

        round_trip(report, procs, env, paths, delete_sqlite, "SQLite", Path(tmp, "sqlite-backups"))
    finally:
        if not os.environ.get("DRILLS_KEEP"):
            shutil.rmtree(site, ignore_errors=True)


def round_trip(report, procs, env, paths, lose_everything, engine, backups):
    """Pages before; backup; the database and media lost; restore; the same pages after."""
    before = pages_of(procs, env, paths, f"app-before-{engine}")
    report.check(all(v[0] == 200 for v in before.values()), f"{engine}: {len(paths)} reader pages answer 200")

    out, seconds = manage(env, "backup", "--to", str(backups))
    say("    " + out.strip().replace("\n", "\n    "))
    (archive,) = [p for p in backups.iterdir() if p.name.startswith("vistka-backup-")]
    manifest = json.loads((archive / "manifest.json").read_text())
    report.figure(f"{engine}: backup (manage.py, start to end)", seconds, "s")
    report.figure(f"{engine}: archive size", round(folder_size(archive) / 1e6, 2), "MB")
    report.figure(f"{engine}: rows", manifest["rows"])
    report.figure(f"{engine}: tables", len(manifest["tables"]))
    report.figure(f"{engine}: media files", len(manifest["media"]["files"]))
    report.check(oct(archive.stat().st_mode & 0o777) == "0o700", f"{engine}: the archive folder is 0700")

    lose_everything()
    out, seconds = manage(env, "restore", str(archive))
    say("    " + out.strip().replace("\n", "\n    "))
    report.figure(f"{engine}: restore (manage.py: verify, load, check)", seconds, "s")

    after = pages_of(procs, env, paths, f"app-after-{engine}")
    differing = [p for p in paths if after[p] != before[p]]
    report.figure(f"{engine}: pages compared", len(paths))
    for path in differing:
        say(f"    {path}: {describe_difference(before[path], after[path])}")
    report.check(not differing, f"{engine}: pages byte-identical after the restore (differing: {differing})")
    try:
        manage(env, "restore", str(archive))
        refused = False
    except RuntimeError as error:
        refused = "not empty" in str(error)
    report.check(refused, f"{engine}: a second restore over the restored site without --yes is refused")


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
    return json.loads(result.stdout.strip().splitlines()[-1])


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
        "/atom/",  # the uk edition's: an empty feed (en, ru here) says <updated> = the time it was made
        "/json/",
        f"{urls['section']}rss/",
        "/sitemap.xml",
    ]
    say(json.dumps([p for p in paths if p]))


if __name__ == "__main__" and sys.argv[1:] == ["prepare"]:
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
    os.environ["BENCH_DATA"] = "factories"
    prepare()
