"""The image form of the library, the multiple upload and the chooser's upload tab.

Adds the caption and the credit (in the edition's letters and in Latin letters), kept in
ImageDetails; relabels Wagtail's `description` as the alt text; gives a title from the caption
when the title is only the camera's file name; reduces large originals (vistka.imagery.upload).
"""

import os
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

from vistka.core.images import CheckedImageField
from vistka.core.images import ImageForm as CheckedImageForm
from vistka.imagery import upload
from vistka.imagery.models import ImageDetails, details_of

DETAIL_FIELDS = ("caption", "credit", "credit_latin")
TITLE_FROM_CAPTION_CHARS = 100
# Names cameras and phones give files: DSC_0042, IMG_20240512_101500, P1010001, _MG_1234, 0042.
CAMERA_FILE_NAME = re.compile(r"^(?:[A-Z_]{1,5}[-_]?\d[\d_-]*|\d[\d_-]*)$", re.IGNORECASE)


class ReducingImageField(CheckedImageField):
    """Accepts an original up to the newsroom's ceilings and reduces it to the stored limits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What may be sent (the multiple upload's script refuses larger files before sending).
        self.max_upload_size = upload.original_byte_ceiling()
        self.max_upload_size_text = filesizeformat(self.max_upload_size)
        # Shown by the multiple upload's script, which refuses a larger file before sending it.
        self.error_messages["file_too_large_unknown_size"] = upload.MESSAGES[
            "original_too_large_unknown_size"
        ] % {"max_filesize": self.max_upload_size_text, "example": upload.EXAMPLE_SIZE}
        self.help_text = _(
            "JPEG, PNG, WebP, GIF or AVIF up to %(max_filesize)s. Larger photos are reduced to "
            "%(megapixels)s megapixels on upload."
        ) % {
            "max_filesize": self.max_upload_size_text,
            "megapixels": upload.megapixels(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS, 0),
        }

    def to_python(self, data):
        if data in self.empty_values:
            return super().to_python(data)
        try:
            fitted = upload.fitted(data)
        except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as error:
            # The header read, the pixels did not: a truncated or corrupt file.
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error
        return super().to_python(fitted)


class ImageForm(CheckedImageForm):
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    credit = forms.CharField(
        label=_("Credit"),
        max_length=120,
        required=False,
        help_text=_("Photographer or agency, as printed under the photo."),
    )
    credit_latin = forms.CharField(
        label=_("Credit in Latin letters"),
        max_length=120,
        required=False,
        help_text=_(
            "The credit on the English edition, e.g. Oleh Petrenko / Vistka. Leave empty if it is the same."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = ReducingImageField(
                label=field.label, widget=field.widget, required=field.required
            )
        if "description" in self.fields:
            self.fields["description"].label = _("Alt text")
            self.fields["description"].help_text = _(
                "What the picture shows, for people who cannot see it. Used in every story that "
                "places the image, unless the story gives its own."
            )
        if "title" in self.fields:
            self.fields["title"].help_text = _(
                "For finding the image in the library. Left as the camera's file name, it is taken "
                "from the caption."
            )
        details = details_of(self.instance) if self.instance.pk else None
        if details is not None:
            for name in DETAIL_FIELDS:
                self.initial.setdefault(name, getattr(details, name))

    def clean(self):
        cleaned = super().clean()
        title, caption = cleaned.get("title") or "", (cleaned.get("caption") or "").strip()
        if caption and "title" in self.fields and self.is_file_name(title):
            cleaned["title"] = self.instance.title = caption_title(caption)
        return cleaned

    def is_file_name(self, title):
        """Whether the title is only what the upload script copied from the file's name."""
        stem = title.strip()
        if not stem:
            return True
        names = {getattr(self.instance.file, "name", "") or ""}
        uploaded = self.files.get(self.add_prefix("file")) if self.files else None
        if uploaded is not None:
            names.add(uploaded.name)
        stems = {os.path.splitext(os.path.basename(name))[0] for name in names if name}
        return stem in stems or bool(CAMERA_FILE_NAME.match(stem))

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit and any(name in self.fields for name in DETAIL_FIELDS):
            values = {name: self.cleaned_data.get(name, "") or "" for name in DETAIL_FIELDS}
            if any(values.values()) or details_of(image) is not None:
                ImageDetails.objects.update_or_create(image=image, defaults=values)
        return image


def caption_title(caption):
    """The caption, cut at a word boundary to fit a title."""
    if len(caption) <= TITLE_FROM_CAPTION_CHARS:
        return caption
    cut = caption[:TITLE_FROM_CAPTION_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—- ") + "…"
