"""PBKDF2 password hashes computed in a helper process at the lowest CPU priority (nice 19).

A production hash is a CPU-second of PBKDF2 (1,000,000 iterations). Under a flood of
wrong-password sign-ins each app process hashes without pause (the gate lets one at a time through,
and Django hashes for unknown user names too, so that timing does not tell which names exist): on
two cores, two app processes kept both cores busy and cached reader pages waited for the CPU
(reader p99 over 500 ms, profiled: two thirds of the workers' busy samples were pbkdf2). Hashing
in a thread of lower priority was tried and dropped: descheduled while holding the GIL, it made the
readers of its own process wait. A separate process has its own GIL: at nice 19 it gets only the
CPU nobody else wants, so readers are served first and a sign-in on an idle machine is as fast as
before. The hash (algorithm, iterations, salt, format) is Django's own: stored hashes stay valid.

One helper process per app process, started on first use, one hash at a time (the sign-in gate
lets one sign-in at a time through anyway). It is a daemon (ended when its app process exits, even
mid-hash: a ProcessPoolExecutor made a stopping worker wait for a starved nice-19 hash) and dies
with its parent (PR_SET_PDEATHSIG), so a killed worker leaves nothing behind. LOGIN_HASHING_NICE
sets its niceness (19: readers always first; a sign-in on a CPU-saturated machine waits).
"""

import base64
import ctypes
import hashlib
import multiprocessing
import os
import signal
import threading

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils.encoding import force_bytes

PR_SET_PDEATHSIG = 1
_helper = {"pid": None, "process": None, "connection": None}
_helper_lock = threading.Lock()


def _serve(connection, niceness):
    """The helper: lowest priority, dies with its parent, hashes what it is sent until EOF."""
    os.nice(niceness)
    # A forked child holds copies of every descriptor of its parent (sockets, a test's browser-driver
    # pipe, ...): one kept open here would keep the other end from ever seeing EOF (a Playwright
    # driver then waited forever for its stdin to close). Keep only the pipe to the parent.
    keep = connection.fileno()
    os.closerange(3, keep)
    os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: ended as a daemon when the parent exits
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            args = connection.recv()
        except EOFError:
            return
        connection.send(hashlib.pbkdf2_hmac(*args))


def _start():
    # fork: the helper runs only hashlib (spawn would re-run granian's entry module)
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(
        target=_serve, args=(child, settings.LOGIN_HASHING_NICE), name="vistka-hashing", daemon=True
    )
    process.start()
    child.close()
    _helper.update(pid=os.getpid(), process=process, connection=parent)


def pbkdf2_in_helper(digest_name, password, salt, iterations):
    """hashlib.pbkdf2_hmac in the helper (started or replaced here when missing or dead)."""
    with _helper_lock:
        for attempt in (1, 2):
            if _helper["pid"] != os.getpid() or not _helper["process"].is_alive():
                _start()  # a forked app worker starts its own, never uses its parent's
            try:
                _helper["connection"].send((digest_name, password, salt, iterations))
                return _helper["connection"].recv()
            except (EOFError, OSError):  # the helper died (killed): start another, once
                _helper["pid"] = None
                if attempt == 2:
                    raise
    return None  # not reached


class LowPriorityPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's pbkdf2_sha256, the PBKDF2 itself run by the low-priority helper."""

    def encode(self, password, salt, iterations=None):
        self._check_encode_args(password, salt)
        iterations = iterations or self.iterations
        derived = pbkdf2_in_helper(self.digest().name, force_bytes(password), force_bytes(salt), iterations)
        derived = base64.b64encode(derived).decode("ascii").strip()
        return f"{self.algorithm}${iterations}${salt}${derived}"
