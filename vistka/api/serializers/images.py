"""Images as rendition addresses and sizes."""

import logging

from vistka.api import links

logger = logging.getLogger(__name__)

# At most 1200 pixels wide; Wagtail never enlarges a smaller original.
RENDITION = "width-1200"


def rendition(image):
    """{url, width, height} of the image's rendition, or None when there is no usable image."""
    if image is None:
        return None
    try:
        found = image.get_rendition(RENDITION)
    except OSError:  # the original file is missing or unreadable (SourceImageIOError, PIL errors)
        logger.warning("No rendition for image %s", image.pk, exc_info=True)
        return None
    return {"url": links.absolute(found.url), "width": found.width, "height": found.height}
