"""Backup and restore, in the order that keeps them consistent and verified.

Backup: the database snapshot first, then the media. Media only grows while the site runs (an
upload's file is stored before its row is committed), so every file the snapshot names is already
in the storage when the media is copied; uploads made meanwhile add files nobody names yet, which
is harmless. The other order would archive rows whose files were uploaded after the media copy.
The archive is built under a hidden `.partial` name, re-read and checked, and only then renamed.

Restore: the manifest and every checksum are checked before anything is touched; the database is
replaced in one transaction (all or nothing), then the media, then row counts and files are
checked against the manifest. A failure after the database was replaced raises RestoreIncomplete,
which says so: running the restore again with --yes finishes it.
"""

import os
import shutil
import subprocess
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db.migrations.loader import MigrationLoader

from vistka.backups import archive, database, media, retention
from vistka.backups.archive import ArchiveError

REPO = Path(__file__).resolve().parents[2]


class RestoreIncomplete(Exception):
    """The database was replaced but the media or the final check failed."""


def vistka_version():
    try:
        with open(REPO / "pyproject.toml", "rb") as handle:
            version = tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        version = "unknown"
    try:  # a deployment without git (a container image) has no commit to name
        commit = subprocess.run(  # noqa: S603
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{version}+{commit}" if commit else version


def storage_name():
    store = media.storage()
    wrapped = getattr(store, "_wrapped", store)
    return f"{type(wrapped).__module__}.{type(wrapped).__qualname__}"


def refuse_inside_media(directory):
    media_root = Path(settings.MEDIA_ROOT).resolve()
    directory = Path(directory).resolve()
    if directory == media_root or media_root in directory.parents:
        raise ArchiveError(f"the backup folder {directory} is inside MEDIA_ROOT; choose another (--to)")


def verify_archive(archive_dir, db=None):
    """The manifest, after checking every file against it and the snapshot itself."""
    manifest = archive.read_manifest(archive_dir)
    archive.verify_contents(archive_dir, manifest)
    db = db or database.for_connection()
    if manifest["engine"] == db.engine:
        db.verify_file(Path(archive_dir) / Path(manifest["database"]["file"]).name)
    return manifest


def make_backup(directory, keep=0, keep_days=0, after_database=None, say=lambda message: None):
    """Write a verified archive into `directory`; prune old ones. Returns (path, manifest, removed).
    `after_database` is called between the database snapshot and the media copy."""
    directory = archive.make_private_dir(directory)
    refuse_inside_media(directory)
    created = datetime.now(UTC)
    name = archive.PREFIX + created.strftime(retention.STAMP)
    partial = archive.make_private_dir(directory / f".{name}.partial")
    db = database.for_connection()
    try:
        started = time.monotonic()
        info = db.snapshot(partial / db.filename)
        say(
            f"database snapshot ({db.engine}): {sum(info['tables'].values()):,} rows in"
            f" {len(info['tables'])} tables, {time.monotonic() - started:.1f} s"
        )
        if after_database:
            after_database()
        started = time.monotonic()
        files = media.copy_out(partial, media.list_names())
        say(
            f"media: {len(files):,} files, {sum(f['size'] for f in files.values()):,} bytes,"
            f" {time.monotonic() - started:.1f} s"
        )
        missing = sorted(set(info["named_files"]) - set(files))
        if missing:
            say(
                f"warning: {len(missing)} files the database names are not in the media storage"
                f" (missing on the site itself): {', '.join(missing[:5])}"
            )
        digest, size = archive.sha256_file(partial / db.filename)
        manifest = {
            "format": archive.FORMAT,
            "created_at": created.isoformat(),
            "vistka_version": vistka_version(),
            "engine": db.engine,
            "database": {
                "file": db.filename,
                "sha256": digest,
                "size": size,
                "server_version": info["server_version"],
            },
            "migrations": info["migrations"],
            "tables": info["tables"],
            "rows": sum(info["tables"].values()),
            "media": {"storage": storage_name(), "files": files},
            "named_files": len(info["named_files"]),
            "named_files_missing": missing,
        }
        archive.write_manifest(partial, manifest)
        verify_archive(partial, db)  # re-read what was written
        final = directory / name
        os.rename(partial, final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    removed = retention.prune(directory, keep, keep_days)
    return final, manifest, removed


def check_schema(manifest):
    """Refuse an archive whose migrations this code does not know (a newer Vistka); returns the
    migrations this code has that the archive lacks (run `migrate` after the restore)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    archived = {tuple(item) for item in manifest["migrations"]}
    unknown = sorted(archived - known)
    if unknown:
        shown = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise ArchiveError(
            f"the archive's schema is newer than this Vistka ({len(unknown)} unknown migrations: {shown});"
            " restore it with the Vistka version that made it"
            f" ({manifest.get('vistka_version', 'unknown')}) or newer"
        )
    return sorted(known - archived)


def clear_caches():
    """Pages and fragments rendered from the old data must not be served from this process's
    caches or the shared one (only this site's keys: django-redis' delete_pattern keeps the prefix)."""
    from django.core.cache import caches

    for alias in settings.CACHES:
        cache = caches[alias]
        if hasattr(cache, "delete_pattern"):
            cache.delete_pattern("*")
        else:
            cache.clear()
    try:
        from vistka.delivery import fastpath

        fastpath.STORE.reset()
    except (ImportError, AttributeError):
        pass


def site_is_empty(db):
    return not db.live_tables(), not media.list_names()


def restore_backup(archive_dir, replace=False, say=lambda message: None):
    """Restore `archive_dir` into this site. Returns (manifest, pending migrations)."""
    archive_dir = Path(archive_dir)
    db = database.for_connection()
    manifest = archive.read_manifest(archive_dir)
    if manifest["engine"] != db.engine:
        raise ArchiveError(
            f"the archive holds a {manifest['engine']} database; this site uses {db.engine}:"
            f" restore it into a site on {manifest['engine']}"
        )
    pending = check_schema(manifest)
    db.check_compatible(manifest)
    started = time.monotonic()
    verify_archive(archive_dir, db)
    say(
        f"archive verified: {manifest['rows']:,} rows, {len(manifest['media']['files']):,} files,"
        f" {time.monotonic() - started:.1f} s"
    )
    shared = media.shared_with_static()
    if shared:  # the restore replaces every file of the media storage
        raise ArchiveError(f"{shared}: give media a storage of its own (MEDIA_ROOT, S3 prefix) first")
    empty_database, empty_media = site_is_empty(db)
    if not (empty_database and empty_media) and not replace:
        raise ArchiveError(
            "this site is not empty (the database has tables or the media has files): restore into an"
            " empty database and media, or pass --yes to replace everything"
        )
    started = time.monotonic()
    db.restore(archive_dir / Path(manifest["database"]["file"]).name)
    clear_caches()
    say(f"database restored in {time.monotonic() - started:.1f} s")
    names = sorted(manifest["media"]["files"])
    try:
        started = time.monotonic()
        media.wipe()
        media.copy_in(archive_dir, names)
        say(f"media restored: {len(names):,} files in {time.monotonic() - started:.1f} s")
        check_restored(db, manifest, names)
    except (OSError, ArchiveError) as error:
        raise RestoreIncomplete(
            f"the database was restored from {archive_dir.name} but the restore did not finish: {error}."
            " The site is not complete: run the restore again with --yes"
        ) from error
    return manifest, pending


def check_restored(db, manifest, names):
    live = db.live_snapshot()
    differing = [
        f"{table} ({live['tables'].get(table)} rows, archive {count})"
        for table, count in manifest["tables"].items()
        if live["tables"].get(table) != count
    ]
    if differing:
        raise ArchiveError(f"row counts differ after the restore: {', '.join(differing[:10])}")
    sums = media.live_sums(names)
    wrong = [name for name in names if sums.get(name) != manifest["media"]["files"][name]]
    if wrong:
        raise ArchiveError(f"media files differ after the restore: {', '.join(wrong[:10])}")
