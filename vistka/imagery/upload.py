"""Large camera originals reduced on upload instead of refused.

A 61-megapixel original (9504 x 6336) is over WAGTAILIMAGES_MAX_IMAGE_PIXELS, and often over
WAGTAILIMAGES_MAX_UPLOAD_SIZE too. Those two settings stay the limits of what is *stored*; an
original up to IMAGE_MAX_ORIGINAL_PIXELS and IMAGE_MAX_ORIGINAL_BYTES is reduced to fit them
before Wagtail sees it. Past those ceilings (a decompression bomb declares hundreds of megapixels
in a few kilobytes) the upload is refused with a message that says what to do.

The dimensions come from the file's header (Pillow reads no pixel data to tell them). A JPEG is
decoded at a reduced scale (libjpeg's DCT scaling, Image.draft: half or a quarter of each side), so a
150-megapixel original never takes 450 MB of memory. Other formats cannot be decoded at a reduced
scale: a 600 KB PNG can declare 150 megapixels (600 MB decoded, 2 GB at the peak of a resize), so
over WAGTAILIMAGES_MAX_IMAGE_PIXELS they are refused, never decoded. Nothing is decoded either for
a format (read from the header, not the name) outside WAGTAILIMAGES_EXTENSIONS: Wagtail refuses it.
"""

import io
import math
import os
import threading
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from wagtail.images.utils import get_allowed_image_extensions

QUALITY = 85  # JPEG and WebP quality of a reduced image
ATTEMPTS = 4  # each further attempt halves the pixels, until the file fits the size limit
EXAMPLE_SIZE = "6000 × 4000"
ENCODE_OPTIONS = {"JPEG": {"quality": QUALITY}, "WEBP": {"quality": QUALITY}}
DCT_SCALES = (2, 4, 8)
SCALED_DECODE_FORMATS = ("JPEG", "MPO")  # the formats Pillow decodes at a reduced scale (Image.draft)
# Pillow's format name -> the extension Wagtail compares it with (its check_image_file_format).
FORMAT_EXTENSIONS = {
    "JPEG": "jpeg",
    "MPO": "jpeg",
    "PNG": "png",
    "GIF": "gif",
    "WEBP": "webp",
    "AVIF": "avif",
}
# One reduction at a time per process: each may hold a few hundred megabytes while it runs.
REDUCING = threading.Lock()

MESSAGES = {
    "original_too_many_pixels": _(
        "This image has %(megapixels)s megapixels; the largest original the newsroom accepts has "
        "%(limit)s megapixels. Export it from your photo editor at a smaller size (for example "
        "%(example)s pixels) and upload it again."
    ),
    "original_pixels_unknown": _(
        "This image declares more pixels than can be opened safely (over %(limit)s megapixels). "
        "Export it from your photo editor at a smaller size (for example %(example)s pixels) and "
        "upload it again."
    ),
    "original_too_large": _(
        "This file is %(file_size)s; the largest original the newsroom accepts is %(max_filesize)s. "
        "Export the photo as JPEG at a smaller size (for example %(example)s pixels) and upload it "
        "again."
    ),
    "original_too_large_unknown_size": _(
        "This file is too large: the newsroom accepts originals up to %(max_filesize)s. Export the "
        "photo as JPEG at a smaller size (for example %(example)s pixels) and upload it again."
    ),
    "animation_too_large": _(
        "This animation is too large (%(megapixels)s megapixels over all its frames, at most "
        "%(limit)s). Make it smaller or shorter and upload it again."
    ),
    "not_reducible": _(
        "This image could not be reduced below %(max_filesize)s. Export it at a smaller size (for "
        "example %(example)s pixels) and upload it again."
    ),
}


def original_pixel_ceiling():
    return settings.IMAGE_MAX_ORIGINAL_PIXELS


def original_byte_ceiling():
    return settings.IMAGE_MAX_ORIGINAL_BYTES


def megapixels(pixels, decimals=1):
    return number_format(round(pixels / 1_000_000, decimals), decimal_pos=decimals)


def refuse(code, **params):
    params.setdefault("example", EXAMPLE_SIZE)
    params.setdefault("limit", megapixels(original_pixel_ceiling(), 0))
    raise ValidationError(MESSAGES[code], code=code, params=params)


def read_bytes(data):
    if hasattr(data, "seek"):
        data.seek(0)
    content = data.read() if hasattr(data, "read") else data["content"]
    if hasattr(data, "seek"):
        data.seek(0)
    return content


