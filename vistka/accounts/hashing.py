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

One helper process per app process (LOGIN_HASHING_PROCESSES), started on first use; it dies with
its parent (PR_SET_PDEATHSIG), so a killed worker leaves nothing behind.
"""

import base64
import ctypes
import hashlib
import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils.encoding import force_bytes

PR_SET_PDEATHSIG = 1
_pool = {"pid": None, "executor": None}
_pool_lock = threading.Lock()


def _lower_priority():
    """In the helper: lowest CPU priority, and die with the app process that started it."""
    os.nice(19)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown still ends it
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def executor():
    """This process's pool (a forked app worker starts its own, never its parent's)."""
    with _pool_lock:
        if _pool["pid"] != os.getpid() or _pool["executor"] is None:
            _pool["executor"] = ProcessPoolExecutor(
                max_workers=settings.LOGIN_HASHING_PROCESSES,
                # fork: the helper runs only hashlib; spawn would re-run granian's entry module
                mp_context=multiprocessing.get_context("fork"),
                initializer=_lower_priority,
            )
            _pool["pid"] = os.getpid()
        return _pool["executor"]


def _forget(broken):
    with _pool_lock:
        if _pool["executor"] is broken:
            _pool["executor"] = None


def in_helper(function, *args):
    """function(*args) in the low-priority helper; a helper that died is replaced once."""
    for attempt in (1, 2):
        pool = executor()
        try:
            return pool.submit(function, *args).result()
        except BrokenProcessPool:
            _forget(pool)
            if attempt == 2:
                raise
    return None  # not reached


class LowPriorityPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's pbkdf2_sha256, the PBKDF2 itself run by in_helper()."""

    def encode(self, password, salt, iterations=None):
        self._check_encode_args(password, salt)
        iterations = iterations or self.iterations
        derived = in_helper(
            hashlib.pbkdf2_hmac, self.digest().name, force_bytes(password), force_bytes(salt), iterations
        )
        derived = base64.b64encode(derived).decode("ascii").strip()
        return f"{self.algorithm}${iterations}${salt}${derived}"
