"""Which peers are our own proxies (TRUSTED_PROXIES): only they may ask for what a client must not,
such as pages with ESI includes (Surrogate-Capability)."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=4)
def _networks(proxies):
    return tuple(ipaddress.ip_network(item, strict=False) for item in proxies)


@lru_cache(maxsize=256)  # keyed by the peer's address (the socket's, not a header)
def _is_trusted(address, proxies):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in _networks(proxies))


def is_trusted_proxy(remote_addr):
    return _is_trusted(remote_addr or "", tuple(settings.TRUSTED_PROXIES))
