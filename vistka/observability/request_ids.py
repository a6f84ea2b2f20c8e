"""The request id: the one our proxy (Varnish) sent in X-Request-Id, else a new one.

It lives in a context variable for the length of the request, so every log line written while
it is handled carries it (vistka.observability.logs.RequestIdFilter), and it goes back to the
client in the X-Request-Id response header. A client's own X-Request-Id is never believed: it
would let anyone plant ids (or log-injection text) in our logs; only a trusted proxy's is, and
only when it looks like an id.
"""

import contextvars
import re
import uuid

from vistka.core.proxies import is_trusted_proxy

current = contextvars.ContextVar("vistka_request_id", default=None)
SAFE_ID = re.compile(r"[A-Za-z0-9._:@-]{1,128}")


def choose(environ):
    """The id for this request: the trusted proxy's when it is well formed, else a new uuid4 hex."""
    offered = environ.get("HTTP_X_REQUEST_ID")
    if offered and SAFE_ID.fullmatch(offered) and is_trusted_proxy(environ.get("REMOTE_ADDR")):
        return offered
    return uuid.uuid4().hex
