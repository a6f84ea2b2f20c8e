"""Unpacking an uploaded `wp-content/uploads` zip safely: another system's file, maybe hostile.

The whole archive is refused (nothing unpacked) if any entry names an absolute path, a drive, a
`..` step or a symlink, or if it holds too many files or too many bytes; the bytes are counted
while writing too (an entry's declared size may lie), so a zip bomb stops at the limit.
"""

import os
import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath

MAX_FILES = 100_000
MAX_UNPACKED_BYTES = 8 * 1024**3
CHUNK = 1024 * 1024
YEAR_FOLDER_DIGITS = 4


class UnsafeArchive(ValueError):
    """The archive is refused; the message says why (in English: the caller translates)."""


def _entry_path(info: zipfile.ZipInfo) -> PurePosixPath:
    name = info.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in path.parts:
        raise UnsafeArchive(f"unsafe path in the archive: {info.filename}")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UnsafeArchive(f"symbolic link in the archive: {info.filename}")
    return path


def check(archive: zipfile.ZipFile, max_files=MAX_FILES, max_bytes=MAX_UNPACKED_BYTES):
    """The (entry, relative path) pairs to unpack; raises UnsafeArchive."""
    entries = archive.infolist()
    if len(entries) > max_files:
        raise UnsafeArchive(f"more than {max_files} files in the archive")
    if sum(info.file_size for info in entries) > max_bytes:
        raise UnsafeArchive("the archive unpacks to more than the limit")
    return [(info, _entry_path(info)) for info in entries]


def unpack(zip_path, target: Path, max_files=MAX_FILES, max_bytes=MAX_UNPACKED_BYTES) -> Path:
    """Unpack into `target` (created); returns the uploads root inside it (see uploads_root)."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            entries = check(archive, max_files, max_bytes)
            target.mkdir(parents=True, exist_ok=True)
            written = 0
            for info, relative in entries:
                destination = target.joinpath(*relative.parts)
                if info.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, open(destination, "xb") as out:
                    while chunk := source.read(CHUNK):
                        written += len(chunk)
                        if written > max_bytes:
                            raise UnsafeArchive("the archive unpacks to more than the limit")
                        out.write(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, FileExistsError, NotImplementedError) as error:
        shutil.rmtree(target, ignore_errors=True)
        raise UnsafeArchive(f"not a readable zip archive ({error})") from None
    except UnsafeArchive:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return uploads_root(target)


def uploads_root(folder: Path) -> Path:
    """The folder holding the year folders: the zip may hold `wp-content/uploads/2024/…`,
    `uploads/2024/…` or `2024/…`; single wrapping folders that are not years are stepped into."""
    while True:
        children = [child for child in folder.iterdir() if not child.name.startswith("__MACOSX")]
        if len(children) != 1 or not children[0].is_dir():
            return folder
        only = children[0]
        if only.name.isdigit() and len(only.name) == YEAR_FOLDER_DIGITS:
            return folder
        folder = only


def private_folder(path: Path) -> Path:
    """Create `path` readable by this account only."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path
