"""Locks held by at most one process at a time, never waited for: "may I run this now?".

PostgreSQL: a session advisory lock, per database (released by the server if the process dies).
Elsewhere: `flock` on a file (released by the OS if the process dies)."""

import fcntl
import hashlib
import os
from contextlib import contextmanager

from django.db import connection


def advisory_key(name):
    """A pg_try_advisory_lock key: the first 8 bytes of sha256(name), as a signed bigint."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def advisory_lock(key):
    """Yields whether this session took the lock; releases it at the end if so."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@contextmanager
def file_lock(path):
    """Yields whether this process took the lock on `path` (created if missing)."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
