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
        ("::ffff:203.0.113.9", "", LOCAL, "203.0.113.9"),  # IPv4-mapped peer: reported as IPv4
        ("127.0.0.1", "::ffff:203.0.113.9", LOCAL, "203.0.113.9"),  # IPv4-mapped hop: as IPv4
        ("::ffff:127.0.0.1", "1.2.3.4,", LOCAL, "127.0.0.1"),  # empty last hop: the proxy's peer
        ("127.0.0.1", "1.2.3.4, unknown", LOCAL, "127.0.0.1"),  # "unknown": end of the chain
        ("127.0.0.1", "203.0.113.9, unknown, 127.0.0.1", LOCAL, "127.0.0.1"),  # last valid before it
        ("127.0.0.1", "203.0.113.9, 198.51.100.1:" + "9" * 80, LOCAL, "127.0.0.1"),  # an overlong hop
        ("127.0.0.1", "", LOCAL, "127.0.0.1"),
        ("not-an-address", "203.0.113.9", LOCAL, None),
    ],
)
def test_resolve(remote, forwarded, proxies, client):
    assert resolve(remote, forwarded, proxies) == client


def test_nothing_is_cached_by_the_raw_header():
    """2,000 distinct 8 KiB headers from a trusted proxy keep no 8 KiB strings alive (16 MB before)."""
    import gc
    import tracemalloc

    resolve("127.0.0.1", "203.0.113.9", LOCAL)  # warm the hop cache
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(2000):
            header = "x" * 8000 + f", 198.51.100.{number % 250}, {number}.0.0.1"
            resolve("127.0.0.1", header, LOCAL)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 2_000_000, grown


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("2001:db8::1", "2001:db8::"),
        ("2001:db8::ffff:1:2", "2001:db8::"),
        ("2001:db8:0:1::1", "2001:db8:0:1::"),
        ("203.0.113.9", "203.0.113.9"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
    ],
)
def test_sign_in_failures_are_counted_per_ipv6_64(address, counted_as, rf):
    from vistka.accounts.client_ip import throttle_address

    assert throttle_address(rf.get("/", REMOTE_ADDR=address)) == counted_as
