"""Old addresses (Wagtail's redirects, the WordPress importer's among them) answered before a page
is routed or rendered, cached like pages and purged when they change.

Wagtail's own RedirectMiddleware looks a redirect up only once the page router has answered 404,
i.e. after a rendered 404 page. This middleware (in its place, just after the site is known) looks
the normalised path up with one indexed query (`old_path IN (...)` for this site or every site,
the target page and, for a story, the story's own fields joined in) and answers at once:

- Addresses that are not the site's own page routes (OWN_ROUTES: stories, lists, feeds...; every
  old WordPress address is one of these others): looked up before routing; a redirect wins.
- The site's own page routes: as Wagtail does, only when the page answers 404 (a page at its
  address wins, and rendering it costs no extra query).

A permanent redirect answers 301 marked public for as long as a page (CACHE_TTL), so the fast
path and Varnish keep it (a temporary one, 302, is kept by neither). It names the keys:
- `rd-<digest>` of each path looked up: purged hard when a redirect from that path is saved or
  deleted (the admin, the importer), so a changed target is seen at once;
- its target's: `st-<number>` for a story (purged hard when it is unpublished or deleted),
  `rd-to-<page id>` for any other page (purged when it is published or unpublished);
- `edition-<code>` of its path's edition: a bulk load under vistka.delivery.purge.suspended()
  (which skips per-row purges) purges it at the end.
A redirect whose target page is not live is ignored: the old address answers as if it had none
(404; a WordPress address, the 302 to the root below), never a 301 to a page that answers 404.
That 404 names the same keys, so republishing the target brings the redirect back.

WordPress query parameters (`/?p=123`, `/ru/?cat=3`...) reach Django on an edition's root only
(the edition root's route in query_params.json, shared with Varnish's VCL). An edition's root with
one of them and no redirect for it answers a 302 to the root without them, marked private: one
indexed query and no render, nothing kept by the fast path, and at Varnish only its short
hit-for-miss marker, which lives in Transient storage and evicts no page. So a flood of
`/?p=<random>` neither renders the home page per request nor pushes hot pages out. Temporary,
not permanent: the address may gain a redirect later (another import run, an editor).

Who edits them (Wagtail's admin, /admin/redirects/, in the admin's language): Admins only (they
hold every permission; vistka.newsroom.setup). Redirects are the whole site's, not an edition's:
one may take any edition's old address and send readers to any URL, so the edition roles get no
redirect permission.
"""

import hashlib
import re
from functools import cache

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import Resolver404
from django.utils.encoding import escape_uri_path, uri_to_iri
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from vistka.delivery import keys, query_params
from vistka.delivery.middleware import cache_control
from vistka.delivery.purge import is_suspended, purge
from vistka.editions.languages import EDITIONS

# Paths never looked up: the newsroom, files, the API, the app's own endpoints (/_health/...).
SKIPPED_PREFIXES = (
    "/admin/",
    "/newsroom/",
    "/documents/",
    "/static/",
    "/media/",
    "/django-admin/",
    "/api/",
    "/_",
)
# The site's own page routes ({edition}: the optional edition prefix): a page there wins over a
# redirect, which is looked up only when the page answers 404.
OWN_ROUTES = (
    r"^{edition}/$",
    r"^{edition}/(news|articles|columns|live)/\d{4}/\d{1,2}/\d{1,2}/\d{1,12}/$",
    r"^{edition}/((news|articles|columns|live)/)?((rss|atom|json)/)?$",
    r"^{edition}/(all|search)/$",
    r"^{edition}/(sections|tags|authors)/[-\w]+/((rss|atom|json)/)?$",
    r"^{edition}/archive/\d{4}/\d{1,2}/\d{1,2}/$",
    r"^/(robots\.txt|sitemap\.xml|sitemaps/)",
)
# The WordPress query parameters; the rest of the route's parameters (`before`) are the page's own.
WORDPRESS_PARAMS = query_params.OLD_ADDRESS_PARAMS
MAX_OLD_PATH = Redirect._meta.get_field("old_path").max_length


@cache
def _own_routes():
    prefix = query_params.edition_prefix_pattern()
    return re.compile("|".join(f"(?:{pattern.replace('{edition}', prefix)})" for pattern in OWN_ROUTES))


