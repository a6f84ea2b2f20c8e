"""The app's own edge: hot public pages served from memory without the Django stack.

A WSGI wrapper around Django. A cacheable GET/HEAD is answered from an in-process store of
ready responses, compressed once (gzip and brotli) and kept until a purge names one of its keys
or its s-maxage runs out. A miss goes through Django once (concurrent misses for one page wait
for the first) and fills the store. Pages whose template rendered a latest-news slot (Django
names its markers in a header, see vistka.delivery.fragments) are kept split at those markers and
joined with the current fragment, re-compressed only when either changes.

Nobody steps around it: only a valid staff marker (vistka.delivery.staff_marker) passes a public
page to Django with its cookies; any other cookie is a reader's, served the stored copy, and a
miss renders without cookies. The key and what Django sees are the normalised host (an unknown
host is never stored) and only the parameters the route reads (vistka.delivery.query_params).
The store evicts scan-resistantly (segmented LRU: a flood of one-off URLs churns only the
probation segment) within FAST_PATH_MAX_ENTRIES and FAST_PATH_MAX_BYTES.

Stale on error: an expired or purged entry is kept up to its `stale-if-error` seconds; the next
request refills it (one at a time), and when Django answers 5xx or raises, the stale copy is
served (`X-Cache: STALE`) and Django is not asked again for STALE_RETRY_SECONDS.
"""

import gzip
import hashlib
import io
import logging
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from email.utils import formatdate
from functools import lru_cache

import brotli
from django.conf import settings
from django.http.request import split_domain_port, validate_host

from vistka.core.proxies import is_trusted_proxy
from vistka.delivery import fragments, purge_log, query_params, staff_marker

# The API sets its own caching and conditional-request rules; files have their own servers.
BYPASS_PREFIXES = ("/admin/", "/newsroom/", "/documents/", "/static/", "/media/", "/django-admin/", "/api/")
COMPRESSIBLE = (
    b"text/",
    b"application/json",
    b"application/xml",
    b"application/rss",
    b"application/atom",
    b"application/feed",
    b"application/ld",
)
SKIPPED_HEADERS = {
    "content-length",
    "content-encoding",
    "etag",
    "vary",
    "date",
    "x-cache",
    fragments.SLOTS_HEADER.lower(),
}
POLL_INTERVAL = purge_log.POLL_INTERVAL
purged_elsewhere = purge_log.purged_elsewhere  # vistka.reader forgets what other processes purged
# After Django failed to refill a stale entry, it is served stale this long before Django is
# asked again (a database that hangs must not hold every request of a page for its timeout).
STALE_RETRY_SECONDS = 1.0
# The protected segment's share of the store; the rest is probation, where new entries start.
PROTECTED_SHARE = 0.8
DEFAULT_PORTS = {"http": "80", "https": "443"}
logger = logging.getLogger(__name__)


def normalised_host(environ):
    """The Host as the key and Django see it: lower-case, no trailing dot, no port unless it is
    this server's own non-default one; None when ALLOWED_HOSTS does not allow it."""
    raw = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]  # as Django's get_host() allows
    scheme = "https" if _is_https(environ) else "http"
    return _host(raw[:300], str(environ.get("SERVER_PORT", "")), scheme, tuple(allowed))


@lru_cache(maxsize=1024)
def _host(raw, server_port, scheme, allowed):
    domain, port = split_domain_port(raw)
    if not domain or not validate_host(domain, allowed):
        return None
    if port and (port == DEFAULT_PORTS[scheme] or port != server_port):
        port = ""
    return f"{domain}:{port}" if port else domain


def _stale_if_error(cache_control):
    return _directive(cache_control, "stale-if-error")


class Variant:
    """One assembled body, in each encoding."""

    __slots__ = ("identity", "gzip", "br", "etag", "stamp")

    def __init__(self, body, compressible, stamp):
        self.identity = body
        self.etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        self.gzip = gzip.compress(body, 6) if compressible and len(body) > 512 else None
        self.br = brotli.compress(body, quality=5) if compressible and len(body) > 512 else None
        self.stamp = stamp


