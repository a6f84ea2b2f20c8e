"""The request id: the one our proxy (Varnish) sent in X-Request-Id, else a new one.

It lives in a context variable for the length of the request, so every log line written while
it is handled carries it (vistka.observability.logs.RequestIdFilter), and it goes back to the
client in the X-Request-Id response header. A client's own X-Request-Id is never believed: it
would let anyone plant ids (or log-injection text) in our logs; only a trusted proxy's is, and
only when it looks like an id.

A new id is 32 hex digits: a random prefix drawn once per process (64 bits from `secrets`, drawn
again in a forked child) and that process's request counter. Ids are for finding a request's log
lines, not secrets: they must be unique, which the prefix makes them across processes and the
counter within one, and they cost no system call (a uuid4 per request read the kernel's random
source on every fast-path hit). The next id of a process can be guessed from one it answered;
nothing trusts an id for anything but correlation.
"""

import contextvars
import itertools
import os
import re
import secrets

from vistka.core.proxies import is_trusted_proxy

current = contextvars.ContextVar("vistka_request_id", default=None)
SAFE_ID = re.compile(r"[A-Za-z0-9._:@-]{1,128}")


COUNTER_START = 1 << 63  # from here to 2**64 (never reached) hex() gives exactly 16 digits
_prefix = ""
_counter = None


def _renew():
    """A new prefix and counter (at start, and in a forked child: its parent's would repeat)."""
    global _prefix, _counter
    _prefix = secrets.token_hex(8)
    _counter = itertools.count(COUNTER_START)  # next() is one C call: no lock between threads


_renew()
os.register_at_fork(after_in_child=_renew)


def new_id():
    return _prefix + hex(next(_counter))[2:]


def choose(environ):
    """The id for this request: the trusted proxy's when it is well formed, else a new one."""
    offered = environ.get("HTTP_X_REQUEST_ID")
    if offered and SAFE_ID.fullmatch(offered) and is_trusted_proxy(environ.get("REMOTE_ADDR")):
        return offered
    return new_id()
