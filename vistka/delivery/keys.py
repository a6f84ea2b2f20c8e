"""Cache keys: every public response names what it shows, so a change purges exactly the
responses that show it (Varnish `xkey`, and the app's own fast-path cache).

  st-<n>        a story (all its editions) and every list that shows it
  home-<ed>     an edition's home page          all-<ed>     its all-news list and feeds
  kind-<ed>-<r> a kind list (news, articles...) day-<ed>-<yyyymmdd>  a date archive
  sec-<id> tag-<id> au-<id>   a section / tag / author list (and its feeds)
  rec-sec-<id> rec-tag-<id> rec-au-<id> rec-src-<id>   pages that print that record's name
  latest-<ed>   the latest-news column fragment  edition-<ed>  everything in an edition
  sitemap, api-<ed>

A story shown inside another response (linked from a body, chosen as "read also", listed as
related) names itself there through ``shown()`` while the response is rendered, so changing,
unpublishing or publishing that story purges the pages that link to it.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_rendering = ContextVar("vistka_cache_keys_request", default=None)


def add(request, *keys):
    """Record keys on the request; the delivery middleware turns them into headers."""
    if request is None:
        return
    found = getattr(request, "_cache_keys", None)
    if found is None:
        found = request._cache_keys = set()
    found.update(key for key in keys if key)


def of(request):
    return getattr(request, "_cache_keys", set())


@contextmanager
def rendering(request):
    """While the block runs, ``shown()`` records on this request (the delivery middleware wraps
    every response in it: code deep in rendering, a rich-text link handler say, has no request)."""
    token = _rendering.set(request)
    try:
        yield
    finally:
        _rendering.reset(token)


def shown(stories):
    """The response being rendered shows these stories (or links to them): name them on it."""
    request = _rendering.get()
    if request is not None:
        add(request, *(story(s.story_number) for s in stories if getattr(s, "story_number", None)))


def story(number):
    return f"st-{number}"


def listed(stories):
    return [story(s.story_number) for s in stories]


def day(edition, moment):
    return f"day-{edition}-{timezone.localtime(moment):%Y%m%d}"


def story_purge_set(page, edition, previous=None):
    """Everything a change to this story (publish, edit, unpublish, delete) affects."""
    keys = {
        story(page.story_number),
        f"home-{edition}",
        f"all-{edition}",
        f"latest-{edition}",
        "sitemap",
        f"api-{edition}",
    }
    for version in (page, previous):
        if version is None:
            continue
        if version.first_published_at:
            keys.add(day(edition, version.first_published_at))
        keys.add(f"kind-{edition}-{version.url_root or 'news'}")
        if version.section_id:
            keys.add(f"sec-{version.section_id}")
        keys.update(f"tag-{link.tag_id}" for link in version.story_tags.all())
        keys.update(f"au-{link.author_id}" for link in version.story_authors.all())
    return keys
