"""Sites for drills: a SQLite database and its media folder, migrated and seeded once, copied per run.

Migrating and filling a site takes minutes on the shared 2-core machine (under load, three or
more), while copying one takes well under a second. So the first drill to ask for a site builds it
in a child process (this process may host other drills and never configures Django) under
var/drills/sites/<name>-<key>/, where the key is a hash of every migration, the pinned packages,
the seed's own source (and any other `sources` it depends on) and its arguments: change any of
them and the site is rebuilt, the older build of that name removed. Every run then gets its own
copy (`site(...)`), so no drill ever sees another's writes.

    from drills import data
    made = data.site("cache-shield", "drills.drill_cache_shield:seed", 10, destination=tmp)
    env.update(made.env)            # DATABASE_URL and MEDIA_ROOT of the copy
    made.result                      # what the seed returned (JSON), e.g. the pages to load

The seed is "module:function", called with `args` inside a configured Django after `migrate`;
what it returns must be JSON. Building is serialised by a lock file: concurrent drills wait, then
copy the same build.
"""

import ast
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATABASE = "vistka.sqlite3"
MEDIA = "media"
RESULT = "seed.json"
# Variables that would point the building child at real services or another site.
_DROPPED = {"DATABASE_URL", "REDIS_URL", "VARNISH_PURGE_URLS", "S3_BUCKET", "MEDIA_ROOT", "VAR_DIR"}
CHILD = """
import json, sys, django
django.setup()
from django.core.management import call_command
from django.db import connection
from importlib import import_module
call_command("migrate", interactive=False, verbosity=0)
module, function = sys.argv[1].split(":")
result = getattr(import_module(module), function)(*json.loads(sys.argv[2]))
with connection.cursor() as cursor:
    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
connection.close()
with open(sys.argv[3], "w") as handle:
    json.dump(result, handle)
"""


@dataclass
class Site:
    """One run's own copy: its database file, media folder and the seed's result."""

    database: Path
    media: Path
    result: object = None
    env: dict = field(default_factory=dict)


def root():
    return Path(os.environ.get("DRILLS_DATA_DIR") or REPO / "var" / "drills" / "sites")


def _source_of(spec):
    """The seed function's own source, read from its module's file without importing it (it may
    import Django): editing the rest of a drill does not rebuild its site."""
    module, function = spec.split(":")
    text = Path(find_spec(module).origin).read_text()
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return ast.get_source_segment(text, node).encode()
    raise ValueError(f"no function {function} in {module}")


def key(seed, args=(), sources=()):
    """Hash of what a built site depends on: migrations, pinned packages, the seed function and
    `sources` (what the seed calls: paths relative to the repository, files or folders whose .py
    files count)."""
    digest = hashlib.sha256()
    files = sorted(REPO.glob("vistka/**/migrations/*.py"))
    for source in sources:
        path = REPO / source
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    for path in [REPO / "requirements.txt", *files]:
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    digest.update(_source_of(seed))
    digest.update(json.dumps([seed, list(args)]).encode())
    return digest.hexdigest()[:16]


def _build(work, seed, args, timeout):
    """Migrate and seed a new site in `work`, in a child process with Django of its own."""
    work.mkdir(parents=True)
    env = {
        k: v for k, v in os.environ.items() if k not in _DROPPED and not k.startswith(("DJANGO_", "PYTEST"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="vistka.settings",
        SECRET_KEY=secrets.token_urlsafe(40),  # nothing built here keeps a signature
        DATABASE_URL=f"sqlite:///{work / DATABASE}",
        MEDIA_ROOT=str(work / MEDIA),
        VAR_DIR=str(work / "var"),
        FAST_PASSWORD_HASHER="1",  # noqa: S106 (a switch, not a password)
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(REPO),
    )
    done = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "-c", CHILD, seed, json.dumps(list(args)), str(work / RESULT)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"building the site with {seed}{tuple(args)} failed:\n{done.stderr[-3000:]}")
    shutil.rmtree(work / "var", ignore_errors=True)
    (work / MEDIA).mkdir(exist_ok=True)
    for leftover in ("-wal", "-shm"):
        Path(f"{work / DATABASE}{leftover}").unlink(missing_ok=True)


def built(name, seed, *args, sources=(), timeout=1200):
    """The folder of the built site `name` for this seed (built now unless it exists)."""
    base = root()
    base.mkdir(parents=True, exist_ok=True)
    folder = base / f"{name}-{key(seed, args, sources)}"
    with open(base / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder at a time; the others wait and copy
        if not (folder / RESULT).exists():
            for stale in base.glob(f"{name}-*"):
                shutil.rmtree(stale, ignore_errors=True)
            work = base / f".{name}.build"
            shutil.rmtree(work, ignore_errors=True)
            try:
                _build(work, seed, args, timeout)
                work.rename(folder)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    return folder


def site(name, seed, *args, destination, sources=()):
    """A private copy of the site in `destination` (a folder of this run): database, media, and the
    seed's result; `env` holds the DATABASE_URL and MEDIA_ROOT that point an app at it."""
    template = built(name, seed, *args, sources=sources)
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    database, media = destination / DATABASE, destination / MEDIA
    with closing(sqlite3.connect(template / DATABASE)) as source, closing(sqlite3.connect(database)) as copy:
        source.backup(copy)  # a consistent copy even while another run reads the template
    shutil.copytree(template / MEDIA, media, dirs_exist_ok=True)
    result = json.loads((template / RESULT).read_text())
    return Site(
        database=database,
        media=media,
        result=result,
        env={"DATABASE_URL": f"sqlite:///{database}", "MEDIA_ROOT": str(media)},
    )
