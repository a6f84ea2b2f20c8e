"""Images go through the newsroom's upload checks, and only files inside --uploads are read."""

import pytest
from wagtail.images import get_image_model

from vistka.stories.models import ArticlePage
from vistka.wordpress.importer import run_import
from vistka.wordpress.mapping import Mapping
from vistka.wordpress.tests.wxr_builder import WXRBuilder


@pytest.mark.django_db
def test_a_file_the_upload_checks_refuse_is_reported_and_the_story_imported(tmp_path):
    uploads = tmp_path / "uploads"
    (uploads / "2024/03").mkdir(parents=True)
    (uploads / "2024/03/not-a-photo.jpg").write_bytes(b"<?php echo 'hello'; ?>")
    (tmp_path / "secret.jpg").write_bytes(b"outside the uploads folder")
    site = WXRBuilder()
    fake = site.attachment("2024/03/not-a-photo.jpg", title="Не фото")
    outside = site.attachment("../secret.jpg", title="Поза теками")
    site.post("Перша", content="<p>Текст.</p>", thumbnail=fake)
    site.post("Друга", content="<p>Текст.</p>", thumbnail=outside)
    report = run_import(
        [site.write(tmp_path / "site.xml")], uploads=uploads, mapping=Mapping(default_edition="uk")
    )
    assert ArticlePage.objects.count() == 2
    assert not ArticlePage.objects.exclude(lead_image=None).exists()
    assert get_image_model().objects.count() == 0
    assert report.count("skipped", "images (refused by the upload checks)") == 1
    assert report.count("skipped", "images (file missing in --uploads)") == 1  # ../ is never read
