"""The app's WSGI stack without the observability wrapper (vistka.wsgi less Observed, every other
layer kept, so the difference is the wrapper's alone): the drill
`observability` measures the fast path's hits through both, side by side.

`python -m drills.observability_bare_app [path]` (the drill's environment) prints, as JSON, the
CPU microseconds one fast-path hit of `path` takes in this process through each stack: the
wrapper's own cost without granian's, the network's or the machine's other load in the figure.
"""

import io
import json
import os
import sys
import time

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vistka.settings")
from vistka.accounts.wsgi_gate import SignInGate  # noqa: E402
from vistka.core.limits import BodyLimit  # noqa: E402
from vistka.delivery.fastpath import FastPath  # noqa: E402

application = BodyLimit(SignInGate(FastPath(get_wsgi_application())))
CALLS, REPEATS = 2_000, 5


def _environ(path):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "gzip, br",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
    }


def cpu_per_hit(app, path):
    """The least CPU µs per hit over REPEATS runs of CALLS hits (the least is the least disturbed)."""
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["x_cache"] = dict(headers).get("X-Cache")

    for _ in range(3):  # the first fills the fast path's store
        b"".join(app(_environ(path), start_response))
    if seen["x_cache"] != "HIT":
        raise RuntimeError(f"{path} is not a fast-path hit: {seen}")
    best = float("inf")
    for _ in range(REPEATS):
        started = time.process_time()
        for _ in range(CALLS):
            b"".join(app(_environ(path), start_response))
        best = min(best, (time.process_time() - started) / CALLS * 1e6)
    return best


if __name__ == "__main__":
    from vistka.wsgi import application as observed

    page = sys.argv[1] if len(sys.argv) > 1 else "/"
    bare_us, observed_us = [], []
    for _ in range(2):  # taking turns, so a burst of the machine's other load hits both
        bare_us.append(cpu_per_hit(application, page))
        observed_us.append(cpu_per_hit(observed, page))
    print(json.dumps({"bare": min(bare_us), "observed": min(observed_us)}))  # noqa: T201
