"""A private PostgreSQL cluster holding Vistka's schema and a small newsroom, for the outage tests
and drills/drill_database_outage.py (both stop it for real; the machine's own PostgreSQL is never
touched).

Migrating a fresh cluster takes about a minute, so the migrated and seeded data directory is kept
under VAR_DIR/outage-pgdata/<hash of every migration, the packages and the seed> and copied for
each run (a second or two).
"""

import fcntl
import hashlib
import inspect
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from drills.postgres import PrivatePostgres

REPO = Path(__file__).resolve().parents[2]
ADMIN = "outage-admin"
ADMIN_PASSWORD = "outage-drill-password"  # noqa: S105 (a throwaway cluster on loopback)
STORIES_PER_EDITION = 30
DRAFT_TITLE = "Outage drill draft"


def _var():
    return Path(os.environ.get("VAR_DIR") or REPO / "var")


def _cache_root():
    return _var() / "outage-pgdata"


def collect_static(url):
    """The admin's scripts and styles for an app process (whitenoise serves STATIC_ROOT only):
    collected once into VAR_DIR/outage-static, later runs copy only what changed."""
    root = _var() / "outage-static"
    env = app_environment(url, STATIC_ROOT=str(root))
    subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return root


def schema_hash():
    digest = hashlib.sha256()
    for path in sorted(REPO.glob("vistka/**/migrations/*.py")):
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    for package in ("wagtail", "django", "django-otp", "django-axes", "django-otp-webauthn"):
        digest.update(version(package).encode())
    digest.update(inspect.getsource(seed).encode())
    digest.update(f"{ADMIN} {ADMIN_PASSWORD} {STORIES_PER_EDITION} {DRAFT_TITLE}".encode())
    return digest.hexdigest()[:16]


def app_environment(url, **extra):
    """The environment an app process (granian) or manage.py needs for the private cluster."""
    drop = {"REDIS_URL", "VARNISH_PURGE_URLS", "S3_BUCKET", "STATIC_ROOT"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        {
            "DATABASE_URL": url or "",
            "SECRET_KEY": env.get("SECRET_KEY") or "outage-drill-secret",
            "SECURE_COOKIES": "0",
            "SECURE_SSL_REDIRECT": "0",
            "TWO_FACTOR_REQUIRED_GROUPS": "",
            "FAST_PASSWORD_HASHER": "1",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "LOG_LEVEL": "CRITICAL",
        }
    )
    env.update(extra)
    return env


def manage(url, *argv, timeout=600):
    done = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "manage.py", *argv],
        cwd=REPO,
        env=app_environment(url),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def seed():
    """Run inside `manage.py shell` on the fresh cluster: an admin and a few stories per edition."""
    from django.contrib.auth import get_user_model

    from vistka.stories.factories import ArticlePageFactory

    get_user_model().objects.create_superuser(ADMIN, f"{ADMIN}@vistka.test", ADMIN_PASSWORD)
    for edition in ("uk", "ru", "en"):
        for n in range(STORIES_PER_EDITION):
            ArticlePageFactory(edition=edition, title=f"Outage drill {edition} story {n}")
    ArticlePageFactory(edition="uk", state="draft", live=False, title=DRAFT_TITLE)


def _build(cache, work):
    cluster = PrivatePostgres(str(work))
    cluster.init().start()
    try:
        manage(cluster.url, "migrate", "--noinput", "-v", "0")
        manage(cluster.url, "shell", "-c", "from vistka.outage.testing import seed; seed()")
    finally:
        cluster.stop("fast")
    subprocess.run(["cp", "-a", cluster.directory, str(cache)], check=True)  # noqa: S603,S607


def prepared_cluster(directory):
    """A started PrivatePostgres in `directory` (a fresh, empty one) with the schema and the seed."""
    root = _cache_root()
    root.mkdir(parents=True, exist_ok=True)
    cache = root / schema_hash()
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder at a time; the others wait and copy
        if not cache.exists():
            for stale in root.iterdir():
                if stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)
            work = root / ".build"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            try:
                _build(cache, work)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    cluster = PrivatePostgres(str(directory))
    subprocess.run(["cp", "-a", str(cache), cluster.directory], check=True)  # noqa: S603,S607
    os.makedirs(cluster.socket_dir, exist_ok=True)
    if cluster.user is not None:
        os.chown(cluster.socket_dir, cluster.user.pw_uid, cluster.user.pw_gid)
    return cluster.start()
