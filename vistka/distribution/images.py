"""Renditions that machines ask for: feed enclosures, social cards, structured data."""

FEED_IMAGE = "width-1200|format-jpeg"
SOCIAL_CARD = "fill-1200x630|format-jpeg"
# The article's lead image srcset (kept in step with stories/article_page.html).
LEAD_SRCSET = ("width-480|format-webp", "width-800|format-webp", "width-1200|format-webp")
STRUCTURED = ("fill-1200x675|format-jpeg", "fill-1200x900|format-jpeg", "fill-1200x1200|format-jpeg")


_FILTERS = {}


def _filter(spec):
    """One parsed Filter per spec for the process: Wagtail parses a spec string again on every
    call, which cost more than the cache lookup it is for."""
    found = _FILTERS.get(spec)
    if found is None:
        from wagtail.images.models import Filter

        found = _FILTERS[spec] = Filter(spec=spec)
    return found


def renditions(image, *specs):
    """All renditions of one image in a single lookup, keyed by spec."""
    if image is None:
        return {}
    return image.get_renditions(*(_filter(spec) for spec in specs))