def is_own_route(path):
    return _own_routes().search(path) is not None


def path_key(old_path):
    """The cache key of the responses at an old path (normalised as Redirect.old_path is)."""
    return "rd-" + hashlib.blake2b(old_path.encode(), digest_size=8).hexdigest()


def page_key(page_id):
    return f"rd-to-{page_id}"


def edition_key(path):
    """`edition-<code>` of the edition whose prefix the path has (a bulk load's final purge)."""
    default = next(edition.code for edition in EDITIONS if edition.prefix == "/")
    code = next((e.code for e in EDITIONS if e.prefix != "/" and path.startswith(e.prefix)), default)
    return f"edition-{code}"


def _wordpress_only(query):
    return "&".join(part for part in query.split("&") if part.partition("=")[0] in WORDPRESS_PARAMS)


def _without_wordpress(query):
    return "&".join(
        part for part in query.split("&") if part and part.partition("=")[0] not in WORDPRESS_PARAMS
    )


def candidate_paths(path, query_string):
    """The normalised paths a request may be redirected from, most specific first: with the query
    the route reads, then with its WordPress parameters alone, then (unless the request carries
    WordPress parameters, which are the address) without a query; each as Wagtail stores it
    (Redirect.normalise_path: reserved characters such as `%20`, `%3F`, `%2F` left encoded) and
    decoded. `path` is Django's decoded request.path: it is encoded again before normalising, as
    Wagtail's own middleware works on the encoded full path (decoding it twice made
    `/%25D0%25BC/` match `/м/`). Leading slashes are collapsed (`//category/x/` would otherwise
    be read as the host `category`)."""
    if "\0" in path:
        return []
    path = "/" + escape_uri_path(path).lstrip("/")
    query = query_params.normalise(path, query_string)
    wordpress = _wordpress_only(query)
    found = []
    for kept in (query, wordpress) if wordpress else (query, ""):
        encoded = Redirect.normalise_path(f"{path}?{kept}" if kept else path, decode_unicode=False)
        for candidate in (uri_to_iri(encoded), encoded):
            if candidate not in found and len(candidate) <= MAX_OLD_PATH:
                found.append(candidate)
    return found


def find(site, candidates):
    """The redirect for the first candidate that has one (this site's before every site's)."""
    if not candidates:
        return None
    sites = (
        Q(site__isnull=True) if site is None or site.pk is None else Q(site_id=site.pk) | Q(site__isnull=True)
    )
    found = list(
        Redirect.objects.filter(sites, old_path__in=candidates).select_related("redirect_page__articlepage")[
            :16
        ]
    )
    if not found:
        return None
    return min(found, key=lambda r: (candidates.index(r.old_path), r.site_id is None, r.pk))


def _story(page):
    try:
        return page.articlepage
    except ObjectDoesNotExist:
        return None


def _restricted(page):
    """A page under a view restriction (password, login, groups) answers readers 404 on this site:
    its old addresses answer as if they had none, never a public 301 naming its address. Its `st-`
    key is purged hard when a restriction changes."""
    steps = range(page.steplen, len(page.path) + 1, page.steplen)
    return PageViewRestriction.objects.filter(page__path__in=[page.path[:end] for end in steps]).exists()


def target(redirect, request):
    """(address or None, keys): where the redirect sends the reader now. None when its page is
    not live (the old address then answers as if there were no redirect)."""
    page = redirect.redirect_page
    if page is None:
        return (redirect.redirect_link or None), set()
    story = _story(page)
    found = {keys.story(story.story_number)} if story is not None else {page_key(page.pk)}
    if not page.live or _restricted(page):
        return None, found
    specific = story if story is not None else page.specific_deferred
    url = specific.get_url(request)
    if url is None:
        return None, found
    route = redirect.redirect_page_route_path
    if route:
        try:
            specific.resolve_subpage(route)
        except (AttributeError, Resolver404):
            return url, found
        url = url.rstrip("/") + route
    return url, found


def _answer(redirect, link):
    response = (HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect)(link)
    if redirect.is_permanent:
        # Purged when the redirect or its target changes, so kept as long as a page.
        response["Cache-Control"] = cache_control(200)
    return response