class Entry:
    __slots__ = (
        "status",
        "headers",
        "body",
        "keys",
        "expires",
        "stale_until",
        "retry_at",
        "size",
        "compressible",
        "variant",
        "segments",
        "fragments",
        "version",
    )

    def __init__(self, status, headers, body, keys, expires, compressible, slots=None, stale_for=0):
        self.status = status
        self.headers = headers
        self.body = body
        self.keys = keys
        self.expires = expires  # fresh until (time.monotonic()); a purge sets it to the past
        self.stale_until = expires + stale_for  # then kept for errors until this
        self.retry_at = 0.0  # a failed refill: serve stale without asking Django until this
        # The identity body and, at most as much again, its compressed variants.
        self.size = 2 * len(body) + sum(len(k) + len(v) for k, v in headers) + 256
        self.compressible = compressible
        # Split at the slots its template rendered: [bytes, (name, edition), bytes, ...].
        self.segments = fragments.segments(body, slots) if slots else None
        self.fragments = tuple(sorted(set(self.segments[1::2]))) if slots else ()
        self.variant = None
        self.version = 0


class Store:
    """Entries by URL, an index from cache key to URLs, and the purge-log cursor.

    Segmented LRU: a new entry starts in `probation`; a hit moves it to `protected` (at most
    PROTECTED_SHARE of the limits; its least recent go back to probation). Over the limits the
    least recent of probation go first, so one-off URLs only push out other one-off URLs.
    `entries` maps every URL (both segments) to its entry."""

    def __init__(self, max_entries=None, max_bytes=None):
        self.entries = {}
        self.probation = OrderedDict()
        self.protected = OrderedDict()
        self.bytes = {"probation": 0, "protected": 0}
        self.index = {}
        self.lock = threading.RLock()
        self.fill_locks = {}  # url: [lock, users]; dropped when nobody waits
        self._max_entries = max_entries
        self._max_bytes = max_bytes
        self.last_event = None
        self.next_poll = 0.0
        self.versions = 0

    @property
    def max_entries(self):
        return self._max_entries or settings.FAST_PATH_MAX_ENTRIES

    @property
    def max_bytes(self):
        return self._max_bytes or settings.FAST_PATH_MAX_BYTES

    def get(self, url):
        """The entry while it is fresh, else None."""
        entry = self.lookup(url)
        if entry is not None and entry.expires < time.monotonic():
            return None
        return entry

    def lookup(self, url):
        """The entry, fresh or stale (within its stale-if-error time); a hit promotes it."""
        entry = self.entries.get(url)
        if entry is None:
            return None
        if entry.stale_until < time.monotonic():
            with self.lock:
                if self.entries.get(url) is entry:
                    self._drop(url)
            return None
        with self.lock:
            self._touch(url, entry)
        return entry

    def _touch(self, url, entry):
        if url in self.protected:
            self.protected.move_to_end(url)
        elif self.probation.pop(url, None) is not None:
            self.bytes["probation"] -= entry.size
            self.protected[url] = entry
            self.bytes["protected"] += entry.size
            self._balance()

    def put(self, url, entry):
        with self.lock:
            self.versions += 1
            entry.version = self.versions
            self._drop(url)
            self.entries[url] = entry
            self.probation[url] = entry
            self.bytes["probation"] += entry.size
            for key in entry.keys:
                self.index.setdefault(key, set()).add(url)
            self._balance()

    def _balance(self):
        protected_entries = int(self.max_entries * PROTECTED_SHARE)
        protected_bytes = int(self.max_bytes * PROTECTED_SHARE)
        while self.protected and (
            len(self.protected) > protected_entries or self.bytes["protected"] > protected_bytes
        ):
            url, entry = self.protected.popitem(last=False)
            self.bytes["protected"] -= entry.size
            self.probation[url] = entry
            self.bytes["probation"] += entry.size
        while self.entries and (
            len(self.entries) > self.max_entries
            or self.bytes["probation"] + self.bytes["protected"] > self.max_bytes
        ):
            segment = self.probation or self.protected
            self._drop(next(iter(segment)))

    def _drop(self, url):
        entry = self.entries.pop(url, None)
        if entry is not None:
            for name, segment in (("probation", self.probation), ("protected", self.protected)):
                if segment.pop(url, None) is not None:
                    self.bytes[name] -= entry.size
            for key in entry.keys:
                urls = self.index.get(key)
                if urls is not None:
                    urls.discard(url)
                    if not urls:
                        del self.index[key]

    def discard(self, url):
        with self.lock:
            self._drop(url)

    def purge(self, keys, hard=False):
        """Entries naming any of `keys` become stale: refilled by the next request, served only
        while Django fails (and until their stale-if-error time ends). `hard`: they are dropped
        instead, never served again (an unpublished or newly restricted page)."""
        now = time.monotonic()
        with self.lock:
            for key in keys:
                if hard:
                    for url in list(self.index.get(key, ())):
                        self._drop(url)
                    continue
                for url in self.index.get(key, ()):
                    entry = self.entries[url]
                    if entry.expires >= now:
                        entry.expires = now - 1e-6
                        entry.retry_at = 0.0

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.probation.clear()
            self.protected.clear()
            self.bytes = {"probation": 0, "protected": 0}
            self.index.clear()

    def reset(self):
        """Empty, and as if just started: no fill locks, the purge-log cursor not yet read."""
        with self.lock:
            self.clear()
            self.fill_locks.clear()
            self.last_event = None
            self.next_poll = 0.0

    @contextmanager
    def filling(self, url):
        """Held while one request fills `url` (others wait for it); the lock is forgotten when
        nobody holds or waits for it, so one-off URLs leave nothing behind."""
        with self.lock:
            held = self.fill_locks.setdefault(url, [threading.Lock(), 0])
            held[1] += 1
        held[0].acquire()
        try:
            yield
        finally:
            held[0].release()
            with self.lock:
                held[1] -= 1
                if held[1] == 0 and self.fill_locks.get(url) is held:
                    del self.fill_locks[url]

    def obtain(self, url, fill):
        """(entry, X-Cache state, passthrough): the stored entry while fresh (HIT); else `fill()`
        → (entry or None, passthrough (status, headers, body)) under the URL's fill lock (MISS:
        the new entry, kept, or the answer not to keep as passthrough); and when it fails (5xx
        or an exception) while a stale entry is kept, that one (STALE)."""
        entry = self.lookup(url)
        now = time.monotonic()
        if entry is not None and entry.expires >= now:
            return entry, "HIT", None
        with self.filling(url):
            entry = self.lookup(url)  # another thread may have filled it meanwhile
            now = time.monotonic()
            if entry is not None and (entry.expires >= now or entry.retry_at > now):
                return entry, ("MISS" if entry.expires >= now else "STALE"), None
            try:
                fresh, passthrough = fill()
            except Exception:
                if entry is None:
                    raise
                entry.retry_at = time.monotonic() + STALE_RETRY_SECONDS
                return entry, "STALE", None
            if fresh is not None:
                self.put(url, fresh)
                return fresh, "MISS", None
            if entry is not None:
                if passthrough[0][:1] == "5":
                    entry.retry_at = time.monotonic() + STALE_RETRY_SECONDS
                    return entry, "STALE", None
                self.discard(url)  # no longer a page to keep: never served stale again
            return None, "MISS", passthrough

    def poll(self):
        """Apply purges other processes logged since the last look (vistka.delivery.purge_log)."""
        purge_log.follow(self)


