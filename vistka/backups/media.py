"""The media (uploaded images, their renditions, documents) through Django's configured storage:
the files on disk, or the bucket's objects when S3_BUCKET is set (django-storages)."""

import hashlib
import posixpath
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import default_storage

from vistka.backups.archive import CHUNK, make_private_dir, media_path, open_private


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


def wipe():
    """Delete every file of the media storage. Returns how many."""
    store, names = storage(), list_names()
    for name in names:
        store.delete(name)
    return len(names)


def copy_in(archive_dir, names):
    """Write the archive's files into the storage under their own names."""
    store = storage()
    for name in names:
        with open(media_path(archive_dir, name), "rb") as source:
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
