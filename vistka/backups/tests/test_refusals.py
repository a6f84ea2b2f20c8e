"""A damaged, edited or foreign archive is refused before anything is touched; archives and their
folders are private; no secret goes into them; retention keeps the newest."""

import hashlib
import json
import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from vistka.backups import media, retention
from vistka.backups.archive import MANIFEST, MANIFEST_SUM, ArchiveError
from vistka.backups.operations import make_backup
from vistka.backups.tests.helpers import delete_media, drop_database, media_sums, row_counts
from vistka.reader.tests.builders import jpeg_image

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(media_root, backup_dir):
    jpeg_image("Kept")
    path, _, _ = make_backup(backup_dir)
    jpeg_image("Made after the backup")  # the site differs from the archive
    return path


def rewrite_manifest(path, change):
    manifest = json.loads((path / MANIFEST).read_text())
    change(manifest)
    data = json.dumps(manifest).encode()
    (path / MANIFEST).write_bytes(data)
    (path / MANIFEST_SUM).write_text(f"{hashlib.sha256(data).hexdigest()}  {MANIFEST}\n")


def assert_refused(path, match):
    rows, files = row_counts(), media_sums()
    with pytest.raises(CommandError, match=match):
        call_command("restore", str(path), yes=True)
    assert row_counts() == rows and media_sums() == files  # nothing touched


def test_a_changed_media_file_is_refused(archive):
    picture = next((archive / "media" / "original_images").iterdir())
    picture.write_bytes(picture.read_bytes()[:-1] + b"\0")
    assert_refused(archive, "changed: media/original_images/")


def test_a_changed_database_snapshot_is_refused(archive):
    snapshot = next(p for p in archive.iterdir() if p.name.startswith("database."))
    with open(snapshot, "r+b") as handle:
        handle.seek(200)
        handle.write(b"tampered")
    assert_refused(archive, "changed: database")


def test_a_missing_or_extra_file_is_refused(archive):
    picture = next((archive / "media" / "original_images").iterdir())
    os.rename(picture, archive / "media" / "smuggled.jpg")
    assert_refused(archive, "missing: media/original_images/")


def test_an_edited_manifest_is_refused(archive):
    text = (archive / MANIFEST).read_text().replace('"rows": ', '"rows": 1')
    (archive / MANIFEST).write_text(text)
    assert_refused(archive, "does not match its checksum")


def test_a_file_name_outside_the_media_folder_is_refused(archive):
    def escape(manifest):
        files = manifest["media"]["files"]
        files["../../escaped.txt"] = next(iter(files.values()))

    rewrite_manifest(archive, escape)
    assert_refused(archive, "outside the media folder")
    assert not (archive.parent.parent / "escaped.txt").exists()


def test_an_archive_of_another_engine_is_refused(archive):
    other = "sqlite" if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") else "postgresql"
    rewrite_manifest(archive, lambda manifest: manifest.update(engine=other))
    assert_refused(archive, f"holds a {other} database")


def test_an_archive_of_a_newer_schema_is_refused(archive):
    rewrite_manifest(
        archive, lambda manifest: manifest["migrations"].append(["stories", "9999_from_the_future"])
    )
    assert_refused(archive, "schema is newer than this Vistka")


def test_archives_are_private_and_hold_no_secret(media_root, backup_dir, capsys):
    jpeg_image("Private")
    call_command("backup", to=str(backup_dir))
    (path,) = [p for p in backup_dir.iterdir() if p.name.startswith("vistka-backup-")]
    assert oct(backup_dir.stat().st_mode & 0o777) == "0o700"
    for item in [path, *path.rglob("*")]:
        assert oct(item.stat().st_mode & 0o777) == ("0o700" if item.is_dir() else "0o600"), item
        if item.is_file():
            assert settings.SECRET_KEY.encode() not in item.read_bytes(), item
    password = settings.DATABASES["default"].get("PASSWORD")
    if password:
        assert password not in (path / MANIFEST).read_text() and password not in capsys.readouterr().out


