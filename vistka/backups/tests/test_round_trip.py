"""backup -> the site lost -> restore: the same pages byte for byte, the same files, the same rows."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from vistka.backups.tests.helpers import (
    build_site,
    delete_media,
    drop_database,
    media_sums,
    render,
    row_counts,
)
from vistka.reader.tests.builders import jpeg_image
from vistka.stories.models import ArticlePage

pytestmark = pytest.mark.django_db(transaction=True)


def only_archive(backup_dir):
    archives = sorted(p for p in backup_dir.iterdir() if p.name.startswith("vistka-backup-"))
    assert len(archives) == 1, archives
    return archives[0]


def test_backup_drop_everything_restore_gives_identical_site(media_root, backup_dir):
    paths = build_site()
    before = render(paths)  # renditions are made here, and backed up with the rest
    assert all(status == 200 for status, _, _ in before.values()), {p: v[0] for p, v in before.items()}
    files, rows = media_sums(), row_counts()
    assert any(name.startswith("original_images/") for name in files)
    assert any(name.startswith("images/") for name in files)  # renditions

    call_command("backup", to=str(backup_dir))
    archive = only_archive(backup_dir)
    drop_database()
    delete_media()
    assert row_counts() == {} and media_sums() == {}

    call_command("restore", str(archive))  # an empty site: no --yes needed

    assert row_counts() == rows
    assert media_sums() == files
    after = render(paths)
    for path in paths:
        assert after[path] == before[path], path


def test_restore_over_a_changed_site_needs_yes_and_replaces_it(media_root, backup_dir):
    paths = build_site()
    before, files, rows = render(paths), media_sums(), row_counts()
    call_command("backup", to=str(backup_dir))
    archive = only_archive(backup_dir)

    ArticlePage.objects.get(url_path__endswith=paths[1].rstrip("/").split("/")[-1] + "/").delete()
    jpeg_image("Uploaded after the backup")
    changed = render(paths)
    assert changed != before

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
    assert media_sums() != files  # refused: nothing touched

    call_command("restore", str(archive), yes=True)
    assert row_counts() == rows
    assert media_sums() == files
    assert render(paths) == before


def test_an_upload_during_the_backup_leaves_no_row_without_its_file(media_root, backup_dir):
    build_site()
    uploaded = []
    from vistka.backups.operations import make_backup, restore_backup

    path, manifest, _ = make_backup(
        backup_dir, after_database=lambda: uploaded.append(jpeg_image("Mid-backup"))
    )
    assert manifest["named_files_missing"] == []
    assert manifest["named_files"] > 0
    restore_backup(path, replace=True)
    from wagtail.images import get_image_model

    stored = media_sums()
    for image in get_image_model().objects.all():
        assert image.file.name in stored, image.file.name
