"""The old site's addresses → permanent redirects to where the content lives now.

A redirect points at a page (a story, or an edition home with a route such as
``/sections/news/``), so it follows the page if its address changes. Each redirect the import
writes is remembered with what it pointed at (ImportedRedirect): a re-run updates its own
redirects, never duplicates them, and leaves alone one changed or deleted by hand, and any
redirect someone made for the same address before the import.
"""

import hashlib
from urllib.parse import urlsplit

from wagtail.contrib.redirects.models import Redirect

from vistka.editions.languages import EDITIONS
from vistka.wordpress.models import ImportedRedirect

MAX_PATH = 255
EDITION_ROOTS = {"/"} | {Redirect.normalise_path(edition.prefix) for edition in EDITIONS}


def old_path(link):
    """The path (and query) of an old address, as Wagtail's redirects store it."""
    if not link:
        return ""
    parts = urlsplit(link.strip())
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Redirect.normalise_path(path)


def _digest(text):
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def _target(redirect):
    if redirect.redirect_page_id:
        return f"page:{redirect.redirect_page_id}{redirect.redirect_page_route_path}"
    return f"link:{redirect.redirect_link}"


class RedirectWriter:
    def __init__(self, site, report):
        self.site = site
        self.report = report
        # What this run pointed where, to tell two posts claiming one address apart (digests, so
        # a large archive's addresses take little memory; ?p=ID addresses cannot collide).
        self.written = {}

    def point(self, link, page, route="", *, what="addresses", by_id=False):
        path = old_path(link)
        if not path or path in EDITION_ROOTS:
            return  # a translated front page's link: the edition root is Vistka's own home
        if len(path) > MAX_PATH:
            self.report.add("skipped", f"redirects (address longer than {MAX_PATH})", path[:120] + "…")
            return
        target = f"page:{page.pk}{route}"
        if not by_id:
            key, value = _digest(path), _digest(target)
            if key in self.written:
                if self.written[key] != value:
                    self.report.add("skipped", "redirects (address already taken in this import)", path)
                return
            self.written[key] = value
        what = f"redirects: {what}"
        mine = (
            ImportedRedirect.objects.filter(site=self.site, old_path=path).select_related("redirect").first()
        )
        if mine is not None:
            redirect = mine.redirect
            if redirect is None:
                self.report.add("skipped", "redirects (deleted by hand, not made again)", path)
            elif _target(redirect) != mine.target or redirect.old_path != path:
                self.report.add("skipped", "redirects (changed by hand, kept)", path)
            elif mine.target == target:
                self.report.add("unchanged", what)
            else:
                redirect.redirect_page = page
                redirect.redirect_page_route_path = route
                redirect.redirect_link = ""
                redirect.is_permanent = True
                redirect.save()
                mine.target = target
                mine.save(update_fields=["target"])
                self.report.add("updated", what, path)
            return
        if Redirect.objects.filter(old_path=path, site=None).exists():
            self.report.add("skipped", "redirects (the address already has one, kept)", path)
            return
        redirect = Redirect.objects.create(
            old_path=path, site=None, is_permanent=True, redirect_page=page, redirect_page_route_path=route
        )
        ImportedRedirect.objects.create(site=self.site, old_path=path, redirect=redirect, target=target)
        self.report.add("created", what, path)
