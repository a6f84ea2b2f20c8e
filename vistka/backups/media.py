"""The media (uploaded images, their renditions, documents) through Django's configured storage:
the files on disk, or the bucket's objects when S3_BUCKET is set (django-storages)."""

import hashlib
import posixpath
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage, storages
from django.utils.functional import empty

from vistka.backups.archive import CHUNK, make_private_dir, media_path, open_archive_file, open_private


def storage():
    return default_storage


def list_names(store=None, path=""):
    """Every file's name in the storage, sorted (a missing media folder has none)."""
    store = store or storage()
    try:
        directories, files = store.listdir(path)
    except FileNotFoundError:
        return []
    names = [posixpath.join(path, name) if path else name for name in files]
    for directory in directories:
        names += list_names(store, posixpath.join(path, directory) if path else directory)
    return sorted(names)


def copy_out(archive_dir, names):
    """Copy each file into the archive, hashing as it goes; {name: {sha256, size}}. A file deleted
    since it was listed is left out (the caller compares with what the database names)."""
    store, copied, archive_dir, made = storage(), {}, Path(archive_dir), set()
    for name in names:
        target = media_path(archive_dir, name)
        for folder in reversed([target.parent, *target.parent.parents]):
            if folder not in made and archive_dir in folder.parents:  # each private, not only the last
                made.add(make_private_dir(folder))
        digest, size = hashlib.sha256(), 0
        try:
            source = store.open(name, "rb")
        except FileNotFoundError:
            continue
        with source, open_private(target) as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        copied[name] = {"sha256": digest.hexdigest(), "size": size}
    return copied


def _unwrapped(store):
    """The storage behind a lazy one (default_storage), set up if it was not yet."""
    if getattr(store, "_wrapped", None) is empty:
        store._setup()
    return getattr(store, "_wrapped", store)


def _local_root(store):
    try:
        return Path(store.path("")).resolve()
    except (NotImplementedError, AttributeError, ValueError):
        return None


def _bucket_prefix(store):
    bucket = getattr(store, "bucket_name", None)
    return (bucket, str(getattr(store, "location", "") or "").strip("/")) if bucket else None


def _prefixes_overlap(first, second):
    """Bucket prefixes ("" is the whole bucket): one holds the other."""
    first, second = f"{first}/" if first else "", f"{second}/" if second else ""
    return first.startswith(second) or second.startswith(first)


def _folders_overlap(first, second):
    return first == second or first in second.parents or second in first.parents


def shared_with_static():
    """Why the media storage also holds the static files (so wiping it would delete them), or None.
    Media on disk: MEDIA_ROOT and the static storage's folder are the same or one holds the other.
    Media in a bucket: the static storage uses the same bucket with an overlapping prefix."""
    media_store = _unwrapped(storage())
    static_store = _unwrapped(storages["staticfiles"]) if "staticfiles" in settings.STORAGES else None
    media_dir = _local_root(media_store)
    static_dir = _local_root(static_store) if static_store is not None else None
    if static_dir is None and settings.STATIC_ROOT:
        static_dir = Path(settings.STATIC_ROOT).resolve()
    if media_dir and static_dir and _folders_overlap(media_dir, static_dir):
        return f"the media folder {media_dir} and the static folder {static_dir} overlap"
    media_bucket, static_bucket = _bucket_prefix(media_store), _bucket_prefix(static_store)
    if media_bucket and static_bucket and media_bucket[0] == static_bucket[0]:
        if _prefixes_overlap(media_bucket[1], static_bucket[1]):
            return f"media and static files share the bucket {media_bucket[0]} (prefixes overlap)"
    return None


def wipe():
    """Delete every file of the media storage (everything it lists: hence the guard against a
    storage that also holds the static files). Returns how many."""
    shared = shared_with_static()
    if shared:
        raise OSError(f"refusing to empty the media storage: {shared}")
    store, names = storage(), list_names()
    for name in names:
        store.delete(name)
    return len(names)


def copy_in(archive_dir, names):
    """Write the archive's files into the storage under their own names (never through a symbolic
    link: checked again here, as the archive may change after it was verified)."""
    store = storage()
    for name in names:
        with open_archive_file(archive_dir, media_path(archive_dir, name)) as source:
            saved = store.save(name, File(source, name=posixpath.basename(name)))
        if saved != name:  # a file of that name appeared meanwhile; the database names `name`
            store.delete(saved)
            raise OSError(f"could not write {name}: the storage chose {saved}")


def live_sums(names):
    """{name: {sha256, size}} of these files as the storage holds them now (missing: absent)."""
    store, found = storage(), {}
    for name in names:
        digest, size = hashlib.sha256(), 0
        try:
            handle = store.open(name, "rb")
        except FileNotFoundError:
            continue
        with handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
        found[name] = {"sha256": digest.hexdigest(), "size": size}
    return found