def _without_wordpress_params(request):
    query = _without_wordpress(query_params.normalise(request.path, request.META.get("QUERY_STRING", "")))
    return f"{request.path}?{query}" if query else request.path


def _has_wordpress_params(request):
    read = query_params.route_of(request.path)[1] & WORDPRESS_PARAMS
    return bool(read) and any(request.GET.get(name) for name in read)


class RedirectMiddleware:
    """Answers old addresses before routing (see the module's docstring); replaces Wagtail's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if request.method not in ("GET", "HEAD") or path.startswith(SKIPPED_PREFIXES):
            return self.get_response(request)
        wordpress = _has_wordpress_params(request)
        if is_own_route(path) and not wordpress:
            response = self.get_response(request)
            if response.status_code == 404:
                return self._redirected(request) or response
            return response
        answer = self._redirected(request)
        if answer is not None:
            return answer
        if wordpress:
            # Not a known old address: the root without them, never a new render (see above).
            return HttpResponseRedirect(_without_wordpress_params(request))
        return self.get_response(request)

    def _redirected(self, request):
        """The redirect's answer, or None; either way the keys that would change it are named."""
        candidates = candidate_paths(request.path, request.META.get("QUERY_STRING", ""))
        keys.add(request, *(path_key(candidate) for candidate in candidates))
        redirect = find(getattr(request, "_wagtail_site", None), candidates)
        if redirect is None:
            return None
        link, found = target(redirect, request)
        keys.add(request, edition_key(request.path), *found)
        if link is None:
            return None
        return _answer(redirect, link)


# --- purges --------------------------------------------------------------------------------


# More old paths than this changed in one transaction (an import) purge every edition instead of
# naming each path: the transaction's purge event stays small (it is rewritten at each purge).
PATHS_NAMED = 200


def purge_paths(keys_of_paths):
    """Purge these `rd-` keys. Hard while they are all their transaction purges (a redirect saved
    in the admin: Varnish's grace must not serve the old answer while the new one is fetched).
    Soft once the transaction purges anything else (an import publishing stories): a transaction
    is one purge event, hard if any purge in it is, and a hard event drops every one of its pages'
    stale copies, which stale-if-error needs while the database fails. Past PATHS_NAMED in one
    transaction, every edition instead of those named so far (soft; each redirect answer and
    each 404 names its edition's key). Bulk loads run under purge.suspended() and purge every
    edition once at the end."""
    connection = transaction.get_connection()
    pending = getattr(connection, "vistka_pending_purge", None)
    if connection.in_atomic_block and pending is not None and pending.waiting(connection):
        everything = {f"edition-{edition.code}" for edition in EDITIONS}
        if everything <= pending.keys:
            return
        named = {key for key in pending.keys if key.startswith("rd-")}
        if len(named) + len(keys_of_paths) > PATHS_NAMED:
            pending.replace(named, everything)
            return
        purge(keys_of_paths, hard=all(key.startswith("rd-") for key in pending.keys))
        return
    purge(keys_of_paths, hard=True)


def purge_old_paths(old_paths):
    """Drop whatever the caches keep for these old paths (for code that writes Redirect rows
    without signals, in bulk)."""
    purge_paths({path_key(Redirect.normalise_path(path)) for path in old_paths})


@receiver(pre_save, sender=Redirect)
def remember_old_path(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk or is_suspended():
        return
    instance._purge_before = (
        Redirect.objects.filter(pk=instance.pk).values_list("old_path", flat=True).first()
    )


@receiver(post_save, sender=Redirect)
@receiver(post_delete, sender=Redirect)
def purge_redirect(sender, instance, raw=False, **kwargs):
    """Hard: the old answer must not be served while the new one is fetched (Varnish's grace)."""
    if raw:
        return
    found = {path_key(instance.old_path)}
    before = getattr(instance, "_purge_before", None)
    if before:
        found.add(path_key(before))
    instance._purge_before = None
    purge_paths(found)


@receiver(page_published)
@receiver(page_unpublished)
def purge_redirects_to_page(sender, instance, **kwargs):
    """A page other than a story (whose `st-` key its own purges name) that redirects point at."""
    if is_suspended() or hasattr(instance, "story_number"):
        return
    if Redirect.objects.filter(redirect_page_id=instance.pk).exists():
        purge({page_key(instance.pk)}, hard=True)
