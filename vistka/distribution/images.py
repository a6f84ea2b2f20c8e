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


def every_rendition(image, *specs):
    """`renditions()` for a page that uses exactly these renditions of the image: they are then kept
    on the image as prefetched, so the page's image tags find them without another lookup.

    Read from the renditions cache directly when all are there: Wagtail's get_renditions writes
    renditions it found in the cache back to it on every call (it marks only prefetched ones as
    cached), two pickled writes per story page.
    """
    if image is None:
        return {}
    filters = [_filter(spec) for spec in specs]
    rendition_model = image.get_rendition_model()
    keys = {rendition_model.construct_cache_key(image, f.get_cache_key(image), f.spec): f for f in filters}
    cached = rendition_model.cache_backend.get_many(list(keys))
    if len(cached) == len(keys):
        found = {}
        for key, rendition in cached.items():
            rendition.image = image
            rendition._from_cache = True
            found[keys[key].spec] = rendition
    else:
        found = image.get_renditions(*filters)
    image.prefetched_renditions = list(found.values())
    return found
