"""Short-lived caching of small records every page shows (sections menu, edition settings).

Saving such a record clears its key in this process at once; other processes (and Redis
users) see the change within RECORD_TTL seconds.
"""

from django.core.cache import cache

RECORD_TTL = 60
_MISSING = object()


def cached_record(key, compute, ttl=RECORD_TTL):
    key = f"record:{key}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, ttl)
    return value


def forget_record(key):
    cache.delete(f"record:{key}")
