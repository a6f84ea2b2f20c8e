"""The latest-news column as a fragment of its own.

Pages carry a slot instead of the column: behind Varnish an ESI include, otherwise a marker
that the app splices (the fast path keeps the page and the fragment apart and joins them when
either changes). A new story then refreshes one fragment, not every cached page.
"""

import re
import time

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_safe

from vistka.delivery import keys
from vistka.editions.languages import EDITIONS_BY_CODE

FRAGMENT_KEYS = {"latest": ("latest-{edition}", "edition-{edition}")}  # what each fragment's response names
MARKER = re.compile(rb"<!--vistka:fragment:(latest):(uk|ru|en)-->")


def fragment_keys(name, edition):
    return {key.format(edition=edition) for key in FRAGMENT_KEYS[name]}


def fragment_path(name, edition):
    return f"/_fragments/{name}/{edition}/"


def slot(request, name, edition):
    """What a page prints where the fragment goes."""
    if request is not None and "ESI/1.0" in request.META.get("HTTP_SURROGATE_CAPABILITY", ""):
        request._uses_esi = True
        # Varnish keeps assembled copies of pages; they are purged with the fragments they show.
        request._esi_keys = getattr(request, "_esi_keys", set()) | fragment_keys(name, edition)
        return f'<esi:include src="{fragment_path(name, edition)}"/>'
    if request is not None:
        request._has_fragment_markers = True
    return f"<!--vistka:fragment:{name}:{edition}-->"


@require_safe
def latest(request, edition):
    if edition not in EDITIONS_BY_CODE:
        from django.http import Http404

        raise Http404
    from vistka.reader import queries

    with translation.override(edition):
        locale_id = queries.current_locale_id()
        stories = queries.latest(locale_id)
        keys.add(request, *fragment_keys("latest", edition))
        response = TemplateResponse(
            request, "reader/latest_column.html", {"latest": stories, "edition": EDITIONS_BY_CODE[edition]}
        )
        response.render()
    return response


def splice(body, render_fragment):
    """Replace every marker in `body` with the fragment bytes `render_fragment(name, edition)` gives."""
    return MARKER.sub(lambda m: render_fragment(m.group(1).decode(), m.group(2).decode()), body)


def cached(request, name, edition):
    """The fragment's bytes for splicing into a page Django rendered: rendered once, then kept in
    the fast path's store (purged with its keys, across processes through the purge log) until
    its s-maxage runs out. The page is keyed by the fragment's keys, as it shows it."""
    from vistka.delivery import fastpath  # it imports this module

    found_keys = fragment_keys(name, edition)
    keys.add(request, *found_keys)
    store = fastpath.STORE
    store.poll()
    url = f"spliced:{request.get_host()}{fragment_path(name, edition)}"
    entry = store.get(url)
    if entry is None:
        with store.fill_lock(url):
            entry = store.get(url)
            if entry is None:
                body = latest(request, edition).content
                expires = time.monotonic() + settings.CACHE_TTL
                entry = fastpath.Entry("200 OK", [], body, found_keys, expires, False)
                store.put(url, entry)
    return entry.body