def open_header(content):
    """The image with only its header read, or None when Pillow does not know the file (Wagtail
    then gives its own "not a valid image" error)."""
    with warnings.catch_warnings():
        # Pillow warns past 89 megapixels and refuses past twice that: the ceiling decides here.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(content))
        except Image.DecompressionBombError:
            refuse("original_pixels_unknown")
        except Exception:  # noqa: BLE001 - any unreadable file is Wagtail's to report
            return None


def fitted(upload):
    """The upload itself when it fits the stored limits, else a reduced copy of it.

    Raises ValidationError when it is over the original ceilings or cannot be reduced."""
    max_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    max_bytes = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    size = getattr(upload, "size", None)
    if size is not None and size > original_byte_ceiling():
        refuse(
            "original_too_large",
            file_size=filesizeformat(size),
            max_filesize=filesizeformat(original_byte_ceiling()),
        )
    content = read_bytes(upload)
    image = open_header(content)
    name = getattr(upload, "name", None) or "image"
    if image is None or not is_allowed_format(image, name):
        return upload  # Wagtail refuses it from the header, without decoding it
    width, height = image.size
    # A camera JPEG that carries its own preview opens as MPO with two frames: it is one photo.
    frames = 1 if image.format == "MPO" else getattr(image, "n_frames", 1)
    pixels = width * height * frames
    fits_pixels = max_pixels is None or pixels <= max_pixels
    fits_bytes = max_bytes is None or len(content) <= max_bytes
    if fits_pixels and fits_bytes:
        return upload
    if pixels > original_pixel_ceiling():
        refuse("original_too_many_pixels", megapixels=megapixels(pixels))
    if frames > 1:
        refuse("animation_too_large", megapixels=megapixels(pixels))
    if not fits_pixels and image.format not in SCALED_DECODE_FORMATS:
        refuse("original_too_many_pixels", megapixels=megapixels(pixels), limit=megapixels(max_pixels, 0))
    with REDUCING:
        reduced = reduce(image, max_pixels or pixels, max_bytes)
    mime = Image.MIME.get("JPEG" if image.format == "MPO" else image.format, "")
    return SimpleUploadedFile(os.path.basename(name), reduced, mime)


def is_allowed_format(image, name):
    """Whether the file's real format is one of WAGTAILIMAGES_EXTENSIONS and its name says so."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    extension = "jpeg" if extension == "jpg" else extension
    allowed = {"jpeg" if allowed == "jpg" else allowed for allowed in get_allowed_image_extensions()}
    return extension in allowed and FORMAT_EXTENSIONS.get(image.format) == extension


def reduce(image, max_pixels, max_bytes):
    """The image's bytes in its own format, at most `max_pixels` and (if it can) `max_bytes`."""
    image_format = "JPEG" if image.format == "MPO" else image.format  # the photo, not its preview
    width, height = image.size
    target = min(max_pixels, width * height)
    if image_format == "JPEG":
        # Decoded at 1/2, 1/4 or 1/8 of each side, the largest that fits: no resampling pass (a
        # 61-megapixel original takes 0.3 s instead of 3 s), at most a quarter of the pixels lost.
        scale = next((s for s in DCT_SCALES if (width // s) * (height // s) <= target), DCT_SCALES[-1])
        mode = image.mode if image.mode in ("RGB", "L", "CMYK") else "RGB"
        image.draft(mode, (math.ceil(width / scale), math.ceil(height / scale)))
    icc_profile = image.info.get("icc_profile")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        decoded = ImageOps.exif_transpose(image)  # orientation applied, its EXIF tag dropped
    exif = decoded.getexif()
    for _attempt in range(ATTEMPTS):
        resized = decoded
        if decoded.width * decoded.height > target:
            resized = decoded.resize(fit(decoded.size, target), Image.Resampling.BICUBIC, reducing_gap=3.0)
        options = dict(ENCODE_OPTIONS.get(image_format, {}))
        if icc_profile:
            options["icc_profile"] = icc_profile
        if exif and image_format in ("JPEG", "WEBP", "PNG"):
            options["exif"] = exif
        buffer = io.BytesIO()
        try:
            resized.save(buffer, image_format, **options)
        except KeyError as error:  # Pillow has no writer for this format
            raise ValueError(f"cannot save {image_format}") from error
        if max_bytes is None or buffer.tell() <= max_bytes:
            return buffer.getvalue()
        target //= 2
    refuse("not_reducible", max_filesize=filesizeformat(max_bytes))


def fit(size, max_pixels):
    """(width, height) scaled down to at most `max_pixels`, the aspect ratio kept."""
    width, height = size
    if width * height <= max_pixels:
        return width, height
    scale = math.sqrt(max_pixels / (width * height))
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))