STORE = Store()


class Captured:
    def __init__(self):
        self.status = None
        self.headers = None

    def start_response(self, status, headers, exc_info=None):
        self.status = status
        self.headers = headers
        return lambda data: None


class TokenBucket:
    """At most `rate` a second on average, `rate` at once."""

    def __init__(self, rate):
        self.rate = rate
        self.tokens = rate
        self.stamp = time.monotonic()
        self.lock = threading.Lock()

    def take(self):
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.rate, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens < 1:
                return False
            self.tokens -= 1
            return True


class _OldAddressLookups:
    """The process's budget of old-address lookups (`/?p=123`): each random one is a new URL that
    no cache holds, so a flood of them would reach Django and the database at every request
    (vistka.delivery.redirects answers without a render, but with a query). Within
    OLD_ADDRESS_LOOKUPS_PER_SECOND they are looked up; beyond it the reader is sent to the root
    without the parameters (a 302 made here, nothing stored), the way an unknown one is. This sits
    before everything else, so it also holds behind Varnish, whose fetches come here."""

    def __init__(self):
        self.bucket = None

    def take(self):
        rate = settings.OLD_ADDRESS_LOOKUPS_PER_SECOND
        if self.bucket is None or self.bucket.rate != rate:
            self.bucket = TokenBucket(rate)
        return self.bucket.take()


OLD_ADDRESS_LOOKUPS = _OldAddressLookups()


def _to_root_without_lookup(path, start_response):
    start_response(
        "302 Found",
        [("Location", path), ("Cache-Control", "private, no-store"), ("Content-Length", "0")],
    )
    return []


def _accepts(accept, coding):
    """Whether Accept-Encoding allows `coding` (its own entry, else `*`; q=0 refuses)."""
    if coding not in accept and "*" not in accept:
        return False
    quality = {}
    for part in accept.split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        quality[name.strip().lower()] = q
    return quality.get(coding, quality.get("*", 0.0)) > 0


def _is_https(environ):
    return environ.get("wsgi.url_scheme") == "https" or environ.get("HTTP_X_FORWARDED_PROTO") == "https"


