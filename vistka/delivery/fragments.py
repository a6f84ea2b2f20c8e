"""The latest-news column as a fragment of its own.

Pages carry a slot instead of the column. The template tag prints a marker holding a random token
of that render and notes it on the request; the delivery middleware then turns exactly those
markers (never text of the page that looks like one: a tag's name, a headline, a feed item) into
an ESI include for Varnish, into the fragment itself, or names them to the fast path, which keeps
the page and the fragment apart and joins them when either changes. A new story then refreshes one
fragment, not every cached page. A page with a slot is also cleared of markup an ESI processor
would act on (stored in a body, an embed...): behind Varnish the only ESI in it is the include
its template asked for.
"""

import re
import secrets
import time

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_safe

from vistka.core.proxies import is_trusted_proxy
from vistka.delivery import keys
from vistka.editions.languages import EDITIONS_BY_CODE

FRAGMENT_KEYS = {"latest": ("latest-{edition}", "edition-{edition}")}  # what each fragment's response names
# From Django to the fast path only (it removes it): "<token>=<name>:<edition>" for each slot.
SLOTS_HEADER = "X-Vistka-Slots"
# What Varnish's ESI parser acts on (it matches bytes exactly): <esi:…>, </esi:…>, <!--esi, and
# <![CDATA[ (it skips to "]]>", so one could hide the real include).
_ESI_MARKUP = re.compile(rb"<(?=/?esi:|!\[CDATA\[)|<!--(?=esi)")


def fragment_keys(name, edition):
    return {key.format(edition=edition) for key in FRAGMENT_KEYS[name]}


def fragment_path(name, edition):
    return f"/_fragments/{name}/{edition}/"


def marker(token):
    return f"<!--vistka:slot:{token}-->".encode()


def slot(request, name, edition):
    """What a page prints where the fragment goes: a marker only this render knows, noted on the
    request (the middleware replaces it). Without a request nothing would replace it: nothing."""
    if request is None or name not in FRAGMENT_KEYS or edition not in EDITIONS_BY_CODE:
        return ""
    token = secrets.token_hex(12)
    slots = getattr(request, "_fragment_slots", None)
    if slots is None:
        slots = request._fragment_slots = {}
    slots[token] = (name, edition)
    return marker(token).decode()


def uses_esi(request):
    return "ESI/1.0" in request.META.get("HTTP_SURROGATE_CAPABILITY", "") and is_trusted_proxy(
        request.META.get("REMOTE_ADDR")
    )


def esi_include(name, edition):
    return f'<esi:include src="{fragment_path(name, edition)}"/>'.encode()


def defuse_esi(body):
    """`body` with every piece of ESI markup made inert text (`<` as `&lt;`, `<!--esi` as
    `<!-- esi`): only the includes added after this are Varnish's to act on."""
    if b"esi" not in body and b"[CDATA[" not in body:
        return body
    return _ESI_MARKUP.sub(lambda m: b"&lt;" if m.group() == b"<" else b"<!-- ", body)


def segments(body, slots):
    """`body` split at the markers of `slots` ({token: (name, edition)}): [bytes, (name, edition),
    bytes, …], so a page is joined with its fragments without searching it again."""
    found = []
    for token, where in slots.items():
        mark = marker(token)
        start = body.find(mark)
        if start >= 0:
            found.append((start, len(mark), where))
    found.sort()
    parts, at = [], 0
    for start, length, where in found:
        parts += [body[at:start], where]
        at = start + length
    parts.append(body[at:])
    return parts


def splice(body, slots, render_fragment):
    """`body` with each slot's marker replaced by the bytes `render_fragment(name, edition)` gives."""
    parts = segments(body, slots)
    return b"".join(part if isinstance(part, bytes) else render_fragment(*part) for part in parts)


def slots_header(slots):
    return " ".join(f"{token}={name}:{edition}" for token, (name, edition) in slots.items())


def parse_slots_header(value):
    slots = {}
    for item in (value or "").split():
        token, _, where = item.partition("=")
        name, _, edition = where.partition(":")
        if token and name in FRAGMENT_KEYS and edition in EDITIONS_BY_CODE:
            slots[token] = (name, edition)
    return slots


def fill_slots(request, response, slots):
    """Put the fragments where the page's template rendered slots: an ESI include for Varnish, the
    slot markers named for the fast path (SLOTS_HEADER), or else the fragment itself."""
    body = defuse_esi(response.content)
    if uses_esi(request):
        body = splice(body, slots, esi_include)
        # Varnish keeps assembled copies of pages; they are purged with the fragments they show.
        found = set()
        for name, edition in slots.values():
            found |= fragment_keys(name, edition)
        response["Surrogate-Control"] = 'content="ESI/1.0"'
        response["X-Vistka-Fragment-Keys"] = " ".join(sorted(found))
    elif request.META.get("vistka.fastpath"):
        response[SLOTS_HEADER] = slots_header(slots)
    else:
        body = splice(body, slots, lambda name, edition: cached(request, name, edition))
    response.content = body
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(body))


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


def cached(request, name, edition):
    """The fragment's bytes for splicing into a page Django rendered: rendered once, then kept in
    the fast path's store (purged with its keys, across processes through the purge log) until
    its s-maxage runs out (then kept stale, for errors, up to STALE_IF_ERROR). The page is keyed by
    the fragment's keys, as it shows it."""
    from vistka.delivery import fastpath  # it imports this module

    found_keys = fragment_keys(name, edition)
    keys.add(request, *found_keys)
    store = fastpath.STORE
    store.poll()
    url = f"spliced:{request.get_host()}{fragment_path(name, edition)}"

    def fill():
        body = latest(request, edition).content
        expires = time.monotonic() + settings.CACHE_TTL
        stale_for = settings.STALE_IF_ERROR
        entry = fastpath.Entry("200 OK", [], body, found_keys, expires, False, stale_for=stale_for)
        return entry, None

    # Stale on error as pages are: a column kept past a purge or its TTL stands in while it fails.
    entry, _state, _passthrough = store.obtain(url, fill)
    return entry.body
