"""The client's address, taken from X-Forwarded-For only as far as proxies we trust wrote it.

Any client can send an X-Forwarded-For header; only the entries appended by our own proxies
(Varnish, the CDN: TRUSTED_PROXIES, addresses or networks) are believed. The list is walked from
the right: the first address that is not a trusted proxy is the client.
"""

import contextvars
import ipaddress
from functools import lru_cache

from django.conf import settings

current_request = contextvars.ContextVar("current_request", default=None)


@lru_cache(maxsize=1)
def trusted_networks(proxies):
    return tuple(ipaddress.ip_network(item, strict=False) for item in proxies)


def parse_address(text):
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:51234"
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def resolve(remote_addr, forwarded_for, proxies):
    """The client address for this REMOTE_ADDR and X-Forwarded-For, given the trusted proxies."""
    networks = trusted_networks(proxies)
    peer = parse_address(remote_addr or "")
    if peer is None:
        return None

    def trusted(address):
        if address.version == 6 and address.ipv4_mapped:
            address = address.ipv4_mapped
        return any(address in network for network in networks)

    if not forwarded_for or not trusted(peer):
        return str(peer)
    client = peer
    for hop in reversed(forwarded_for.split(",")):
        address = parse_address(hop)
        if address is None:  # garbage: believe nothing left of it, the last trusted hop is the client
            break
        client = address
        if not trusted(address):
            break
    return str(client)


def client_ip(request):
    """request.client_ip when the middleware ran, else resolved now (also AXES_CLIENT_IP_CALLABLE)."""
    address = getattr(request, "client_ip", None)
    if address:
        return address
    return resolve(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        tuple(settings.TRUSTED_PROXIES),
    )


class ClientAddressMiddleware:
    """Sets request.client_ip (first in MIDDLEWARE) and makes the request reachable from code that
    is not handed it, e.g. a post_save receiver noting who changed a password from where."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.client_ip = resolve(
            request.META.get("REMOTE_ADDR", ""),
            request.META.get("HTTP_X_FORWARDED_FOR", ""),
            tuple(settings.TRUSTED_PROXIES),
        )
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
