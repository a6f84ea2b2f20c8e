"""The client's address: X-Forwarded-For believed only as far as trusted proxies wrote it."""

import pytest

from vistka.accounts.client_ip import resolve

LOCAL = ("127.0.0.1", "::1")
CDN = ("127.0.0.1", "::1", "192.0.2.0/24")


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "client"),
    [
        ("203.0.113.9", "", LOCAL, "203.0.113.9"),  # no proxy
        ("203.0.113.9", "1.2.3.4", LOCAL, "203.0.113.9"),  # a client's own header: ignored
        ("127.0.0.1", "1.2.3.4, 203.0.113.9", LOCAL, "203.0.113.9"),  # Varnish appended the real one
        ("127.0.0.1", "203.0.113.9, 192.0.2.10", CDN, "203.0.113.9"),  # CDN, then Varnish
        ("127.0.0.1", "203.0.113.9, 192.0.2.10", LOCAL, "192.0.2.10"),  # the CDN is not trusted
        ("127.0.0.1", "garbage, 203.0.113.9", LOCAL, "203.0.113.9"),
        ("127.0.0.1", "203.0.113.9, garbage", LOCAL, "127.0.0.1"),  # a trusted hop wrote nonsense
        ("127.0.0.1", "[2001:db8::7]:443", LOCAL, "2001:db8::7"),
        ("127.0.0.1", "203.0.113.9:51234", LOCAL, "203.0.113.9"),
        ("::ffff:127.0.0.1", "203.0.113.9", LOCAL, "203.0.113.9"),  # IPv4-mapped loopback
        ("127.0.0.1", "", LOCAL, "127.0.0.1"),
        ("not-an-address", "203.0.113.9", LOCAL, None),
    ],
)
def test_resolve(remote, forwarded, proxies, client):
    assert resolve(remote, forwarded, proxies) == client