def _header(headers, name):
    name = name.lower()
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def _directive(cache_control, name):
    """The seconds of a Cache-Control directive (`s-maxage=300`), 0 when absent or malformed."""
    prefix = name + "="
    for part in (cache_control or "").split(","):
        part = part.strip()
        if part.startswith(prefix):
            try:
                return max(0, int(part[len(prefix) :]))
            except ValueError:
                return 0
    return 0


def _s_maxage(cache_control):
    return _directive(cache_control, "s-maxage")


class FastPath:
    def __init__(self, app, store=STORE):
        self.app = app
        self.store = store

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        if (
            query_params.asks_old_address(path, environ.get("QUERY_STRING", ""))
            and not OLD_ADDRESS_LOOKUPS.take()
        ):
            return _to_root_without_lookup(path, start_response)
        if "HTTP_SURROGATE_CAPABILITY" in environ and not is_trusted_proxy(environ.get("REMOTE_ADDR")):
            # Only our Varnish asks for ESI: a client's header would skip this cache and get (and a
            # CDN in front keep) a page with raw <esi:include> instead of its latest-news column.
            del environ["HTTP_SURROGATE_CAPABILITY"]
        if (
            method not in ("GET", "HEAD")
            or path.startswith(BYPASS_PREFIXES)
            or path in settings.LOGIN_GATED_PATHS  # sign-in pages: their session and CSRF cookies
            or not settings.FAST_PATH_ENABLED
            or (settings.SECURE_SSL_REDIRECT and not _is_https(environ))
            # Behind Varnish, Varnish is the cache: its fetches (after a purge) must reach Django,
            # never a copy this process has not yet learnt is stale.
            or "ESI/1.0" in environ.get("HTTP_SURROGATE_CAPABILITY", "")
            # Staff see public pages as Django renders them for them; nobody else does.
            or staff_marker.valid_in(environ.get("HTTP_COOKIE", ""))
        ):
            return self.app(environ, start_response)
        query = query_params.normalise(path, environ.get("QUERY_STRING", ""))
        host = normalised_host(environ)
        if host is None:
            # Not a host this site serves: Django refuses it (400); nothing is stored for it.
            status, headers, body = self._call_django(environ, query, host=None)
            start_response(status, headers)
            return [] if method == "HEAD" else [body]
        url = f"{host}{path}?{query}"
        self.store.poll()
        entry, cache_state, passthrough = self.store.obtain(url, lambda: self._fill(environ, query, host))
        if entry is None:
            status, headers, body = passthrough
            if environ.get("HTTP_COOKIE") and status[:1] != "5":
                # Not a page to keep (a password-protected page, say): this answer may depend on
                # the reader's own session, so it is rendered again with their cookies.
                status, headers, body = self._call_django(environ, query, host, keep_cookies=True)
            status, headers, body = self._spliced(status, headers, body, host)
            start_response(status, headers)
            return [] if method == "HEAD" else [body]
        return self._serve(entry, environ, start_response, method, cache_state, host)

    def _call_django(self, environ, query, host, keep_cookies=False):
        environ = dict(environ)
        environ["QUERY_STRING"] = query
        if host is not None:
            environ["HTTP_HOST"] = host
        if not keep_cookies:
            # Whatever cookies a reader sends, the page is rendered (and kept) as the anonymous one;
            # nor does the key hold their language or credentials, so neither reaches the render
            # that is kept for everyone (Varnish removes them too).
            for name in ("HTTP_COOKIE", "HTTP_ACCEPT_LANGUAGE", "HTTP_AUTHORIZATION"):
                environ.pop(name, None)
        environ["vistka.fastpath"] = True
        environ.pop("HTTP_IF_NONE_MATCH", None)
        environ.pop("HTTP_IF_MODIFIED_SINCE", None)
        environ["HTTP_ACCEPT_ENCODING"] = "identity"
        environ["REQUEST_METHOD"] = "GET"
        captured = Captured()
        result = self.app(environ, captured.start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return captured.status, captured.headers, body

    def _fill(self, environ, query, host):
        status, headers, body = self._call_django(environ, query, host)
        cache_control = _header(headers, "Cache-Control") or ""
        ttl = _s_maxage(cache_control)
        cacheable = (
            "public" in cache_control
            and ttl > 0
            and _header(headers, "Set-Cookie") is None
            and status[:3] in ("200", "301", "404", "410")
        )
        if not cacheable:
            return None, (status, headers, body)
        content_type = (_header(headers, "Content-Type") or "").encode()
        kept = [(k, v) for k, v in headers if k.lower() not in SKIPPED_HEADERS]
        kept.append(("Vary", "Accept-Encoding"))
        keys = set((_header(headers, "xkey") or "").split())
        slots = fragments.parse_slots_header(_header(headers, fragments.SLOTS_HEADER))
        compressible = content_type.startswith(COMPRESSIBLE)
        expires = time.monotonic() + ttl
        stale_for = _stale_if_error(cache_control)
        entry = Entry(status, kept, body, keys, expires, compressible, slots, stale_for)
        return entry, None

    def _spliced(self, status, headers, body, host):
        """A response not kept (not cacheable) with its slots filled, as Django alone would."""
        slots = fragments.parse_slots_header(_header(headers, fragments.SLOTS_HEADER))
        if not slots:
            return status, headers, body

        def render(name, edition):
            fragment = self._fragment(name, edition, host) if host is not None else None
            return fragment.body if fragment else b""

        body = fragments.splice(body, slots, render)
        # Django's ETag described the page with its markers, not this body.
        skipped = {"content-length", "etag", fragments.SLOTS_HEADER.lower()}
        headers = [(k, v) for k, v in headers if k.lower() not in skipped]
        headers.append(("Content-Length", str(len(body))))
        return status, headers, body

    def _fragment(self, name, edition, host):
        path = fragments.fragment_path(name, edition)
        domain, port = split_domain_port(host)
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": domain or "localhost",
            "SERVER_PORT": port or "80",
            "HTTP_HOST": host or "localhost",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        try:
            url = f"{host}{path}?"
            entry, _state, passthrough = self.store.obtain(url, lambda: self._fill(environ, "", host))
        except Exception:  # noqa: BLE001 (the page without its column rather than an error)
            logger.exception("The %s fragment of %s could not be rendered", name, edition)
            return None
        if entry is None:
            # Not to be kept (s-maxage=0, say): this once, unversioned (version 0).
            status, _headers, body = passthrough
            return Entry(status, [], body, set(), 0.0, False) if status[:3] == "200" else None
        return entry

    def _variant(self, entry, host):
        if entry.segments is None:
            if entry.variant is None:
                entry.variant = Variant(entry.body, entry.compressible, ())
            return entry.variant
        found = {where: self._fragment(*where, host) for where in entry.fragments}
        stamp = tuple((where, fragment.version if fragment else 0) for where, fragment in found.items())
        variant = entry.variant
        if variant is not None and variant.stamp == stamp and all(version for _where, version in stamp):
            return variant
        body = b"".join(
            part if isinstance(part, bytes) else (found[part].body if found[part] else b"")
            for part in entry.segments
        )
        # A fragment not kept (s-maxage=0) or failing has version 0: its bytes decide.
        if variant is None or variant.stamp != stamp or variant.identity != body:
            variant = entry.variant = Variant(body, entry.compressible, stamp)
        return variant

    def _serve(self, entry, environ, start_response, method, cache_state, host):
        """Answer from the store. Under the observability wrapper (vistka.observability.observed),
        when the start_response it wrapped reached here untouched by the layers between: answer
        through the server's own with the wrapper's X-Request-Id, and leave it the status and
        X-Cache in environ["vistka.served"] (a hit then costs the wrapper no call of its own)."""
        variant = self._variant(entry, host)
        headers = list(entry.headers)
        headers.append(("ETag", variant.etag))
        headers.append(("X-Cache", cache_state))
        headers.append(("Date", formatdate(usegmt=True)))
        observed = environ.get("vistka.observed")  # (request id, its start_response, the server's)
        if observed is not None and observed[1] is start_response:
            request_id, _wrapped, start_response = observed
            headers.append(("X-Request-Id", request_id))
        else:
            observed = None
        inm = environ.get("HTTP_IF_NONE_MATCH")
        if (
            inm
            and entry.status[:3] == "200"
            and variant.etag in [t.strip() for t in inm.replace("W/", "").split(",")]
        ):
            if observed is not None:
                environ["vistka.served"] = ("304 Not Modified", cache_state)
            start_response("304 Not Modified", [(k, v) for k, v in headers if k.lower() != "content-type"])
            return []
        accept = environ.get("HTTP_ACCEPT_ENCODING", "")
        body = variant.identity
        if variant.br is not None and _accepts(accept, "br"):
            body = variant.br
            headers.append(("Content-Encoding", "br"))
        elif variant.gzip is not None and _accepts(accept, "gzip"):
            body = variant.gzip
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        if observed is not None:
            environ["vistka.served"] = (entry.status, cache_state)
        start_response(entry.status, headers)
        return [] if method == "HEAD" else [body]
