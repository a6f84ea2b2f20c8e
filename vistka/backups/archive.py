"""The archive on disk: a directory `vistka-backup-<UTC time>` holding the database snapshot, the
media files under `media/`, and `manifest.json` (what is in it, with sizes and SHA-256 sums).

Everything is created owner-only (directories 0700, files 0600): the database holds password
hashes, second-factor secrets and sessions. Nothing here ever records SECRET_KEY or a password.

Inside an archive only regular files and folders are accepted, never a symbolic link (checked with
lstat and read with O_NOFOLLOW): an archive with media/x -> /etc/... would otherwise be verified
against the target and then published as media.
"""

import errno
import hashlib
import json
import os
import stat
from pathlib import Path, PurePosixPath

FORMAT = 1
PREFIX = "vistka-backup-"
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
MEDIA_DIR = "media"
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive is damaged, tampered with, or does not fit this site."""


def make_private_dir(path):
    path = Path(path)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def open_private(path):
    """A new file for writing, readable by its owner only (not subject to the umask)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def open_archive_file(archive_dir, path):
    """A file of the archive, opened for reading: refused (ArchiveError) when it, or a folder on the
    way to it from `archive_dir`, is a symbolic link, or when it is not a regular file."""
    archive_dir, path = Path(archive_dir), Path(path)
    relative = path.relative_to(archive_dir)
    folder = archive_dir
    for part in relative.parts[:-1]:
        folder = folder / part
        if stat.S_ISLNK(os.lstat(folder).st_mode):
            raise ArchiveError(f"symbolic link in the archive: {folder.relative_to(archive_dir)}")
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ArchiveError(f"symbolic link in the archive: {relative}") from None
        raise
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise ArchiveError(f"not a regular file in the archive: {relative}")
    return os.fdopen(descriptor, "rb")


def sha256_file(path, archive_dir=None):
    """SHA-256 and size of a file; with `archive_dir`, one of that archive's (no symbolic links)."""
    digest, size = hashlib.sha256(), 0
    handle = open(path, "rb") if archive_dir is None else open_archive_file(archive_dir, path)
    with handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def safe_media_name(name):
    """A media name from a manifest, refused unless it stays inside the media folder."""
    path = PurePosixPath(name)
    if not name or "\\" in name or "\x00" in name or path.is_absolute() or ".." in path.parts:
        raise ArchiveError(f"the manifest names a file outside the media folder: {name!r}")
    return str(path)


def media_path(archive_dir, name):
    return Path(archive_dir) / MEDIA_DIR / safe_media_name(name)


def write_manifest(archive_dir, manifest):
    data = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False).encode()
    with open_private(Path(archive_dir) / MANIFEST) as handle:
        handle.write(data)
    with open_private(Path(archive_dir) / MANIFEST_SUM) as handle:
        handle.write(f"{hashlib.sha256(data).hexdigest()}  {MANIFEST}\n".encode())


def read_manifest(archive_dir):
    """The manifest, after checking its own sum (a damaged or edited manifest is refused)."""
    archive_dir = Path(archive_dir)
    try:
        data = (archive_dir / MANIFEST).read_bytes()
        expected = (archive_dir / MANIFEST_SUM).read_text().split()[0]
    except (OSError, IndexError) as error:
        raise ArchiveError(f"{archive_dir} is not a Vistka backup (no readable manifest): {error}") from None
    if hashlib.sha256(data).hexdigest() != expected:
        raise ArchiveError(f"{archive_dir}: the manifest does not match its checksum")
    manifest = json.loads(data)
    if manifest.get("format") != FORMAT:
        raise ArchiveError(f"{archive_dir}: unknown archive format {manifest.get('format')!r}")
    return manifest


def verify_contents(archive_dir, manifest):
    """Every file the manifest lists is present with its size and SHA-256; nothing is missing.
    Returns the number of bytes read."""
    archive_dir = Path(archive_dir)
    problems, total = [], 0
    database = manifest["database"]
    expected = [(archive_dir / Path(database["file"]).name, database)]
    expected += [(media_path(archive_dir, name), entry) for name, entry in manifest["media"]["files"].items()]
    for path, entry in expected:
        try:
            digest, size = sha256_file(path, archive_dir)
        except ArchiveError as error:
            problems.append(str(error))
            continue
        except OSError:
            problems.append(f"missing: {path.relative_to(archive_dir)}")
            continue
        total += size
        if size != entry["size"] or digest != entry["sha256"]:
            problems.append(f"changed: {path.relative_to(archive_dir)}")
    listed = {path for path, _ in expected[1:]}
    media_root = archive_dir / MEDIA_DIR
    if media_root.is_dir() and not media_root.is_symlink():
        for folder, folders, files in os.walk(media_root):  # never into a linked folder
            for name in folders + files:
                entry = Path(folder) / name
                if entry.is_symlink():
                    problems.append(f"symbolic link in the archive: {entry.relative_to(archive_dir)}")
                elif name in files and entry not in listed:
                    problems.append(f"not in the manifest: {entry.relative_to(archive_dir)}")
    if problems:
        shown = "; ".join(problems[:10]) + (f" (and {len(problems) - 10} more)" if len(problems) > 10 else "")
        raise ArchiveError(f"{archive_dir} failed verification: {shown}")
    return total
