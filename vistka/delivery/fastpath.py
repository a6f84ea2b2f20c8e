"""The app's own edge: hot public pages served from memory without the Django stack.

A WSGI wrapper around Django. A cacheable GET/HEAD is answered from an in-process store of
ready responses, compressed once (gzip and brotli) and kept until a purge names one of its keys
or its s-maxage runs out. A miss goes through Django once (concurrent misses for one page wait
for the first) and fills the store. Pages whose template rendered a latest-news slot (Django
names its markers in a header, see vistka.delivery.fragments) are kept split at those markers and
joined with the current fragment, re-compressed only when either changes.
"""

import gzip
import hashlib
import io
import threading
import time
from collections import OrderedDict
from email.utils import formatdate
from urllib.parse import parse_qsl, urlencode

import brotli
from django.conf import settings

from vistka.core.proxies import is_trusted_proxy
from vistka.delivery import fragments, purge_log

# The API sets its own caching and conditional-request rules; files have their own servers.
BYPASS_PREFIXES = ("/admin/", "/newsroom/", "/documents/", "/static/", "/media/", "/django-admin/", "/api/")
ALLOWED_PARAMS = {
    "q",
    "order",
    "offset",
    "before",
    "cursor",
    "limit",
    "edition",
    "kind",
    "section",
    "tag",
    "author",
    "since",
    "until",
}
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


def normalise_query(query_string):
    """Only parameters the site uses, sorted: `?utm=..&x=1` and friends cannot bypass the cache."""
    if not query_string:
        return ""
    pairs = sorted((k, v) for k, v in parse_qsl(query_string, keep_blank_values=False) if k in ALLOWED_PARAMS)
    return urlencode(pairs)


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
        "compressible",
        "variant",
        "segments",
        "fragments",
        "version",
    )

    def __init__(self, status, headers, body, keys, expires, compressible, slots=None):
        self.status = status
        self.headers = headers
        self.body = body
        self.keys = keys
        self.expires = expires
        self.compressible = compressible
        # Split at the slots its template rendered: [bytes, (name, edition), bytes, ...].
        self.segments = fragments.segments(body, slots) if slots else None
        self.fragments = tuple(sorted(set(self.segments[1::2]))) if slots else ()
        self.variant = None
        self.version = 0


class Store:
    """Entries by URL, an index from cache key to URLs, and the purge-log cursor."""

    def __init__(self, max_entries=20_000):
        self.entries = OrderedDict()
        self.index = {}
        self.lock = threading.RLock()
        self.fill_locks = {}
        self.max_entries = max_entries
        self.last_event = None
        self.next_poll = 0.0
        self.versions = 0

    def get(self, url):
        entry = self.entries.get(url)
        if entry is not None and entry.expires < time.monotonic():
            return None
        return entry

    def put(self, url, entry):
        with self.lock:
            self.versions += 1
            entry.version = self.versions
            self._drop(url)
            self.entries[url] = entry
            for key in entry.keys:
                self.index.setdefault(key, set()).add(url)
            while len(self.entries) > self.max_entries:
                self._drop(next(iter(self.entries)))

    def _drop(self, url):
        entry = self.entries.pop(url, None)
        if entry is not None:
            for key in entry.keys:
                urls = self.index.get(key)
                if urls is not None:
                    urls.discard(url)
                    if not urls:
                        del self.index[key]

    def purge(self, keys):
        with self.lock:
            for key in keys:
                for url in list(self.index.get(key, ())):
                    self._drop(url)

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.index.clear()

    def reset(self):
        """Empty, and as if just started: no fill locks, the purge-log cursor not yet read."""
        with self.lock:
            self.clear()
            self.fill_locks.clear()
            self.last_event = None
            self.next_poll = 0.0

    def fill_lock(self, url):
        with self.lock:
            return self.fill_locks.setdefault(url, threading.Lock())

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


def _s_maxage(cache_control):
    for part in (cache_control or "").split(","):
        part = part.strip()
        if part.startswith("s-maxage="):
            try:
                return int(part[9:])
            except ValueError:
                return 0
    return 0


