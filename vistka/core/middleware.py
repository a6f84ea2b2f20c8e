"""Resolves the Wagtail Site from a process-wide memo instead of a query per request."""

from wagtail.models import Site

_sites = {}


def forget_sites(**kwargs):
    _sites.clear()


class SiteMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = (request.get_host(), request.get_port())
        site = _sites.get(key)
        if site is None:
            site = Site._find_for_request(request)
            if site is not None:
                _sites[key] = site
        request._wagtail_site = site
        return self.get_response(request)
