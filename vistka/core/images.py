"""The image upload form: any file Pillow cannot read becomes a form error, never a 500.

Wagtail only turns decompression bombs into form errors; a truncated or corrupt image
makes Pillow raise OSError and friends while Wagtail measures it (wagtail/wagtail#1354).
"""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class CheckedImageField(WagtailImageField):
    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except (OSError, ValueError, SyntaxError, EOFError) as error:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            # Built here, not on the class, so the upload limits are read per form.
            self.fields["file"] = CheckedImageField(
                label=field.label, widget=field.widget, required=field.required
            )