def test_retention_keeps_the_newest(media_root, backup_dir):
    jpeg_image("Kept")
    made = [make_backup(backup_dir, keep=2)[0] for _ in range(3)]
    foreign = backup_dir / "notes-of-the-operator"
    foreign.mkdir()
    call_command("backup", to=str(backup_dir), keep=2)
    kept = sorted(p.name for p in backup_dir.iterdir())
    assert len([name for name in kept if name.startswith("vistka-backup-")]) == 2
    assert made[2].name in kept and made[0].name not in kept and made[1].name not in kept
    assert foreign.name in kept


def test_retention_by_age_never_removes_the_newest(media_root, backup_dir):
    jpeg_image("Kept")
    made = [make_backup(backup_dir, keep=0)[0] for _ in range(2)]
    later = datetime.now(UTC) + timedelta(days=30)
    removed = retention.prune(backup_dir, keep=0, keep_days=7, now=later)
    assert removed == [made[0]]
    assert [p for _, p in retention.archives(backup_dir)] == [made[1]]


def test_a_restore_that_cannot_finish_says_so_and_can_be_run_again(media_root, backup_dir):
    image = jpeg_image("Blocked")
    rows, files = row_counts(), media_sums()
    path, _, _ = make_backup(backup_dir)
    drop_database()
    delete_media()
    (media_root / image.file.name).mkdir(parents=True)  # something in the way of the file

    with pytest.raises(
        CommandError, match="database was restored .* not complete: run the restore again with --yes"
    ):
        call_command("restore", str(path))
    assert row_counts() == rows and media_sums() != files

    (media_root / image.file.name).rmdir()
    call_command("restore", str(path), yes=True)
    assert row_counts() == rows and media_sums() == files


def test_a_backup_folder_inside_the_media_is_refused(media_root):
    jpeg_image("Kept")
    with pytest.raises(CommandError, match="inside MEDIA_ROOT"):
        call_command("backup", to=str(media_root / "backups"))


def test_restore_check_verifies_without_changing_anything(archive, capsys):
    rows, files = row_counts(), media_sums()
    call_command("restore", str(archive), check=True)
    assert "archive verified" in capsys.readouterr().out
    picture = next((archive / "media" / "original_images").iterdir())
    picture.write_bytes(b"not the picture")
    with pytest.raises(CommandError, match="failed verification"):
        call_command("restore", str(archive), check=True)
    assert row_counts() == rows and media_sums() == files


def link_in_place(path, target):
    """Replaces `path` (a file or folder of the archive) by a symbolic link to `target`."""
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()
    path.symlink_to(target)


def test_a_media_file_linked_outside_the_archive_is_refused(archive, tmp_path):
    """Before: the link was followed: verified against its target's sum, then published as media."""
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_bytes(b"root:x:0:0:not for the public\n")
    picture = next((archive / "media" / "original_images").iterdir())
    name = str(picture.relative_to(archive / "media"))
    link_in_place(picture, secret)

    def point_at_secret(manifest):
        data = secret.read_bytes()
        manifest["media"]["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}

    rewrite_manifest(archive, point_at_secret)
    assert_refused(archive, f"symbolic link in the archive: media/{name}")
    published = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert not [p for p in published if b"not for the public" in p.read_bytes()]


def test_a_media_folder_linked_outside_the_archive_is_refused(archive, tmp_path):
    folder = archive / "media" / "original_images"
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(folder, elsewhere)  # the same files, so every sum still matches
    link_in_place(folder, elsewhere)
    assert_refused(archive, "symbolic link in the archive: media/original_images")


def test_copying_in_never_follows_a_link(archive, tmp_path):
    """A link put into the archive after it was verified is refused when the file is copied."""
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"not for the public")
    picture = next((archive / "media" / "original_images").iterdir())
    link_in_place(picture, secret)
    with pytest.raises(ArchiveError, match="symbolic link"):
        media.copy_in(archive, [str(picture.relative_to(archive / "media"))])


@pytest.mark.parametrize("static_at", ["media/static", "."])
def test_a_restore_is_refused_when_media_and_static_files_share_a_folder(archive, settings, static_at):
    """The restore empties the media storage: with the static files in it, they would go too."""
    settings.STATIC_ROOT = (Path(settings.MEDIA_ROOT).parent / static_at).resolve()
    assert_refused(archive, "overlap")
    with pytest.raises(OSError, match="refusing to empty the media storage"):
        media.wipe()
