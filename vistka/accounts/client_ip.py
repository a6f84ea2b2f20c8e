"""The client's address, taken from X-Forwarded-For only as far as proxies we trust wrote it.

Any client can send an X-Forwarded-For header; only the entries appended by our own proxies
(Varnish, the CDN: TRUSTED_PROXIES, addresses or networks) are believed. The list is walked from
the right: the first address that is not a trusted proxy is the client.

A hop that is not an address ("unknown", empty as in "1.2.3.4,", garbage) ends the walk: nothing
left of it is believed, and the client is the last valid address seen before it, i.e. the peer of
the proxy that wrote the nonsense (the untrusted side's choice: a malformed header never makes a
client take an address it names). IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) are reported as
IPv4, so one client is one address whichever socket family it came in on.

Nothing here is cached by the raw header (up to 8 KiB of attacker-chosen text per request): only
single hops (short strings) are parsed through a small cache, and at most MAX_HOPS hops are read.
"""

import contextvars
import ipaddress
from functools import lru_cache

from django.conf import settings

current_request = contextvars.ContextVar("current_request", default=None)


@lru_cache(maxsize=1)
def trusted_networks(proxies):
    return tuple(ipaddress.ip_network(item, strict=False) for item in proxies)


MAX_HOPS = 32  # hops read from the right of X-Forwarded-For; a longer chain of our proxies is unreal
MAX_HOP_LENGTH = 64  # "[ipv6]:port" fits; anything longer is not an address


def normalised(address):
    """An IPv4-mapped IPv6 address as the IPv4 address it carries."""
    if address is not None and address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@lru_cache(maxsize=4096)
def parse_address(text):
    text = text.strip()
    if len(text) > MAX_HOP_LENGTH:
        return None
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:51234"
        text = text.split(":", 1)[0]
    try:
        return normalised(ipaddress.ip_address(text))
    except ValueError:
        return None


def resolve(remote_addr, forwarded_for, proxies):
    """The client address for this REMOTE_ADDR and X-Forwarded-For, given the trusted proxies."""
    networks = trusted_networks(proxies)
    peer = parse_address(remote_addr or "")
    if peer is None:
        return None

    def trusted(address):
        return any(address in network for network in networks)

    if not forwarded_for or not trusted(peer):
        return str(peer)
    client = peer
    for hop in reversed(forwarded_for.rsplit(",", MAX_HOPS)[-MAX_HOPS:]):
        hop = hop.strip()
        address = parse_address(hop) if len(hop) <= MAX_HOP_LENGTH else None
        if address is None:  # malformed: the end of the chain; the last valid address is the client
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


def throttle_address(request):
    """AXES_CLIENT_IP_CALLABLE: the address sign-in failures are counted under. An IPv6 client is
    counted per /LOGIN_IPV6_PREFIX network (a /64 is what one subscriber gets: counting per /128
    let one attacker try from 2**64 addresses), stored as the network's first address."""
    address = client_ip(request)
    if address and ":" in address:
        prefix = getattr(settings, "LOGIN_IPV6_PREFIX", 64)
        return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)
    return address