class FastPath:
    def __init__(self, app, store=STORE):
        self.app = app
        self.store = store

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        if "HTTP_SURROGATE_CAPABILITY" in environ and not is_trusted_proxy(environ.get("REMOTE_ADDR")):
            # Only our Varnish asks for ESI: a client's header would skip this cache and get (and a
            # CDN in front keep) a page with raw <esi:include> instead of its latest-news column.
            del environ["HTTP_SURROGATE_CAPABILITY"]
        if (
            method not in ("GET", "HEAD")
            or path.startswith(BYPASS_PREFIXES)
            or "sessionid=" in environ.get("HTTP_COOKIE", "")
            or not settings.FAST_PATH_ENABLED
            or (settings.SECURE_SSL_REDIRECT and not _is_https(environ))
            # Behind Varnish, Varnish is the cache: its fetches (after a purge) must reach Django,
            # never a copy this process has not yet learnt is stale.
            or "ESI/1.0" in environ.get("HTTP_SURROGATE_CAPABILITY", "")
        ):
            return self.app(environ, start_response)
        query = normalise_query(environ.get("QUERY_STRING", ""))
        url = f"{environ.get('HTTP_HOST', '')}{path}?{query}"
        self.store.poll()
        entry = self.store.get(url)
        cache_state = "HIT"
        if entry is None:
            cache_state = "MISS"
            with self.store.fill_lock(url):
                entry = self.store.get(url)  # another thread may have filled it meanwhile
                if entry is None:
                    entry, passthrough = self._fill(environ, query)
                    if entry is None:
                        status, headers, body = self._spliced(*passthrough, environ)
                        start_response(status, headers)
                        return [] if method == "HEAD" else [body]
                    self.store.put(url, entry)
        return self._serve(entry, environ, start_response, method, cache_state)

    def _call_django(self, environ, query):
        environ = dict(environ)
        environ["QUERY_STRING"] = query
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

    def _fill(self, environ, query):
        status, headers, body = self._call_django(environ, query)
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
        entry = Entry(status, kept, body, keys, time.monotonic() + ttl, compressible, slots)
        return entry, None

    def _spliced(self, status, headers, body, environ):
        """A response not kept (not cacheable) with its slots filled, as Django alone would."""
        slots = fragments.parse_slots_header(_header(headers, fragments.SLOTS_HEADER))
        if not slots:
            return status, headers, body
        host = environ.get("HTTP_HOST", "")

        def render(name, edition):
            fragment = self._fragment(name, edition, host)
            return fragment.body if fragment else b""

        body = fragments.splice(body, slots, render)
        # Django's ETag described the page with its markers, not this body.
        skipped = {"content-length", "etag", fragments.SLOTS_HEADER.lower()}
        headers = [(k, v) for k, v in headers if k.lower() not in skipped]
        headers.append(("Content-Length", str(len(body))))
        return status, headers, body

    def _fragment(self, name, edition, host):
        url = f"{host}{fragments.fragment_path(name, edition)}?"
        entry = self.store.get(url)
        if entry is None:
            with self.store.fill_lock(url):
                entry = self.store.get(url)
                if entry is None:
                    environ = {
                        "REQUEST_METHOD": "GET",
                        "PATH_INFO": fragments.fragment_path(name, edition),
                        "QUERY_STRING": "",
                        "SERVER_NAME": host.split(":")[0] or "localhost",
                        "SERVER_PORT": "80",
                        "HTTP_HOST": host or "localhost",
                        "wsgi.url_scheme": "http",
                        "wsgi.input": io.BytesIO(b""),
                        "wsgi.errors": io.StringIO(),
                        "SERVER_PROTOCOL": "HTTP/1.1",
                    }
                    entry, passthrough = self._fill(environ, "")
                    if entry is None:
                        # Not to be kept (s-maxage=0, say): this once, unversioned (version 0).
                        status, _headers, body = passthrough
                        return Entry(status, [], body, set(), 0.0, False) if status[:3] == "200" else None
                    self.store.put(url, entry)
        return entry

    def _variant(self, entry, environ):
        if entry.segments is None:
            if entry.variant is None:
                entry.variant = Variant(entry.body, entry.compressible, ())
            return entry.variant
        host = environ.get("HTTP_HOST", "")
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

    def _serve(self, entry, environ, start_response, method, cache_state):
        variant = self._variant(entry, environ)
        headers = list(entry.headers)
        headers.append(("ETag", variant.etag))
        headers.append(("X-Cache", cache_state))
        headers.append(("Date", formatdate(usegmt=True)))
        inm = environ.get("HTTP_IF_NONE_MATCH")
        if (
            inm
            and entry.status[:3] == "200"
            and variant.etag in [t.strip() for t in inm.replace("W/", "").split(",")]
        ):
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
        start_response(entry.status, headers)
        return [] if method == "HEAD" else [body]
