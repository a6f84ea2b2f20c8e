"""A private PostgreSQL cluster for drills that stop the database: initdb into a temporary
directory, its own port on 127.0.0.1, started and stopped by pg_ctl. The machine's own PostgreSQL
is never touched. As root, the cluster runs as the `postgres` system user (initdb refuses root)."""

import glob
import os
import pwd
import shutil
import subprocess
import time

from bench.procs import free_port


def _bindir():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    if initdb:
        return os.path.dirname(initdb)
    raise RuntimeError("PostgreSQL's initdb is not installed")


class PrivatePostgres:
    def __init__(self, directory, port=None):
        self.directory = os.path.join(directory, "pgdata")
        self.socket_dir = os.path.join(directory, "pgsock")
        self.log = os.path.join(directory, "postgres.log")
        self.port = port or free_port()
        self.bin = _bindir()
        self.user = None
        if os.geteuid() == 0:
            self.user = pwd.getpwnam("postgres")
            os.chown(directory, self.user.pw_uid, self.user.pw_gid)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *argv, check=True, timeout=120):
        argv = [os.path.join(self.bin, argv[0]), *argv[1:]]
        if self.user is not None:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, check=check, capture_output=True, text=True, timeout=timeout)  # noqa: S603

    def init(self):
        os.makedirs(self.socket_dir, exist_ok=True)
        if self.user is not None:
            os.chown(self.socket_dir, self.user.pw_uid, self.user.pw_gid)
        self._run("initdb", "-D", self.directory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        return self

    def start(self, timeout=30):
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        argv = ["pg_ctl", "-D", self.directory, "-l", self.log, "-o", options, "-w", "-t", f"{timeout}"]
        self._run(*argv, "start")
        return self

    def stop(self, mode="fast"):
        """Stop the cluster (mode fast: sessions are cut; immediate: as if it crashed)."""
        self._run("pg_ctl", "-D", self.directory, "-m", mode, "-w", "stop", check=False)

    def is_running(self):
        return self._run("pg_ctl", "-D", self.directory, "status", check=False).returncode == 0

    def wait_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._run("pg_isready", "-h", "127.0.0.1", "-p", str(self.port), check=False).returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError(f"private PostgreSQL on {self.port} not ready in {timeout} s")

    def __enter__(self):
        return self.init().start()

    def __exit__(self, *exc):
        if os.path.exists(self.directory):
            self.stop("immediate")
