"""The archive on disk: a directory `vistka-backup-<UTC time>` holding the database snapshot, the
media files under `media/`, and `manifest.json` (what is in it, with sizes and SHA-256 sums).

Everything is created owner-only (directories 0700, files 0600): the database holds password
hashes, second-factor secrets and sessions. Nothing here ever records SECRET_KEY or a password.
"""

import hashlib
import json
import os
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


def sha256_file(path):
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
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
            digest, size = sha256_file(path)
        except OSError:
            problems.append(f"missing: {path.relative_to(archive_dir)}")
            continue
        total += size
        if size != entry["size"] or digest != entry["sha256"]:
            problems.append(f"changed: {path.relative_to(archive_dir)}")
    listed = {path for path, _ in expected[1:]}
    media_root = archive_dir / MEDIA_DIR
    if media_root.exists():
        extra = [p for p in media_root.rglob("*") if p.is_file() and p not in listed]
        problems += [f"not in the manifest: {p.relative_to(archive_dir)}" for p in extra]
    if problems:
        shown = "; ".join(problems[:10]) + (f" (and {len(problems) - 10} more)" if len(problems) > 10 else "")
        raise ArchiveError(f"{archive_dir} failed verification: {shown}")
    return total
