"""Resolves the Wagtail Site from a process-wide memo instead of a query per request."""

from wagtail.models import Site

_sites = {}
SITE_FIELDS = ("pk", "hostname", "port", "site_name", "root_page_id", "is_default_site")


def forget_sites(**kwargs):
    _sites.clear()


class SiteMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = (request.get_host(), request.get_port())
        fields = _sites.get(key)
        if fields is None:
            site = Site._find_for_request(request)
            if site is not None:
                _sites[key] = {name: getattr(site, name) for name in SITE_FIELDS}
        else:
            # A fresh instance per request: its root page is loaded when needed, never stale.
            site = Site(**fields)
        request._wagtail_site = site
        return self.get_response(request)
