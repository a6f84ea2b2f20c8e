"""Which archives to keep: the newest `keep` and, when `keep_days` is set, none older than that.
The newest archive is never removed, whatever the settings."""

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from vistka.backups.archive import PREFIX

STAMP = "%Y%m%dT%H%M%S%fZ"


def archive_time(path):
    try:
        return datetime.strptime(path.name.removeprefix(PREFIX), STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None  # not one of ours: never touched


def archives(directory):
    """(time, path) of the archives in `directory`, newest first."""
    found = []
    for path in Path(directory).iterdir() if Path(directory).is_dir() else []:
        when = archive_time(path)
        if when is not None and path.is_dir() and (path / "manifest.json").exists():
            found.append((when, path))
    return sorted(found, reverse=True)


def prune(directory, keep, keep_days=0, now=None):
    """Remove the archives beyond the newest `keep` (0: no count limit) and, with `keep_days`,
    those older than that many days. Returns the removed paths."""
    now = now or datetime.now(UTC)
    removed = []
    for position, (when, path) in enumerate(archives(directory)):
        too_many = keep and position >= keep
        too_old = keep_days and now - when > timedelta(days=keep_days)
        if position > 0 and (too_many or too_old):
            shutil.rmtree(path)
            removed.append(path)
    return removed
