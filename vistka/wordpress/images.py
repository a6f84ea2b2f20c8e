"""Attachments → the newsroom's image library, from the uploads folder, through the upload form.

Each image goes through the same form as an upload in the newsroom (format and size checks, a
too-large camera original reduced, caption and credit kept with the image). A file missing from
the uploads folder, or one the form refuses, is reported and the story imported without it.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from vistka.imagery.forms import caption_title
from vistka.wordpress.text import plain_text_of

TITLE_MAX = 255


class ImageImporter:
    def __init__(self, uploads, survey, ledger, report):
        self.uploads = Path(uploads).resolve() if uploads else None
        self.survey = survey
        self.ledger = ledger
        self.report = report
        self.cache = {}
        self.model = get_image_model()
        self.form_class = get_image_form(self.model)
        self.collection = Collection.get_first_root_node()
        self.stored = []  # file names written to the media storage, removed if the run is rolled back

    def remove_stored_files(self):
        for name in self.stored:
            self.storage.delete(name)
        self.stored.clear()

    def by_id(self, attachment_id, where=""):
        """The Wagtail image of an attachment, or None (reported)."""
        if attachment_id in self.cache:  # ids only: an archive's images are not held in memory
            image_id = self.cache[attachment_id]
            return self.model.objects.filter(pk=image_id).first() if image_id else None
        image = self._image(attachment_id, where)
        self.cache[attachment_id] = image.pk if image is not None else None
        return image

    def by_url(self, url, where=""):
        attachment_id = self.survey.attachment_for_url(url)
        return self.by_id(attachment_id, where) if attachment_id is not None else None

    def resolver(self, where):
        def resolve(wp_attachment_id=None, url=None):
            if wp_attachment_id is not None:
                image = self.by_id(int(wp_attachment_id), where)
                if image is not None or not url:
                    return image
            return self.by_url(url, where) if url else None

        return resolve

    def _image(self, attachment_id, where):
        attachment = self.survey.attachments.get(attachment_id)
        if attachment is None:
            self.report.add("skipped", "images (not in the export)", f"attachment {attachment_id} {where}")
            return None
        existing = self.ledger.target("attachment", attachment_id, "", self.model)
        if existing is not None:
            return existing
        if self.uploads is None:
            self.report.add("skipped", "images (no --uploads folder given)", f"{attachment.file} {where}")
            return None
        path = self._path(attachment.file)
        if path is None:
            self.report.add(
                "skipped", "images (file missing in --uploads)", f"{attachment.file or attachment_id} {where}"
            )
            return None
        size = path.stat().st_size
        if size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
            # Checked before the file is read: an export may name any file in the uploads folder.
            self.report.add(
                "skipped", "images (file larger than an upload may be)", f"{attachment.file} {where}"
            )
            return None
        caption = plain_text_of(attachment.caption)[:300]
        title = plain_text_of(attachment.title) or (caption_title(caption) if caption else path.stem)
        form = self.form_class(
            data={
                "title": title[:TITLE_MAX],
                "description": plain_text_of(attachment.alt)[:255],
                "collection": self.collection.pk,
                "caption": caption,
                "credit": attachment.credit[:120],
                "credit_latin": "",
            },
            files={"file": SimpleUploadedFile(path.name, path.read_bytes())},
            instance=self.model(uploaded_by_user=None),
        )
        if not form.is_valid():
            problems = "; ".join(str(error) for errors in form.errors.values() for error in errors)
            self.report.add(
                "skipped", "images (refused by the upload checks)", f"{attachment.file}: {problems}"
            )
            return None
        image = form.save()
        self.storage = image.file.storage
        self.stored.append(image.file.name)
        self.ledger.record("attachment", attachment_id, "", image)
        self.report.add("created", "images", attachment.file)
        return image

    def _path(self, relative):
        if not self.uploads or not relative:
            return None
        path = (self.uploads / relative).resolve()
        if not path.is_relative_to(self.uploads) or not path.is_file():
            return None  # outside the uploads folder (../) is never read
        return path
